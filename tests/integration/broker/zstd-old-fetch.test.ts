// KIP-110: a client fetching with a version below 10 cannot read zstd. It gets
// the data before the first zstd batch, then UNSUPPORTED_COMPRESSION_TYPE;
// newer fetchers (kcat's v11) read everything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOk } from '../support/run-process.js';
import { kafkaFor, startTestBroker, type TestBroker } from './helpers.js';
import { RawClient } from './raw-client.js';
import { fetchV4Request, parseFetchV4 } from './wire-messages.js';

const topic = 'zstd-mixed';
const zstdValue = (i: number) => `zstd ${i} ${'z'.repeat(300)}`;
let broker: TestBroker;
let raw: RawClient;

beforeAll(async () => {
  broker = await startTestBroker({ config: { 'num.partitions': '1' } });
  raw = await RawClient.connect(broker.port);
  const producer = kafkaFor(broker).producer({ allowAutoTopicCreation: true });
  await producer.connect();
  await producer.send({ topic, messages: [{ value: 'plain 0' }, { value: 'plain 1' }] });
  await producer.disconnect();
  // Repetitive values: librdkafka sends a batch uncompressed when zstd would not shrink it.
  await runOk('kcat', ['-P', '-b', broker.bootstrap, '-t', topic, '-p', '0', '-X', 'compression.codec=zstd', '-X', 'linger.ms=50', '-q'], {
    input: `${zstdValue(2)}\n${zstdValue(3)}\n`,
  });
});

afterAll(async () => {
  raw?.close();
  await broker?.stop();
});

describe('zstd and Fetch below v10', () => {
  it('cuts the answer before the first zstd batch', async () => {
    raw.send(fetchV4Request(1, { topic, partition: 0, offset: 0n }));
    const answer = parseFetchV4(await raw.nextResponse());
    expect(answer.errorCode).toBe(0);
    expect(answer.highWatermark).toBe(4n);
    expect(answer.records.map((r) => r.value!.toString())).toEqual(['plain 0', 'plain 1']);
  });

  it('answers UNSUPPORTED_COMPRESSION_TYPE when the data starts with a zstd batch', async () => {
    raw.send(fetchV4Request(2, { topic, partition: 0, offset: 2n }));
    expect(parseFetchV4(await raw.nextResponse()).errorCode).toBe(76);
  });

  it('serves the zstd batch to a v10+ fetcher', async () => {
    const out = await runOk('kcat', ['-C', '-b', broker.bootstrap, '-t', topic, '-p', '0', '-o', 'beginning', '-e', '-q']);
    expect(out.trim().split('\n')).toEqual(['plain 0', 'plain 1', zstdValue(2), zstdValue(3)]);
  });
});
