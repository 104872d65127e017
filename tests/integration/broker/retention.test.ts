// The retention pass runs on its own every log.retention.check.interval.ms:
// segments whose records are all older than log.retention.ms disappear and the
// low watermark moves up, with no client asking.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kafkaFor, startTestBroker, type TestBroker } from './helpers.js';

let broker: TestBroker;

beforeAll(async () => {
  broker = await startTestBroker({
    config: {
      'num.partitions': '1',
      'log.retention.ms': '3600000',
      'log.retention.check.interval.ms': '100',
      // Tiny segments, so every batch rolls into a segment of its own.
      'log.segment.bytes': '100',
    },
  });
});

afterAll(async () => {
  await broker?.stop();
});

describe('retention schedule', () => {
  it('deletes expired segments in the background', async () => {
    const kafka = kafkaFor(broker);
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    const dayAgo = Date.now() - 24 * 3600_000;
    for (let i = 0; i < 5; i++) {
      await producer.send({ topic: 'expiring', messages: [{ value: `old ${i} ${'x'.repeat(80)}`, timestamp: String(dayAgo + i) }] });
    }
    await producer.send({ topic: 'expiring', messages: [{ value: 'fresh' }] });
    await producer.disconnect();

    const admin = kafka.admin();
    await admin.connect();
    const deadline = Date.now() + 10_000;
    let low = '0';
    while (Date.now() < deadline) {
      low = (await admin.fetchTopicOffsets('expiring'))[0]!.low;
      if (low === '5') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await admin.disconnect();
    expect(low).toBe('5');
  });
});
