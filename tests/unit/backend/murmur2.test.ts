import kafkajs from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { murmur2, partitionForKey } from '../../../src/backend/kafka/murmur2.js';

describe('murmur2 key partitioning', () => {
  it("agrees with kafkajs' Java-compatible default partitioner", () => {
    const partitioner = kafkajs.Partitioners.DefaultPartitioner();
    for (const partitions of [1, 3, 4, 7, 12]) {
      const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0 }));
      for (const key of ['', 'a', 'ab', 'abc', 'abcd', 'say hello~!!!!', 'key-42', 'ünïcödé ✓', 'x'.repeat(1001)]) {
        const expected = partitioner({ topic: 't', partitionMetadata, message: { key, value: null } });
        expect(partitionForKey(Buffer.from(key), partitions), `${JSON.stringify(key)} over ${partitions}`).toBe(expected);
      }
    }
  });

  it('matches known Java values', () => {
    // From Kafka's UtilsTest.testMurmur2.
    expect(murmur2(Buffer.from('21'))).toBe(-973932308);
    expect(murmur2(Buffer.from('foobar'))).toBe(-790332482);
    expect(murmur2(Buffer.from('a-little-bit-long-string'))).toBe(-985981536);
    expect(murmur2(Buffer.from('a-little-bit-longer-string'))).toBe(-1486304829);
    expect(murmur2(Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971);
    expect(murmur2(Buffer.from([97, 98, 99]))).toBe(479470107);
  });

  it('hashes a multi-megabyte key', () => {
    expect(Number.isInteger(partitionForKey(Buffer.alloc(4 * 1024 * 1024, 7), 6))).toBe(true);
  });
});
