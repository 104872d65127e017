// The real filesystem behind the Fs port, on node:fs's synchronous calls.

import * as fs from 'node:fs';
import type { FileHandle, Fs } from './fs.js';

export const nodeFs: Fs = {
  openAppend(path) {
    // 'a+' is O_APPEND: every write lands at the current end, whatever the
    // read position, which is exactly the log's access pattern.
    return fs.openSync(path, 'a+');
  },

  openRead(path) {
    return fs.openSync(path, 'r');
  },

  append(fd, data, start = 0, end = data.length) {
    let written = start;
    // writeSync may write less than asked (rare on regular files); keep going.
    while (written < end) written += fs.writeSync(fd, data, written, end - written);
  },

  pread(fd, target, targetOffset, length, position) {
    let total = 0;
    while (total < length) {
      const read = fs.readSync(fd, target, targetOffset + total, length - total, position + total);
      if (read === 0) break;
      total += read;
    }
    return total;
  },

  fsync(fd: FileHandle) {
    fs.fsyncSync(fd);
  },

  close(fd) {
    fs.closeSync(fd);
  },

  truncate(fd, size) {
    fs.ftruncateSync(fd, size);
  },

  rename(from, to) {
    fs.renameSync(from, to);
  },

  unlink(path) {
    fs.unlinkSync(path);
  },

  readdir(path) {
    return fs.readdirSync(path);
  },

  mkdirp(path) {
    fs.mkdirSync(path, { recursive: true });
  },

  exists(path) {
    return fs.existsSync(path);
  },

  size(path) {
    return fs.statSync(path).size;
  },

  readFile(path) {
    return fs.readFileSync(path);
  },

  writeFile(path, data) {
    fs.writeFileSync(path, data);
  },

  rmrf(path) {
    fs.rmSync(path, { recursive: true, force: true });
  },

  fsyncDir(path) {
    // Directories cannot be opened or synced on Windows; there the rename is
    // as durable as the platform makes it.
    let fd: number | undefined;
    try {
      fd = fs.openSync(path, 'r');
      fs.fsyncSync(fd);
    } catch {
      // Best effort only.
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  },
};
