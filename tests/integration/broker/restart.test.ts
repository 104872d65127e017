// A clean close and a restart on the same data directory keep the cluster id,
// the topics with their ids, and every record.
import { afterAll, describe, expect, it } from 'vitest';
import { kafkaFor, makeTempDir, startTestBroker } from './helpers.js';
import { RawClient } from './raw-client.js';
import { readPartition } from './wire-messages.js';

const dataDir = makeTempDir('kafka-lanes-restart-');
afterAll(() => dataDir.remove());

describe('restart', () => {
  it('finds the same cluster, topics and records after close and reopen', async () => {
    const first = await startTestBroker({ dataDir: dataDir.path, config: { 'num.partitions': '2' } });
    const kafka = kafkaFor(first);
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    await producer.send({ topic: 'durable', messages: Array.from({ length: 20 }, (_, i) => ({ value: `r${i}`, partition: i % 2 })) });
    await producer.disconnect();
    const admin = kafka.admin();
    await admin.connect();
    const before = await admin.fetchTopicMetadata({ topics: ['durable'] });
    await admin.disconnect();
    await first.close();

    const second = await startTestBroker({ dataDir: dataDir.path, config: { 'num.partitions': '2' } });
    try {
      expect(second.clusterId).toBe(first.clusterId);
      const admin2 = kafkaFor(second).admin();
      await admin2.connect();
      expect(await admin2.listTopics()).toEqual(['durable']);
      expect(await admin2.fetchTopicMetadata({ topics: ['durable'] })).toEqual(before);
      const offsets = (await admin2.fetchTopicOffsets('durable')).sort((a, b) => a.partition - b.partition);
      expect(offsets.map((o) => o.high)).toEqual(['10', '10']);
      await admin2.disconnect();

      const raw = await RawClient.connect(second.port);
      for (const partition of [0, 1]) {
        const values = (await readPartition(raw, 'durable', partition)).map((r) => r.value!.toString());
        expect(values).toEqual(Array.from({ length: 10 }, (_, i) => `r${i * 2 + partition}`));
      }
      raw.close();
    } finally {
      await second.close();
    }
  });
});
