import { describe, expect, it } from 'vitest';
import {
  INVALID_PRODUCER_EPOCH,
  lastSequenceOf,
  OUT_OF_ORDER_SEQUENCE_NUMBER,
  PRODUCER_IDS_FILE,
  PRODUCER_STATE_FILE,
  ProducerIdAllocator,
  ProducerStateTable,
  type ProducerBatchIdentity,
} from '../../../../src/broker/storage/producer-state.js';
import { DATA_DIR, harness, type Harness } from './storage-fixtures.js';

const INT32_MAX = 2147483647;

function open(h: Harness, snapshotIntervalMs?: number): ProducerStateTable {
  return ProducerStateTable.open({ dataDir: DATA_DIR, fs: h.fs, clock: h.clock, logger: h.logger, snapshotIntervalMs });
}

function batch(producerEpoch: number, baseSequence: number, records = 1, producerId = 7n): ProducerBatchIdentity {
  return { producerId, producerEpoch, baseSequence, lastSequence: lastSequenceOf(baseSequence, records - 1) };
}

/** Appends five 2-record batches at offsets 0..9 with sequences 0..9, as the produce path would. */
function fiveBatches(table: ProducerStateTable): void {
  for (let i = 0; i < 5; i++) {
    const b = batch(0, i * 2, 2);
    expect(table.check('t', 0, b)).toEqual({ kind: 'append' });
    table.record('t', 0, b, BigInt(i * 2), BigInt(i * 2 + 1), 1000 + i);
  }
}

describe('ProducerStateTable', () => {
  it('accepts any sequence from a producer without state', () => {
    const table = open(harness());
    expect(table.check('t', 0, batch(3, 12345))).toEqual({ kind: 'append' });
  });

  it('recognises a retry of each of the last five batches and answers its original offsets', () => {
    const table = open(harness());
    fiveBatches(table);
    for (let i = 0; i < 5; i++) {
      expect(table.check('t', 0, batch(0, i * 2, 2))).toEqual({ kind: 'duplicate', baseOffset: BigInt(i * 2), lastOffset: BigInt(i * 2 + 1), timestampMs: 1000 + i });
    }
    // Only an exact (first, last) match is a duplicate.
    expect(table.check('t', 0, batch(0, 8, 1))).toEqual({ kind: 'error', errorCode: OUT_OF_ORDER_SEQUENCE_NUMBER });
  });

  it('forgets the oldest batch beyond five', () => {
    const table = open(harness());
    fiveBatches(table);
    table.record('t', 0, batch(0, 10, 2), 10n, 11n, 2000);
    expect(table.entry('t', 0, 7n)?.batches.map((b) => b.firstSeq)).toEqual([2, 4, 6, 8, 10]);
    expect(table.check('t', 0, batch(0, 0, 2))).toEqual({ kind: 'error', errorCode: OUT_OF_ORDER_SEQUENCE_NUMBER });
  });

  it('refuses gaps and going backwards within an epoch', () => {
    const table = open(harness());
    fiveBatches(table);
    expect(table.check('t', 0, batch(0, 10))).toEqual({ kind: 'append' });
    expect(table.check('t', 0, batch(0, 11))).toEqual({ kind: 'error', errorCode: OUT_OF_ORDER_SEQUENCE_NUMBER });
    expect(table.check('t', 0, batch(0, 9))).toEqual({ kind: 'error', errorCode: OUT_OF_ORDER_SEQUENCE_NUMBER });
  });

  it('fences an older epoch before anything else, even a would-be duplicate', () => {
    const table = open(harness());
    table.record('t', 0, batch(2, 0), 0n, 0n, 1);
    expect(table.check('t', 0, batch(1, 0))).toEqual({ kind: 'error', errorCode: INVALID_PRODUCER_EPOCH });
    expect(table.check('t', 0, batch(1, 1))).toEqual({ kind: 'error', errorCode: INVALID_PRODUCER_EPOCH });
  });

  it('requires sequence 0 after an epoch bump, then starts a fresh history', () => {
    const table = open(harness());
    fiveBatches(table);
    expect(table.check('t', 0, batch(1, 10))).toEqual({ kind: 'error', errorCode: OUT_OF_ORDER_SEQUENCE_NUMBER });
    // A retry from the old epoch with the new one is not a duplicate.
    expect(table.check('t', 0, batch(1, 2, 2))).toEqual({ kind: 'error', errorCode: OUT_OF_ORDER_SEQUENCE_NUMBER });
    expect(table.check('t', 0, batch(1, 0))).toEqual({ kind: 'append' });
    table.record('t', 0, batch(1, 0), 10n, 10n, 1);
    expect(table.entry('t', 0, 7n)).toEqual({ epoch: 1, batches: [{ firstSeq: 0, lastSeq: 0, firstOffset: 10n, lastOffset: 10n, timestampMs: 1 }] });
    expect(table.check('t', 0, batch(0, 10))).toEqual({ kind: 'error', errorCode: INVALID_PRODUCER_EPOCH });
  });

  it('wraps sequences from Int32.MAX to 0', () => {
    expect(lastSequenceOf(INT32_MAX - 1, 3)).toBe(1);
    expect(lastSequenceOf(INT32_MAX, 0)).toBe(INT32_MAX);
    const table = open(harness());
    table.record('t', 0, batch(0, INT32_MAX - 1, 2), 0n, 1n, 1);
    expect(table.check('t', 0, batch(0, 0))).toEqual({ kind: 'append' });
    expect(table.check('t', 0, batch(0, INT32_MAX))).toEqual({ kind: 'error', errorCode: OUT_OF_ORDER_SEQUENCE_NUMBER });
    const wrapping = batch(0, 0, 3);
    table.record('t', 0, wrapping, 2n, 4n, 2);
    expect(table.check('t', 0, batch(0, 3))).toEqual({ kind: 'append' });
  });

  it('keeps producers apart per partition and producer id, and forgets cleared partitions and deleted topics', () => {
    const table = open(harness());
    table.record('t', 0, batch(0, 0), 0n, 0n, 1);
    expect(table.check('t', 1, batch(0, 5))).toEqual({ kind: 'append' });
    expect(table.check('t', 0, batch(0, 5, 1, 8n))).toEqual({ kind: 'append' });
    table.record('u', 0, batch(0, 0), 0n, 0n, 1);
    table.clearPartition('t', 0);
    expect(table.entry('t', 0, 7n)).toBeUndefined();
    table.deleteTopic('u');
    expect(table.entry('u', 0, 7n)).toBeUndefined();
  });

  it('survives a restart through the snapshot written on close', () => {
    const h = harness();
    const table = open(h);
    fiveBatches(table);
    table.record('other', 3, batch(4, 100, 1, 99n), 50n, 50n, 7);
    table.close();
    const reopened = open(h);
    expect(reopened.check('t', 0, batch(0, 4, 2))).toEqual({ kind: 'duplicate', baseOffset: 4n, lastOffset: 5n, timestampMs: 1002 });
    expect(reopened.check('t', 0, batch(0, 11))).toEqual({ kind: 'error', errorCode: OUT_OF_ORDER_SEQUENCE_NUMBER });
    expect(reopened.entry('other', 3, 99n)).toEqual({ epoch: 4, batches: [{ firstSeq: 100, lastSeq: 100, firstOffset: 50n, lastOffset: 50n, timestampMs: 7 }] });
  });

  it('snapshots periodically when something changed, and logs a failed snapshot without throwing', () => {
    const h = harness();
    const table = open(h, 1000);
    const path = `${DATA_DIR}/meta/${PRODUCER_STATE_FILE}`;
    h.clock.advance(1000);
    expect(h.fs.exists(path)).toBe(false);
    table.record('t', 0, batch(0, 0), 0n, 0n, h.clock.now());
    h.fs.failNextWrite(undefined, PRODUCER_STATE_FILE);
    h.clock.advance(1000);
    expect(h.logger.lines.filter((line) => line.level === 'error')).toHaveLength(1);
    h.clock.advance(1000);
    expect(h.fs.exists(path)).toBe(true);
    expect(open(h).entry('t', 0, 7n)?.epoch).toBe(0);
    table.close();
  });
});

describe('producer id expiration', () => {
  it('forgets producers whose last batch is producer.id.expiration.ms old, at the periodic check', () => {
    const h = harness();
    const table = ProducerStateTable.open({ dataDir: DATA_DIR, fs: h.fs, clock: h.clock, logger: h.logger, snapshotIntervalMs: 1000, producerIdExpirationMs: 5000 });
    const start = h.clock.now();
    table.record('t', 0, batch(0, 0), 0n, 0n, start);
    table.record('t', 1, batch(0, 0, 1, 8n), 0n, 0n, start + 3000);
    h.clock.advance(4000);
    expect(table.entry('t', 0, 7n)).toBeDefined();
    h.clock.advance(1000);
    expect(table.entry('t', 0, 7n)).toBeUndefined();
    expect(table.partitionsWithState()).toEqual([{ topic: 't', partition: 1 }]);
    h.clock.advance(3000);
    expect(table.partitionsWithState()).toEqual([]);
    // The forgotten producers are gone from the snapshot too.
    table.close();
    expect(JSON.parse(h.fs.readFile(`${DATA_DIR}/meta/${PRODUCER_STATE_FILE}`).toString('utf8')).producers).toEqual([]);
    // A forgotten producer is accepted at any sequence again.
    expect(table.check('t', 0, batch(0, 99))).toEqual({ kind: 'append' });
  });
});

describe('ProducerIdAllocator', () => {
  it('never hands out an id twice, across reopenings and crashes mid-block', () => {
    const h = harness();
    const seen = new Set<bigint>();
    for (let round = 0; round < 4; round++) {
      const allocator = ProducerIdAllocator.open({ dataDir: DATA_DIR, fs: h.fs, blockSize: 3n });
      for (let i = 0; i < round + 2; i++) {
        const id = allocator.allocate();
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
    }
    expect([...seen].every((id) => id >= 0n)).toBe(true);
  });

  it('returns no id whose reservation could not be persisted', () => {
    const h = harness();
    const allocator = ProducerIdAllocator.open({ dataDir: DATA_DIR, fs: h.fs, blockSize: 2n });
    h.fs.failNextWrite(undefined, PRODUCER_IDS_FILE);
    expect(() => allocator.allocate()).toThrow(/injected/);
    expect(allocator.allocate()).toBe(0n);
    expect(allocator.allocate()).toBe(1n);
    expect(ProducerIdAllocator.open({ dataDir: DATA_DIR, fs: h.fs }).allocate()).toBe(2n);
  });
});
