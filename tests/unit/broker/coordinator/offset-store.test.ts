import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OFFSET_METADATA_TOO_LARGE, OFFSETS_LOG_FILE, OffsetStore, type OffsetCommitEntry } from '../../../../src/broker/coordinator/offset-store.js';
import { nodeFs, type Fs } from '../../../../src/broker/storage/fs.js';
import { DATA_DIR, harness, type Harness } from '../storage/storage-fixtures.js';

const LOG_PATH = `${DATA_DIR}/meta/${OFFSETS_LOG_FILE}`;

function open(h: Harness, extra: { compactAfterBytes?: number } = {}, fs: Fs = h.fs, dataDir = DATA_DIR): OffsetStore {
  return OffsetStore.open({ dataDir, fs, clock: h.clock, logger: h.logger, ...extra });
}

function entry(topic: string, partition: number, offset: bigint, metadata = '', leaderEpoch = -1): OffsetCommitEntry {
  return { topic, partition, offset, leaderEpoch, metadata };
}

describe('OffsetStore', () => {
  it('round-trips commits, keeping negative sentinels literally and answering -1 for missing partitions', () => {
    const h = harness();
    const store = open(h);
    expect(store.commit('g', [entry('t', 0, 42n, 'meta', 3), entry('t', 1, -1n), entry('t', 2, -2n)])).toEqual([0, 0, 0]);
    const fetched = store.fetch('g', [{ topic: 't', partitions: [0, 1, 2, 3] }, { topic: 'other', partitions: [0] }]);
    expect(fetched.map((o) => [o.topic, o.partition, o.offset, o.leaderEpoch, o.metadata])).toEqual([
      ['t', 0, 42n, 3, 'meta'],
      ['t', 1, -1n, -1, ''],
      ['t', 2, -2n, -1, ''],
      ['t', 3, -1n, -1, ''],
      ['other', 0, -1n, -1, ''],
    ]);
    expect(fetched[0]?.commitTimestamp).toBe(h.clock.now());
    expect(store.fetch('unknown', [{ topic: 't', partitions: [0] }])[0]?.offset).toBe(-1n);
    store.close();
  });

  it('answers every committed partition for a null topic list, and nothing for an unknown group', () => {
    const h = harness();
    const store = open(h);
    store.commit('g', [entry('a', 0, 1n), entry('b', 1, 2n)]);
    store.commit('g', [entry('a', 0, 5n)]);
    expect(store.fetch('g', null).map((o) => [o.topic, o.partition, o.offset])).toEqual([
      ['b', 1, 2n],
      ['a', 0, 5n],
    ]);
    expect(store.fetch('nobody', null)).toEqual([]);
    expect(store.fetch('g', [])).toEqual([]);
    store.close();
  });

  it('refuses metadata beyond the limit per partition and commits the rest', () => {
    const h = harness();
    const store = OffsetStore.open({ dataDir: DATA_DIR, fs: h.fs, clock: h.clock, logger: h.logger, metadataMaxBytes: 4 });
    expect(store.commit('g', [entry('t', 0, 1n, 'toolong'), entry('t', 1, 2n, 'ok')])).toEqual([OFFSET_METADATA_TOO_LARGE, 0]);
    expect(store.fetch('g', null).map((o) => o.partition)).toEqual([1]);
    store.close();
  });

  it('keeps commits, deletions and timestamps across a restart', () => {
    const h = harness();
    const store = open(h);
    store.commit('g1', [entry('t', 0, 10n, 'x', 2)]);
    h.clock.advance(1000);
    store.commit('g2', [entry('t', 0, 20n), entry('u', 0, 30n)]);
    store.deleteTopic('u');
    store.commit('g3', [entry('t', 0, 1n)]);
    store.deleteGroup('g3');
    // No close: as after kill -9, only what reached the OS counts.
    const reopened = open(h);
    expect(reopened.groups()).toEqual(['g1', 'g2']);
    const [g1] = reopened.fetch('g1', null);
    expect(g1).toEqual({ topic: 't', partition: 0, offset: 10n, leaderEpoch: 2, metadata: 'x', commitTimestamp: h.clock.now() - 1000 });
    expect(reopened.fetch('g2', null).map((o) => [o.topic, o.offset])).toEqual([['t', 20n]]);
    reopened.close();
  });

  it('deletes offsets of some partitions and drops a group left without any', () => {
    const h = harness();
    const store = open(h);
    store.commit('g', [entry('t', 0, 1n), entry('t', 1, 2n)]);
    store.deleteOffsets('g', 't', [0, 7]);
    expect(store.fetch('g', null).map((o) => o.partition)).toEqual([1]);
    store.deleteOffsets('g', 't', [1]);
    expect(store.groups()).toEqual([]);
    store.close();
    expect(open(h).groups()).toEqual([]);
  });

  it('truncates a torn tail on open, logs it, and keeps appending after it', () => {
    const h = harness();
    const store = open(h);
    store.commit('g', [entry('t', 0, 1n)]);
    const goodSize = h.fs.size(LOG_PATH);
    store.commit('g', [entry('t', 0, 2n)]);
    store.close();
    const bytes = h.fs.bytesOf(LOG_PATH);
    h.fs.writeFile(LOG_PATH, bytes.subarray(0, bytes.length - 3));
    const reopened = open(h);
    expect(reopened.fetch('g', null)[0]?.offset).toBe(1n);
    expect(h.fs.size(LOG_PATH)).toBe(goodSize);
    expect(h.logger.warnings().map((line) => line.message)).toEqual(['truncating the damaged tail of the committed offsets log']);
    reopened.commit('g', [entry('t', 0, 3n)]);
    reopened.close();
    expect(open(h).fetch('g', null)[0]?.offset).toBe(3n);
  });

  it('treats a flipped byte as corruption and drops that record and everything after it', () => {
    const h = harness();
    const store = open(h);
    store.commit('g', [entry('t', 0, 1n)]);
    const firstSize = h.fs.size(LOG_PATH);
    store.commit('g', [entry('t', 0, 2n)]);
    store.commit('g', [entry('t', 0, 3n)]);
    store.close();
    const bytes = Buffer.from(h.fs.bytesOf(LOG_PATH));
    bytes[firstSize + 12] = (bytes[firstSize + 12] ?? 0) ^ 0xff;
    h.fs.writeFile(LOG_PATH, bytes);
    expect(open(h).fetch('g', null)[0]?.offset).toBe(1n);
  });

  it('throws on a failed write and leaves earlier commits intact, in memory and on disk', () => {
    const h = harness();
    const store = open(h);
    store.commit('g', [entry('t', 0, 1n)]);
    h.fs.failNextWrite(undefined, OFFSETS_LOG_FILE);
    expect(() => store.commit('g', [entry('t', 0, 2n)])).toThrow(/injected write failure/);
    expect(store.fetch('g', null)[0]?.offset).toBe(1n);
    h.fs.tornNextWrite(5, OFFSETS_LOG_FILE);
    expect(() => store.commit('g', [entry('t', 0, 3n)])).toThrow(/torn/);
    expect(store.fetch('g', null)[0]?.offset).toBe(1n);
    // The torn prefix was rolled back, so a later commit is not hidden behind it.
    store.commit('g', [entry('t', 0, 4n)]);
    expect(open(h).fetch('g', null)[0]?.offset).toBe(4n);
    expect(h.logger.warnings()).toEqual([]);
  });

  it('expires the offsets of empty groups once older than the retention', () => {
    const h = harness();
    const store = open(h);
    const retentionMs = 7 * 24 * 3600 * 1000;
    store.commit('empty', [entry('t', 0, 1n)]);
    store.commit('active', [entry('t', 0, 1n)]);
    h.clock.advance(retentionMs - 1);
    store.commit('empty', [entry('t', 1, 5n)]);
    const isEmpty = (group: string): boolean => group !== 'active';
    expect(store.expire(h.clock.now(), retentionMs, isEmpty)).toBe(0);
    h.clock.advance(1);
    expect(store.expire(h.clock.now(), retentionMs, isEmpty)).toBe(1);
    expect(store.fetch('empty', null).map((o) => o.partition)).toEqual([1]);
    expect(store.fetch('active', null)).toHaveLength(1);
    h.clock.advance(retentionMs);
    expect(store.expire(h.clock.now(), retentionMs, isEmpty)).toBe(1);
    expect(store.groups()).toEqual(['active']);
    expect(open(h).groups()).toEqual(['active']);
  });

  it('compacts the log atomically once it grows past the threshold, keeping the state', () => {
    const h = harness();
    const store = open(h, { compactAfterBytes: 2000 });
    for (let i = 0; i < 200; i++) store.commit(`g${i % 3}`, [entry('t', i % 2, BigInt(i), 'm')]);
    expect(h.fs.size(LOG_PATH)).toBeLessThan(2500);
    const before = ['g0', 'g1', 'g2'].map((g) => store.fetch(g, null));
    const reopened = open(h);
    expect(['g0', 'g1', 'g2'].map((g) => reopened.fetch(g, null))).toEqual(before);
    expect(h.fs.exists(`${LOG_PATH}.tmp`)).toBe(false);
  });

  it('survives a restart on the real filesystem', () => {
    const h = harness();
    const root = mkdtempSync(join(tmpdir(), 'kafka-lanes-offsets-'));
    try {
      const store = open(h, {}, nodeFs, root);
      store.commit('g', [entry('t', 0, 123n, 'meta', 4), entry('t', 1, -2n)]);
      store.close();
      const reopened = open(h, {}, nodeFs, root);
      expect(reopened.fetch('g', null).map((o) => [o.partition, o.offset, o.leaderEpoch, o.metadata])).toEqual([
        [0, 123n, 4, 'meta'],
        [1, -2n, -1, ''],
      ]);
      reopened.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
