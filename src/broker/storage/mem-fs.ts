// An in-memory Fs for tests. It keeps POSIX semantics where the storage code
// relies on them (an open file survives unlink and rename, rename replaces the
// target) and can inject the faults a disk produces: failed writes, torn writes
// that keep a prefix, failed fsyncs and failed renames.
// Abandoning a LogManager without close() models kill -9: like the page cache,
// everything written stays, nothing is lost but what was never written.

import type { FileHandle, Fs } from './fs.js';

interface MemFile {
  bytes: Buffer;
  length: number;
}

interface OpenFile {
  path: string;
  file: MemFile;
  writable: boolean;
}

type WriteFault = { kind: 'fail'; error: Error; pathIncludes?: string } | { kind: 'torn'; keep: number; pathIncludes?: string };
interface SimpleFault {
  error: Error;
  pathIncludes?: string;
}

export function ioError(message: string, code = 'EIO'): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: ${message}`);
  error.code = code;
  return error;
}

function normalize(path: string): string {
  const slashed = path.replace(/\\/g, '/').replace(/\/+/g, '/');
  return slashed.length > 1 && slashed.endsWith('/') ? slashed.slice(0, -1) : slashed;
}

function parentOf(path: string): string {
  const cut = path.lastIndexOf('/');
  if (cut <= 0) return cut === 0 ? '/' : '.';
  return path.slice(0, cut);
}

export class MemFs implements Fs {
  private readonly files = new Map<string, MemFile>();
  private readonly dirs = new Set<string>(['/', '.']);
  private readonly open = new Map<FileHandle, OpenFile>();
  private nextFd = 3;
  private writeFault: WriteFault | undefined;
  private syncFault: SimpleFault | undefined;
  private renameFault: SimpleFault | undefined;
  private truncateFault: SimpleFault | undefined;
  /** How many fsync calls succeeded; tests use it to check flush policies. */
  syncCount = 0;
  /** How many preads ran; tests use it to check that lookups use the indexes. */
  preadCount = 0;
  /** How many bytes preads returned. */
  preadBytes = 0;

  // ---- fault injection -------------------------------------------------------

  /** The next write (append or writeFile), optionally only to a path containing `pathIncludes`, throws without writing. */
  failNextWrite(error: Error = ioError('injected write failure'), pathIncludes?: string): void {
    this.writeFault = { kind: 'fail', error, pathIncludes };
  }

  /** The next write keeps only its first `bytesToKeep` bytes, then throws (a torn write). */
  tornNextWrite(bytesToKeep: number, pathIncludes?: string): void {
    this.writeFault = { kind: 'torn', keep: bytesToKeep, pathIncludes };
  }

  failNextSync(error: Error = ioError('injected fsync failure'), pathIncludes?: string): void {
    this.syncFault = { error, pathIncludes };
  }

  failNextRename(error: Error = ioError('injected rename failure'), pathIncludes?: string): void {
    this.renameFault = { error, pathIncludes };
  }

  failNextTruncate(error: Error = ioError('injected truncate failure'), pathIncludes?: string): void {
    this.truncateFault = { error, pathIncludes };
  }

  /** Test access to a file's current bytes (a copy). */
  bytesOf(path: string): Buffer {
    return Buffer.from(this.fileAt(normalize(path)).bytes.subarray(0, this.fileAt(normalize(path)).length));
  }

  /** How many files are open; a closed LogManager should leave none. */
  openFileCount(): number {
    return this.open.size;
  }

  // ---- Fs --------------------------------------------------------------------

  openAppend(path: string): FileHandle {
    const key = normalize(path);
    let file = this.files.get(key);
    if (!file) {
      this.requireDir(parentOf(key));
      file = { bytes: Buffer.alloc(0), length: 0 };
      this.files.set(key, file);
    }
    return this.register({ path: key, file, writable: true });
  }

  openRead(path: string): FileHandle {
    const key = normalize(path);
    return this.register({ path: key, file: this.fileAt(key), writable: false });
  }

  append(fd: FileHandle, data: Uint8Array, start = 0, end = data.length): void {
    const handle = this.handle(fd);
    if (!handle.writable) throw ioError(`${handle.path} is open read-only`, 'EBADF');
    const fault = this.takeWriteFault(handle.path);
    if (fault?.kind === 'fail') throw fault.error;
    const keep = fault?.kind === 'torn' ? Math.min(fault.keep, end - start) : end - start;
    this.writeAt(handle.file, handle.file.length, data.subarray(start, start + keep));
    if (fault?.kind === 'torn') throw ioError(`injected torn write to ${handle.path} after ${keep} bytes`);
  }

  pread(fd: FileHandle, target: Uint8Array, targetOffset: number, length: number, position: number): number {
    const { file } = this.handle(fd);
    this.preadCount++;
    const available = Math.max(0, Math.min(length, file.length - position));
    target.set(file.bytes.subarray(position, position + available), targetOffset);
    this.preadBytes += available;
    return available;
  }

  fsync(fd: FileHandle): void {
    const { path } = this.handle(fd);
    const fault = this.syncFault;
    if (fault && (fault.pathIncludes === undefined || path.includes(fault.pathIncludes))) {
      this.syncFault = undefined;
      throw fault.error;
    }
    this.syncCount++;
  }

  close(fd: FileHandle): void {
    this.handle(fd);
    this.open.delete(fd);
  }

  truncate(fd: FileHandle, size: number): void {
    const { file, path } = this.handle(fd);
    const fault = this.truncateFault;
    if (fault && (fault.pathIncludes === undefined || path.includes(fault.pathIncludes))) {
      this.truncateFault = undefined;
      throw fault.error;
    }
    if (size > file.length) this.writeAt(file, file.length, Buffer.alloc(size - file.length));
    file.length = size;
  }

  rename(from: string, to: string): void {
    const source = normalize(from);
    const target = normalize(to);
    const fault = this.renameFault;
    if (fault && (fault.pathIncludes === undefined || source.includes(fault.pathIncludes) || target.includes(fault.pathIncludes))) {
      this.renameFault = undefined;
      throw fault.error;
    }
    const file = this.files.get(source);
    if (file) {
      this.requireDir(parentOf(target));
      this.files.delete(source);
      this.files.set(target, file);
      return;
    }
    if (!this.dirs.has(source)) throw ioError(`no such file or directory: ${source}`, 'ENOENT');
    for (const [path, entry] of [...this.files]) {
      if (path.startsWith(`${source}/`)) {
        this.files.delete(path);
        this.files.set(target + path.slice(source.length), entry);
      }
    }
    for (const dir of [...this.dirs]) {
      if (dir === source || dir.startsWith(`${source}/`)) {
        this.dirs.delete(dir);
        this.dirs.add(target + dir.slice(source.length));
      }
    }
  }

  unlink(path: string): void {
    const key = normalize(path);
    this.fileAt(key);
    this.files.delete(key);
  }

  readdir(path: string): string[] {
    const key = normalize(path);
    this.requireDir(key);
    const prefix = key === '/' ? '/' : `${key}/`;
    const names = new Set<string>();
    for (const entry of [...this.files.keys(), ...this.dirs]) {
      if (entry.startsWith(prefix) && entry !== key) {
        const name = entry.slice(prefix.length).split('/')[0];
        if (name) names.add(name);
      }
    }
    return [...names].sort();
  }

  mkdirp(path: string): void {
    let key = normalize(path);
    while (!this.dirs.has(key)) {
      if (this.files.has(key)) throw ioError(`${key} is a file`, 'EEXIST');
      this.dirs.add(key);
      key = parentOf(key);
    }
  }

  exists(path: string): boolean {
    const key = normalize(path);
    return this.files.has(key) || this.dirs.has(key);
  }

  size(path: string): number {
    return this.fileAt(normalize(path)).length;
  }

  readFile(path: string): Buffer {
    return this.bytesOf(path);
  }

  writeFile(path: string, data: Uint8Array): void {
    const key = normalize(path);
    const fault = this.takeWriteFault(key);
    if (fault?.kind === 'fail') throw fault.error;
    let file = this.files.get(key);
    if (!file) {
      this.requireDir(parentOf(key));
      file = { bytes: Buffer.alloc(0), length: 0 };
      this.files.set(key, file);
    }
    // Same file, new contents: like O_TRUNC, open handles see the change.
    file.length = 0;
    const keep = fault?.kind === 'torn' ? Math.min(fault.keep, data.length) : data.length;
    this.writeAt(file, 0, data.subarray(0, keep));
    if (fault?.kind === 'torn') throw ioError(`injected torn write to ${key} after ${keep} bytes`);
  }

  rmrf(path: string): void {
    const key = normalize(path);
    this.files.delete(key);
    for (const file of [...this.files.keys()]) if (file.startsWith(`${key}/`)) this.files.delete(file);
    for (const dir of [...this.dirs]) if (dir === key || dir.startsWith(`${key}/`)) this.dirs.delete(dir);
  }

  fsyncDir(path: string): void {
    this.requireDir(normalize(path));
  }

  // ---- internals -------------------------------------------------------------

  private register(openFile: OpenFile): FileHandle {
    const fd = this.nextFd++;
    this.open.set(fd, openFile);
    return fd;
  }

  private handle(fd: FileHandle): OpenFile {
    const handle = this.open.get(fd);
    if (!handle) throw ioError(`file descriptor ${fd} is not open`, 'EBADF');
    return handle;
  }

  private fileAt(key: string): MemFile {
    const file = this.files.get(key);
    if (!file) throw ioError(`no such file: ${key}`, 'ENOENT');
    return file;
  }

  private requireDir(key: string): void {
    if (!this.dirs.has(key)) throw ioError(`no such directory: ${key}`, 'ENOENT');
  }

  private takeWriteFault(path: string): WriteFault | undefined {
    const fault = this.writeFault;
    if (!fault || (fault.pathIncludes !== undefined && !path.includes(fault.pathIncludes))) return undefined;
    this.writeFault = undefined;
    return fault;
  }

  private writeAt(file: MemFile, position: number, data: Uint8Array): void {
    const end = position + data.length;
    if (end > file.bytes.length) {
      // Doubling keeps appends amortised O(1), like a real file growing.
      const grown = Buffer.alloc(Math.max(end, file.bytes.length * 2, 4096));
      file.bytes.copy(grown, 0, 0, file.length);
      file.bytes = grown;
    }
    file.bytes.set(data, position);
    file.length = Math.max(file.length, end);
  }
}
