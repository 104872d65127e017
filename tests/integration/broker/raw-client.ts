// A bare TCP client for tests that need exact bytes on the wire: hand-built
// request frames, pipelining, malformed input, and watching for the close.
import { connect, type Socket } from 'node:net';

/** Builds a request frame: size prefix, header (v1, or v2 when flexible), body. */
export function requestFrame(apiKey: number, apiVersion: number, correlationId: number, body: Buffer, options: { flexible?: boolean; clientId?: string } = {}): Buffer {
  const clientId = Buffer.from(options.clientId ?? 'raw-test');
  const header = Buffer.alloc(10);
  header.writeInt16BE(apiKey, 0);
  header.writeInt16BE(apiVersion, 2);
  header.writeInt32BE(correlationId, 4);
  header.writeInt16BE(clientId.length, 8);
  const parts = [header, clientId, ...(options.flexible ? [Buffer.from([0])] : []), body];
  const size = Buffer.alloc(4);
  size.writeInt32BE(parts.reduce((sum, part) => sum + part.length, 0));
  return Buffer.concat([size, ...parts]);
}

export function int16(value: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeInt16BE(value);
  return b;
}

export function int32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32BE(value);
  return b;
}

export function int64(value: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64BE(value);
  return b;
}

/** Non-flexible string: int16 length, then UTF-8 bytes; null is length -1. */
export function str(value: string | null): Buffer {
  if (value === null) return int16(-1);
  const bytes = Buffer.from(value);
  return Buffer.concat([int16(bytes.length), bytes]);
}

/** Flexible (compact) string: unsigned varint length + 1; only short strings are needed here. */
export function compactStr(value: string): Buffer {
  const bytes = Buffer.from(value);
  if (bytes.length + 1 > 127) throw new Error('compactStr only handles short strings');
  return Buffer.concat([Buffer.from([bytes.length + 1]), bytes]);
}

export class RawClient {
  private readonly socket: Socket;
  private pending = Buffer.alloc(0);
  private readonly frames: Buffer[] = [];
  private waiting: (() => void) | null = null;
  private ended = false;

  private constructor(socket: Socket) {
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => {
      this.pending = Buffer.concat([this.pending, chunk]);
      while (this.pending.length >= 4 && this.pending.length >= 4 + this.pending.readInt32BE(0)) {
        const size = this.pending.readInt32BE(0);
        this.frames.push(this.pending.subarray(4, 4 + size));
        this.pending = this.pending.subarray(4 + size);
      }
      this.wake();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake();
    });
    socket.on('error', () => undefined);
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host }, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }

  send(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** The next response frame (without its size prefix), or an error if the broker closes first. */
  async nextResponse(timeoutMs = 5000): Promise<Buffer> {
    await this.until(() => this.frames.length > 0 || this.ended, timeoutMs);
    const frame = this.frames.shift();
    if (!frame) throw new Error('connection closed before a response arrived');
    return frame;
  }

  /** True once the broker has closed the connection, false if it is still open after `timeoutMs`. */
  async closedWithin(timeoutMs: number): Promise<boolean> {
    await this.until(() => this.ended, timeoutMs).catch(() => undefined);
    return this.ended;
  }

  /** Frames received and not yet taken, e.g. to assert that nothing was answered. */
  get unreadFrames(): number {
    return this.frames.length;
  }

  close(): void {
    this.socket.destroy();
  }

  private until(condition: () => boolean, timeoutMs: number): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new Error(`no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = () => {
        if (!condition()) return;
        clearTimeout(timer);
        this.waiting = null;
        resolve();
      };
    });
  }

  private wake(): void {
    this.waiting?.();
  }
}
