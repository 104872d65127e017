// The filesystem port of the storage layer. Every call is synchronous: the
// broker's state is owned by the event loop, and a write that returns has handed
// its bytes to the OS, so an acknowledged produce survives kill -9.
// Production uses nodeFs; tests use MemFs, which can inject write, sync and
// rename faults.

import { dirname } from 'node:path';

/** An open file, as returned by openAppend / openRead. */
export type FileHandle = number;

export interface Fs {
  /** Opens for reading and appending, creating the file if it is missing. */
  openAppend(path: string): FileHandle;
  /** Opens an existing file read-only. */
  openRead(path: string): FileHandle;
  /** Writes all of data[start, end) at the end of the file, or throws. */
  append(fd: FileHandle, data: Uint8Array, start?: number, end?: number): void;
  /**
   * Reads up to `length` bytes at file `position` into target[targetOffset...].
   * Returns the number read, which is short only at the end of the file.
   */
  pread(fd: FileHandle, target: Uint8Array, targetOffset: number, length: number, position: number): number;
  fsync(fd: FileHandle): void;
  close(fd: FileHandle): void;
  /** Cuts (or extends with zeros) the open file to `size` bytes. */
  truncate(fd: FileHandle, size: number): void;
  /** Replaces `to` if it exists. */
  rename(from: string, to: string): void;
  unlink(path: string): void;
  /** Names (not paths) of the entries in a directory. */
  readdir(path: string): string[];
  mkdirp(path: string): void;
  exists(path: string): boolean;
  /** Size in bytes of a file. */
  size(path: string): number;
  readFile(path: string): Buffer;
  /** Creates or replaces the whole file (not atomic: see atomicWriteFile). */
  writeFile(path: string, data: Uint8Array): void;
  /** Removes a file or a directory tree; nothing happens if it is missing. */
  rmrf(path: string): void;
  /** Makes renames inside the directory durable; a no-op where that is impossible. */
  fsyncDir(path: string): void;
}

export { nodeFs } from './node-fs.js';
export { MemFs } from './mem-fs.js';

/**
 * Replaces `path` so that a reader (or a restart after a crash at any point)
 * sees either the old contents or the new ones, never a mix: write a temporary
 * sibling, fsync it, rename it over the target, then fsync the directory.
 */
export function atomicWriteFile(fs: Fs, path: string, data: Uint8Array): void {
  const temporary = `${path}.tmp`;
  if (fs.exists(temporary)) fs.unlink(temporary);
  let fd: FileHandle | undefined;
  try {
    fd = fs.openAppend(temporary);
    fs.append(fd, data);
    fs.fsync(fd);
    fs.close(fd);
    fd = undefined;
    fs.rename(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeQuietly(fs, fd);
    removeQuietly(fs, temporary);
    throw error;
  }
  fs.fsyncDir(dirname(path));
}

function closeQuietly(fs: Fs, fd: FileHandle): void {
  try {
    fs.close(fd);
  } catch {
    // The original error is the one worth reporting.
  }
}

/** Removes a leftover file if it is there; a file that vanished meanwhile is fine too. */
export function removeQuietly(fs: Fs, path: string): void {
  try {
    if (fs.exists(path)) fs.unlink(path);
  } catch {
    // A leftover temporary file is harmless: the next write replaces it.
  }
}
