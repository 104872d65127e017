// Splits a TCP byte stream into Kafka request frames (int32 size prefix, then
// header and body). Chunks are kept as received and only the bytes of a frame
// that straddles chunk boundaries are copied, so large produce batches are not
// re-concatenated on every read.
//
// The size limit is asked for at each size prefix, because it changes with the
// connection's state: before a SASL login only small frames are accepted, so
// an unauthenticated client cannot make the broker buffer 100 MB.

/** The size prefix announced a frame the broker refuses to buffer. */
export class FrameSizeError extends Error {
  constructor(readonly announcedBytes: number, readonly limitBytes: number) {
    super(
      announcedBytes < 0
        ? `negative frame size ${announcedBytes}`
        : `frame of ${announcedBytes} bytes exceeds the limit of ${limitBytes} bytes (socket.request.max.bytes, or less before a SASL login)`,
    );
  }
}

const SIZE_PREFIX_BYTES = 4;

export class FrameReader {
  private readonly chunks: Buffer[] = [];
  private bufferedBytes = 0;
  /** Size of the frame being assembled, once its prefix has been read. */
  private expectedFrameBytes: number | null = null;

  constructor(private readonly maxFrameBytes: () => number) {}

  /** Adds received bytes; returns every frame they complete, without the size prefix. */
  push(chunk: Buffer): Buffer[] {
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.bufferedBytes += chunk.length;
    }
    const frames: Buffer[] = [];
    for (;;) {
      if (this.expectedFrameBytes === null) {
        if (this.bufferedBytes < SIZE_PREFIX_BYTES) break;
        const size = this.take(SIZE_PREFIX_BYTES).readInt32BE(0);
        const limit = this.maxFrameBytes();
        if (size < 0 || size > limit) throw new FrameSizeError(size, limit);
        this.expectedFrameBytes = size;
      }
      if (this.bufferedBytes < this.expectedFrameBytes) break;
      frames.push(this.take(this.expectedFrameBytes));
      this.expectedFrameBytes = null;
    }
    return frames;
  }

  /** Removes `count` buffered bytes from the front; zero-copy when they sit in one chunk. */
  private take(count: number): Buffer {
    this.bufferedBytes -= count;
    const first = this.chunks[0];
    if (first === undefined) return Buffer.alloc(0);
    if (first.length >= count) {
      if (first.length === count) this.chunks.shift();
      else this.chunks[0] = first.subarray(count);
      return first.subarray(0, count);
    }
    const out = Buffer.allocUnsafe(count);
    let filled = 0;
    while (filled < count) {
      const head = this.chunks[0]!;
      const used = Math.min(head.length, count - filled);
      head.copy(out, filled, 0, used);
      filled += used;
      if (used === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(used);
    }
    return out;
  }
}
