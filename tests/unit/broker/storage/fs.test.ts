import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { atomicWriteFile, MemFs, nodeFs, type Fs } from '../../../../src/broker/storage/fs.js';
import { LogManager } from '../../../../src/broker/storage/log-manager.js';
import type { DiskPartitionLog } from '../../../../src/broker/storage/partition-log.js';
import { batchOf, counterIds, defaultLogConfig, readAll, RecordingLogger } from './storage-fixtures.js';
import { FakeClock } from './fake-clock.js';

function exerciseFs(fs: Fs, root: string): void {
  fs.mkdirp(join(root, 'a', 'b'));
  const path = join(root, 'a', 'b', 'file');
  const fd = fs.openAppend(path);
  fs.append(fd, Buffer.from('hello world'), 0, 5);
  fs.append(fd, Buffer.from(' there'));
  fs.fsync(fd);
  const target = Buffer.alloc(8);
  expect(fs.pread(fd, target, 1, 7, 3)).toBe(7);
  expect(target.subarray(1).toString()).toBe('lo ther');
  expect(fs.pread(fd, target, 0, 8, 9)).toBe(2);
  fs.truncate(fd, 4);
  fs.append(fd, Buffer.from('!'));
  fs.close(fd);
  expect(fs.readFile(path).toString()).toBe('hell!');
  expect(fs.size(path)).toBe(5);
  expect(fs.readdir(join(root, 'a'))).toEqual(['b']);

  atomicWriteFile(fs, path, Buffer.from('replaced'));
  expect(fs.readFile(path).toString()).toBe('replaced');
  expect(fs.readdir(join(root, 'a', 'b'))).toEqual(['file']);
  fs.rename(path, join(root, 'a', 'moved'));
  expect(fs.exists(path)).toBe(false);
  fs.writeFile(join(root, 'a', 'other'), Buffer.from('x'));
  expect(fs.readdir(join(root, 'a')).sort()).toEqual(['b', 'moved', 'other']);
  fs.unlink(join(root, 'a', 'other'));
  fs.rmrf(join(root, 'a'));
  expect(fs.exists(join(root, 'a'))).toBe(false);
  fs.rmrf(join(root, 'never-there'));
}

describe('MemFs', () => {
  it('behaves like a filesystem for everything storage uses', () => {
    const fs = new MemFs();
    fs.mkdirp('/root');
    exerciseFs(fs, '/root');
  });

  it('keeps an open file readable after it is unlinked', () => {
    const fs = new MemFs();
    fs.mkdirp('/d');
    const fd = fs.openAppend('/d/f');
    fs.append(fd, Buffer.from('abc'));
    fs.unlink('/d/f');
    const out = Buffer.alloc(3);
    expect(fs.pread(fd, out, 0, 3, 0)).toBe(3);
    expect(out.toString()).toBe('abc');
  });

  it('injects each fault once, optionally only for matching paths', () => {
    const fs = new MemFs();
    fs.mkdirp('/d');
    const a = fs.openAppend('/d/a.log');
    const b = fs.openAppend('/d/b.index');
    fs.failNextWrite(undefined, '.index');
    fs.append(a, Buffer.from('fine'));
    expect(() => fs.append(b, Buffer.from('no'))).toThrow(/injected write failure/);
    fs.append(b, Buffer.from('yes'));
    fs.tornNextWrite(2);
    expect(() => fs.append(a, Buffer.from('XYZ'))).toThrow(/torn/);
    expect(fs.readFile('/d/a.log').toString()).toBe('fineXY');
    fs.failNextSync();
    expect(() => fs.fsync(a)).toThrow(/fsync/);
    fs.fsync(a);
    fs.failNextRename();
    expect(() => fs.rename('/d/a.log', '/d/c.log')).toThrow(/rename/);
    fs.rename('/d/a.log', '/d/c.log');
    expect(fs.readdir('/d')).toEqual(['b.index', 'c.log']);
  });

  it('leaves the previous file intact when an atomic write fails at any step', () => {
    const fs = new MemFs();
    fs.mkdirp('/m');
    atomicWriteFile(fs, '/m/x.json', Buffer.from('old'));
    fs.failNextWrite();
    expect(() => atomicWriteFile(fs, '/m/x.json', Buffer.from('new'))).toThrow();
    fs.tornNextWrite(1);
    expect(() => atomicWriteFile(fs, '/m/x.json', Buffer.from('new'))).toThrow();
    fs.failNextSync();
    expect(() => atomicWriteFile(fs, '/m/x.json', Buffer.from('new'))).toThrow();
    fs.failNextRename();
    expect(() => atomicWriteFile(fs, '/m/x.json', Buffer.from('new'))).toThrow();
    expect(fs.readFile('/m/x.json').toString()).toBe('old');
    expect(fs.readdir('/m')).toEqual(['x.json']);
    expect(fs.openFileCount()).toBe(0);
  });
});

describe('nodeFs', () => {
  let root: string | undefined;
  afterEach(() => {
    if (root) rmSync(root, { recursive: true, force: true });
    root = undefined;
  });

  it('behaves like MemFs on a real temporary directory', () => {
    root = mkdtempSync(join(tmpdir(), 'kafka-lanes-storage-'));
    exerciseFs(nodeFs, root);
  });

  it('runs a LogManager end to end: append, roll, crash, recover, clean close, reopen', () => {
    root = mkdtempSync(join(tmpdir(), 'kafka-lanes-storage-'));
    const dataDir = join(root, 'data');
    const clock = new FakeClock();
    const logger = new RecordingLogger();
    const open = () =>
      LogManager.open({ dataDir, fs: nodeFs, clock, ids: counterIds(), logger, logConfig: () => ({ ...defaultLogConfig, segmentBytes: 2048, indexIntervalBytes: 256 }) });

    const first = open();
    first.createTopic('real.topic_1', 1, {});
    const log = first.partition('real.topic_1', 0)!;
    for (let i = 0; i < 100; i++) log.append(batchOf(3, `r${i}`, 1000n + BigInt(i)));
    expect(log.logEndOffset()).toBe(300n);
    // No close: the next open finds no clean-shutdown marker and recovers.

    const second = open();
    expect(second.clusterId).toBe(first.clusterId);
    const recovered = second.partition('real.topic_1', 0) as DiskPartitionLog;
    expect(recovered.logEndOffset()).toBe(300n);
    expect(readAll(recovered).map((r) => r.value).slice(0, 4)).toEqual(['r0-0', 'r0-1', 'r0-2', 'r1-0']);
    // Batch 48 (offsets 144-146) carries timestamps 1048-1050.
    expect(recovered.offsetForTimestamp(1050n)).toEqual({ offset: 146n, timestamp: 1050n });
    recovered.append(batchOf(1, 'after'));
    second.close();

    const third = open();
    const reopened = third.partition('real.topic_1', 0) as DiskPartitionLog;
    expect(reopened.logEndOffset()).toBe(301n);
    expect(readAll(reopened).at(-1)?.value).toBe('after-0');
    expect(logger.warnings()).toEqual([]);
    third.close();
  });
});
