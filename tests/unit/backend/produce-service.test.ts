// ProduceService against a stand-in for our own KafkaClient interface (not
// kafkajs) and a manual clock: pacing and chunking are checked without time passing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectionRegistry } from '../../../src/backend/connections/connection-registry.js';
import type { KafkaClient, OutgoingRecord } from '../../../src/backend/kafka/client.js';
import { silentLogger, type Clock } from '../../../src/backend/ports.js';
import { ProduceService, type ProduceRequest } from '../../../src/backend/produce/produce-service.js';
import { AppFailure } from '../../../src/shared/rpc/result.js';

class ManualClock implements Clock {
  time = 1_000_000;
  readonly sleeps: number[] = [];
  now() {
    return this.time;
  }
  async sleep(ms: number) {
    this.sleeps.push(ms);
    this.time += ms;
  }
}

/** Records every request; partition 0 and 1 exist; offsets count up per partition. */
function recordingClient(requests: OutgoingRecord[][], maxMessageBytes = 1_048_588): KafkaClient {
  const next = new Map<number, bigint>();
  const refuse = () => Promise.reject(new Error('not used'));
  return {
    admin: {
      describeCluster: refuse,
      topicMetadata: async () => [{ name: 'events', internal: false, partitions: [0, 1].map((partition) => ({ partition, leader: 1, replicas: [1], isr: [1] })) }],
      topicSizes: refuse,
      createTopic: refuse,
      deleteTopic: refuse,
      createPartitions: refuse,
      topicConfigs: async () => [{ name: 'max.message.bytes', value: String(maxMessageBytes), isDefault: true, readOnly: false, sensitive: false, isTopicOverride: false }],
      replaceTopicConfigs: refuse,
    },
    groups: { list: refuse, describe: refuse, committedOffsets: refuse, commitOffsets: refuse, delete: refuse },
    reader: { fetch: refuse, offsetsForTimestamp: refuse, watermarks: refuse },
    producer: async () => ({
      send: async (_topic, records) => {
        requests.push(records);
        return records.map((r) => {
          const partition = r.partition ?? 0;
          const offset = next.get(partition) ?? 0n;
          next.set(partition, offset + 1n);
          return { partition, offset };
        });
      },
    }),
    close: async () => undefined,
  };
}

describe('ProduceService', () => {
  let dir: string;
  let clock: ManualClock;
  let requests: OutgoingRecord[][];
  let maxMessageBytes: number;
  let service: ProduceService;
  let connectionId: string;

  const request = (overrides: Partial<ProduceRequest> = {}): ProduceRequest => ({
    connectionId,
    topic: 'events',
    key: null,
    value: { encoding: 'utf8', data: 'v{{i}}' },
    valueMode: 'text',
    headers: [],
    count: 1,
    ...overrides,
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kafka-lanes-produce-'));
    clock = new ManualClock();
    requests = [];
    maxMessageBytes = 1_048_588;
    const registry = new ConnectionRegistry({ userDataDir: dir, logger: silentLogger, localBootstrap: () => '127.0.0.1:9092', createClient: () => recordingClient(requests, maxMessageBytes) });
    connectionId = registry.save({ name: 'fake', bootstrapServers: ['fake:9092'], clientId: 'c', readOnly: false, color: '#000000' }).id;
    service = new ProduceService(registry, clock, { uuid: () => 'uuid', random: () => 0 });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('paces copies with the clock: 100/s goes out as 5 records every 50 ms', async () => {
    const outcome = await service.send(request({ count: 20, ratePerSecond: 100 }));
    expect(requests.map((r) => r.length)).toEqual([5, 5, 5, 5]);
    expect(clock.sleeps).toEqual([50, 50, 50]);
    expect(outcome.elapsedMs).toBe(150);
    expect(requests.flat().map((r) => r.value!.toString())).toEqual(Array.from({ length: 20 }, (_, i) => `v${i}`));
  });

  it('sends as fast as possible in requests of at most 500 records when no rate is set', async () => {
    const outcome = await service.send(request({ count: 1_200 }));
    expect(requests.map((r) => r.length)).toEqual([500, 500, 200]);
    expect(clock.sleeps).toEqual([]);
    expect(outcome.total).toBe(1_200);
    expect(outcome.sent).toHaveLength(1_000);
  });

  it('keeps each request within the topic\'s max.message.bytes', async () => {
    maxMessageBytes = 10_000;
    await service.send(request({ count: 10, value: { encoding: 'utf8', data: 'x'.repeat(3_000) } }));
    expect(requests.map((r) => r.length)).toEqual([3, 3, 3, 1]);
  });

  it('checks JSON before sending anything', async () => {
    await expect(service.send(request({ count: 3, value: { encoding: 'utf8', data: '{"n": {{i}},}' }, valueMode: 'json' }))).rejects.toThrow(AppFailure);
    expect(requests).toEqual([]);
  });

  it('fills the clock time into {{now}} and keeps the explicit partition', async () => {
    await service.send(request({ value: { encoding: 'utf8', data: '{{now}} {{uuid}} {{random}}' }, partition: 1 }));
    expect(requests[0][0]).toMatchObject({ partition: 1 });
    expect(requests[0][0].value!.toString()).toBe('1000000 uuid 0');
  });
});
