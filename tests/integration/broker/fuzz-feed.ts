// Feeds fuzzed frames to a running broker and counts what it actually took.
//
// Most fuzzed frames make the broker close the connection, and bytes written
// after that are never read. So frames are counted as delivered only when the
// broker's connection received them: in memory by listening to the same
// stream the connection reads, over TCP by what came back.
import { Duplex } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RunningBroker } from '../../../src/broker/index.js';
import { RawClient } from './raw-client.js';
import { apiVersionsRequest, correlationIdOf } from './wire-messages.js';

/**
 * Splits the bytes written to one connection the way the broker's FrameReader
 * does, so the test knows how many frames a chunk completes, even when size
 * prefixes lie.
 */
class ShadowFrameSplitter {
  private carry: Buffer = Buffer.alloc(0);
  private announced: number | null = null;

  constructor(private readonly maxFrameBytes: number) {}

  /** `waiting`: the reader holds a partial frame, so whatever is written next gets swallowed into it. */
  observe(chunk: Buffer): { frames: number; sizeRefused: boolean; waiting: boolean } {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    let at = 0;
    let frames = 0;
    for (;;) {
      if (this.announced === null) {
        if (data.length - at < 4) break;
        const size = data.readInt32BE(at);
        at += 4;
        if (size < 0 || size > this.maxFrameBytes) return { frames, sizeRefused: true, waiting: false };
        this.announced = size;
      }
      if (data.length - at < this.announced) break;
      at += this.announced;
      this.announced = null;
      frames++;
    }
    this.carry = data.subarray(at);
    return { frames, sizeRefused: false, waiting: this.announced !== null || this.carry.length > 0 };
  }
}

/** The client end of an in-process connection: what the broker writes is only counted. */
class InMemoryClient extends Duplex {
  /** Chunks the broker's connection received. */
  delivered = 0;
  responses = 0;
  readonly splitter: ShadowFrameSplitter;
  private readonly sizePrefix = Buffer.alloc(4);
  private sizeBytesRead = 0;
  private bodyBytesLeft = 0;

  constructor(maxFrameBytes: number) {
    super();
    this.splitter = new ShadowFrameSplitter(maxFrameBytes);
  }

  override _read(): void {}

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.bodyBytesLeft > 0) {
        const skipped = Math.min(this.bodyBytesLeft, chunk.length - at);
        at += skipped;
        this.bodyBytesLeft -= skipped;
        continue;
      }
      this.sizePrefix[this.sizeBytesRead++] = chunk[at++]!;
      if (this.sizeBytesRead === 4) {
        this.bodyBytesLeft = this.sizePrefix.readInt32BE(0);
        this.sizeBytesRead = 0;
        this.responses++;
      }
    }
    done();
  }
}

export interface InMemoryFeedStats {
  connections: number;
  /** Fuzzed chunks (one generated frame each, size prefix included) the broker's connection read. */
  chunksDelivered: number;
  /**
   * Frames the broker's frame handling took: complete frames handed to the
   * router, plus size prefixes the frame reader refused. A chunk after which
   * the broker closed the connection counts as one, however many frames a
   * lying size prefix made of it.
   */
  framesHandled: number;
  /** Connections the broker closed. */
  closedByBroker: number;
  /** Connections we dropped: the broker stopped reading (requests queued), or a partial frame would swallow what follows. */
  droppedByClient: number;
  responses: number;
}

/**
 * Opens in-process connections one after another and writes fuzzed frames into
 * each until the broker closes it, stops reading, waits for the rest of a
 * frame, or `framesPerConnection` went in. Returns once `target` frames were handled.
 */
export async function feedInMemory(
  broker: RunningBroker,
  nextFrame: () => Buffer,
  options: { target: number; framesPerConnection: number; maxFrameBytes: number },
): Promise<InMemoryFeedStats> {
  const stats: InMemoryFeedStats = { connections: 0, chunksDelivered: 0, framesHandled: 0, closedByBroker: 0, droppedByClient: 0, responses: 0 };
  const open: InMemoryClient[] = [];
  while (stats.framesHandled < options.target) {
    const client = new InMemoryClient(options.maxFrameBytes);
    broker.acceptConnection(client);
    // Listening after the broker's connection did: both see every chunk it reads.
    client.on('data', () => client.delivered++);
    stats.connections++;
    // A first read makes the stream flow now rather than on the next tick, so
    // that a push reaches the broker synchronously.
    client.read(0);
    for (let written = 0; written < options.framesPerConnection && stats.framesHandled < options.target; written++) {
      const chunk = nextFrame();
      const before = client.delivered;
      client.push(chunk);
      if (client.delivered === before && !client.destroyed && !client.isPaused()) await nextTurn();
      if (client.delivered === before) break;
      stats.chunksDelivered++;
      const split = client.splitter.observe(chunk);
      const taken = split.frames + (split.sizeRefused ? 1 : 0);
      if (client.destroyed) {
        stats.framesHandled += Math.min(taken, 1);
        break;
      }
      stats.framesHandled += taken;
      if (split.waiting) break;
    }
    if (client.destroyed) {
      stats.closedByBroker++;
      stats.responses += client.responses;
    } else {
      // Answers may still be on their way (Fetch long polls); count them before dropping.
      open.push(client);
      stats.droppedByClient++;
    }
    if (open.length >= 64) {
      // Lets handlers that answer asynchronously (Fetch long polls, produce) finish.
      await nextTurn();
      settle(open.splice(0), stats);
    }
  }
  await nextTurn();
  settle(open, stats);
  return stats;
}

function settle(clients: InMemoryClient[], stats: InMemoryFeedStats): void {
  for (const client of clients) {
    stats.responses += client.responses;
    client.destroy();
  }
}

export interface TcpFeedStats {
  connections: number;
  sent: number;
  /** Responses that came back, including each connection's closing probe. */
  answered: number;
  /** Connections the broker closed before the probe was answered. */
  closedByBroker: number;
  /** Connections still open that answered the probe: every frame on them was handled. */
  survived: number;
  /** Still open, probe unanswered within the wait (a parked long poll, or a half-announced frame). */
  stalled: number;
}

const PROBE_CORRELATION_BASE = 0x5eed0000;

/**
 * Opens `connections` TCP connections, `concurrency` at a time, writes a burst
 * of frames and then an ApiVersions probe into each in one go, and waits until
 * the probe is answered or the broker closes the connection.
 */
export async function feedOverTcp(
  port: number,
  nextBurst: () => Buffer[],
  connections: number,
  concurrency: number,
  waitMs: number,
): Promise<TcpFeedStats> {
  const stats: TcpFeedStats = { connections: 0, sent: 0, answered: 0, closedByBroker: 0, survived: 0, stalled: 0 };
  let started = 0;
  const worker = async () => {
    while (started < connections) {
      const index = started++;
      const burst = nextBurst();
      const client = await RawClient.connect(port);
      stats.connections++;
      stats.sent += burst.length;
      client.send(Buffer.concat([...burst, apiVersionsRequest(0, PROBE_CORRELATION_BASE + index)]));
      const deadline = Date.now() + waitMs;
      for (;;) {
        const left = deadline - Date.now();
        const response = left > 0 ? await client.nextResponse(left).catch(() => null) : null;
        if (response) {
          stats.answered++;
          if (correlationIdOf(response) === PROBE_CORRELATION_BASE + index) {
            stats.survived++;
            break;
          }
          continue;
        }
        if (await client.closedWithin(0)) stats.closedByBroker++;
        else stats.stalled++;
        break;
      }
      client.close();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return stats;
}
