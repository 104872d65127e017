// browse.read's bounds, seen from the Kafka side: unsubscribing stops the
// fetching, a client that has not taken what was sent pauses the fetching,
// and the time bound ends the read with what was fetched. The
// backend's own KafkaClient (real kafkajs underneath) is wrapped to count
// fetches, and the clock is pushed forward instead of waiting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowseService } from '../../../src/backend/browse/browse-service.js';
import { ConnectionRegistry, LOCAL_CONNECTION_ID } from '../../../src/backend/connections/connection-registry.js';
import { browseHandlers } from '../../../src/backend/handlers/browse.js';
import type { KafkaClient } from '../../../src/backend/kafka/client.js';
import { createKafkaClient } from '../../../src/backend/kafka/kafkajs-client.js';
import { silentLogger, systemClock, type Clock } from '../../../src/backend/ports.js';
import type { BrowseEvent } from '../../../src/shared/contract/browse.js';
import { contract, type Contract } from '../../../src/shared/contract/index.js';
import { createDispatcher, type Handlers } from '../../../src/shared/rpc/dispatcher.js';
import { kafkaFor, makeTempDir, startTestBroker, type TestBroker } from '../broker/helpers.js';
import { outcomeOf } from './browse-support.js';

const RECORDS = 1_000;
const VALUE_BYTES = 4_096;

describe('browse.read bounds', () => {
  let broker: TestBroker;
  let dir: { path: string; remove(): void };
  let registry: ConnectionRegistry;
  let skewMs = 0;
  const clock: Clock = { now: () => systemClock.now() + skewMs, sleep: systemClock.sleep };
  const stats = { fetches: 0, inFlight: 0, recordsFetched: 0, afterFetch: undefined as (() => void) | undefined };

  beforeAll(async () => {
    broker = await startTestBroker();
    dir = makeTempDir();
    registry = new ConnectionRegistry({
      userDataDir: dir.path,
      logger: silentLogger,
      localBootstrap: () => broker.bootstrap,
      createClient: (profile) => {
        const real = createKafkaClient(profile, { logger: silentLogger });
        const counted: KafkaClient = {
          ...real,
          reader: {
            ...real.reader,
            fetch: async (request) => {
              stats.fetches++;
              stats.inFlight++;
              try {
                const answer = await real.reader.fetch(request);
                stats.recordsFetched += answer.reduce((n, p) => n + p.records.length, 0);
                return answer;
              } finally {
                stats.inFlight--;
                stats.afterFetch?.();
              }
            },
          },
        };
        return counted;
      },
    });
    const producer = kafkaFor(broker).producer();
    await producer.connect();
    // 4 KiB values in batches of 50: a 512 KiB fetch takes a few batches, so reading all takes many fetches.
    for (let b = 0; b < RECORDS / 50; b++) {
      await producer.send({ topic: 'wide', messages: Array.from({ length: 50 }, (_, i) => ({ partition: 0, value: `${b * 50 + i} `.padEnd(VALUE_BYTES, 'x') })) });
    }
    await producer.disconnect();
  });
  afterAll(async () => {
    await registry?.dispose();
    await broker?.stop();
    dir?.remove();
  });

  const reset = () => {
    stats.fetches = 0;
    stats.recordsFetched = 0;
    stats.afterFetch = undefined;
    skewMs = 0;
  };

  it('stops fetching once the subscriber unsubscribes', async () => {
    reset();
    const dispatcher = createDispatcher(contract, browseHandlers(new BrowseService(registry, clock)) as unknown as Handlers<Contract>, { validateOutput: true });
    const events: BrowseEvent[] = [];
    let ended = false;
    let unsubscribe: () => void = () => undefined;
    const firstRecords = new Promise<void>((resolve) => {
      unsubscribe = dispatcher.subscribe(
        'browse.read',
        { connectionId: LOCAL_CONNECTION_ID, topic: 'wide', start: { from: 'earliest' }, maxRecords: 100_000 },
        {
          emit: (event) => {
            events.push(event as BrowseEvent);
            if ((event as BrowseEvent).type === 'records') resolve();
          },
          end: () => {
            ended = true;
          },
        },
      );
    });
    await firstRecords;
    unsubscribe();
    const fetchesAtCancel = stats.fetches;
    const eventsAtCancel = events.length;
    // Let a fetch that was already on the wire come back; the loop must not send another.
    const deadline = Date.now() + 5_000;
    while (stats.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 200));

    expect(stats.inFlight).toBe(0);
    expect(stats.fetches).toBe(fetchesAtCancel);
    expect(stats.recordsFetched).toBeLessThan(RECORDS);
    expect(events.length).toBe(eventsAtCancel);
    expect(events.some((e) => e.type === 'done')).toBe(false);
    expect(ended).toBe(false);
  });

  it('waits while the client has not taken what was sent, then carries on', async () => {
    reset();
    let backlogBytes = 64 * 1024 * 1024;
    const events: BrowseEvent[] = [];
    const ended = new Promise<void>((resolve, reject) => {
      void new BrowseService(registry, clock)
        .read(
          { connectionId: LOCAL_CONNECTION_ID, topic: 'wide', start: { from: 'earliest' }, maxRecords: 100_000, maxWaitMs: 30_000 },
          { emit: (e) => events.push(e), end: (error) => (error ? reject(new Error(error.message)) : resolve()), backlog: () => backlogBytes },
          new AbortController().signal,
        )
        .catch(reject);
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(stats.fetches).toBe(0);
    expect(events.map((e) => e.type)).toEqual(['progress']);
    backlogBytes = 0;
    await ended;
    expect(outcomeOf(events).done).toMatchObject({ reason: 'end', records: RECORDS });
  });

  it('ends with reason "time" when maxWaitMs passes, delivering what was fetched', async () => {
    reset();
    // The second fetch comes back after the deadline.
    stats.afterFetch = () => {
      if (stats.fetches === 2) skewMs = 60_000;
    };
    const events: BrowseEvent[] = [];
    const service = new BrowseService(registry, clock);
    await new Promise<void>((resolve, reject) => {
      void service
        .read(
          { connectionId: LOCAL_CONNECTION_ID, topic: 'wide', start: { from: 'earliest' }, maxRecords: 100_000, maxWaitMs: 10_000 },
          { emit: (e) => events.push(e), end: (error) => (error ? reject(new Error(error.message)) : resolve()) },
          new AbortController().signal,
        )
        .catch(reject);
    });
    const out = outcomeOf(events);
    expect(stats.fetches).toBe(2);
    expect(stats.recordsFetched).toBeGreaterThan(0);
    expect(stats.recordsFetched).toBeLessThan(RECORDS);
    expect(out.records.map((r) => r.offset)).toEqual(Array.from({ length: stats.recordsFetched }, (_, i) => String(i)));
    expect(out.done).toMatchObject({ type: 'done', reason: 'time', records: stats.recordsFetched });
    expect(out.lastProgress!.partitions).toEqual([{ partition: 0, start: '0', position: String(stats.recordsFetched), end: String(RECORDS) }]);
  });
});
