// One client connection: frames in, responses out, strictly in request order.
//
// Requests are handed to the router as soon as they are read, so a Fetch
// long-poll does not hold up the decoding of what follows it; each request
// takes a slot in `inFlight` and responses leave only from the head of that
// queue. A request that gets no response (acks=0 produce) still takes a slot,
// so everything after it waits its turn.
//
// Each connection carries its SASL session; when a login fails the session
// asks for the connection to close, which happens once the answer saying why
// has been written.
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { NO_RESPONSE } from '../handlers/types.js';
import type { Logger } from '../ports.js';
import type { SaslSession } from '../security/sasl-session.js';
import { FrameReader } from './frame-reader.js';
import { isProtocolViolation, type RouteResult } from './request-router.js';

export interface ConnectionLimits {
  /** socket.request.max.bytes */
  readonly maxFrameBytes: number;
  /** Stop reading while this many requests await their turn to answer. */
  readonly maxInFlightRequests: number;
  /** Stop reading while more than this many response bytes are queued in the socket. */
  readonly maxQueuedWriteBytes: number;
}

/** Kafka's sasl.server.max.receive.size default: the largest frame before a SASL login. */
const MAX_FRAME_BYTES_BEFORE_LOGIN = 524_288;

export interface PeerAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * The byte stream of one client: a TCP socket, or any Duplex carrying the same
 * bytes (an in-process pipe), which gets exactly the same handling.
 */
export type ClientStream = Duplex & Partial<Pick<Socket, 'setNoDelay' | 'remoteAddress' | 'remotePort'>>;

export type RouteFrame = (frame: Buffer, peer: PeerAddress, sasl: SaslSession) => RouteResult | Promise<RouteResult>;

interface Slot {
  settled: boolean;
  response: RouteResult | null;
}

export class Connection {
  private readonly reader: FrameReader;
  private readonly inFlight: Slot[] = [];
  private readonly peer: PeerAddress;
  private closed = false;

  constructor(
    private readonly socket: ClientStream,
    private readonly route: RouteFrame,
    private readonly sasl: SaslSession,
    private readonly limits: ConnectionLimits,
    private readonly logger: Logger,
    private readonly onClosed: (connection: Connection) => void,
  ) {
    this.reader = new FrameReader(() =>
      sasl.authenticated ? limits.maxFrameBytes : Math.min(limits.maxFrameBytes, MAX_FRAME_BYTES_BEFORE_LOGIN),
    );
    this.peer = { host: socket.remoteAddress ?? 'in-process', port: socket.remotePort ?? 0 };
    socket.setNoDelay?.(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('drain', () => this.applyBackpressure());
    socket.on('error', (error) => this.logger.debug('client socket error', { client: this.describePeer(), error: error.message }));
    socket.on('close', () => this.markClosed());
  }

  /** Drops the connection without answering anything still pending. */
  close(): void {
    if (this.closed) return;
    this.markClosed();
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Buffer[];
    try {
      frames = this.reader.push(chunk);
    } catch (error) {
      this.fail(error);
      return;
    }
    for (const frame of frames) {
      if (this.closed) return;
      this.dispatch(frame);
    }
    this.applyBackpressure();
  }

  private dispatch(frame: Buffer): void {
    const slot: Slot = { settled: false, response: null };
    this.inFlight.push(slot);
    let outcome: RouteResult | Promise<RouteResult>;
    try {
      outcome = this.route(frame, this.peer, this.sasl);
    } catch (error) {
      this.fail(error);
      return;
    }
    if (outcome instanceof Promise) {
      outcome.then(
        (response) => this.settle(slot, response),
        (error: unknown) => this.fail(error),
      );
    } else {
      this.settle(slot, outcome);
    }
  }

  private settle(slot: Slot, response: RouteResult): void {
    if (this.closed) return;
    slot.settled = true;
    slot.response = response;
    this.flush();
  }

  private flush(): void {
    const ready: (readonly Buffer[])[] = [];
    while (this.inFlight.length > 0 && this.inFlight[0]!.settled) {
      const { response } = this.inFlight.shift()!;
      if (response !== null && response !== NO_RESPONSE) ready.push(response);
    }
    if (ready.length > 0) {
      // Corking turns the many small chunks of each response (size prefix,
      // header, fields, record batches) into a single writev.
      this.socket.cork();
      for (const chunks of ready) for (const chunk of chunks) this.socket.write(chunk);
      this.socket.uncork();
    }
    if (this.sasl.closeAfterResponses && this.inFlight.length === 0) {
      this.logger.debug('closing client connection after a failed SASL exchange', { client: this.describePeer() });
      this.markClosed();
      // end() rather than destroy(): the answer saying why must reach the client.
      this.socket.end(() => this.socket.destroy());
      return;
    }
    this.applyBackpressure();
  }

  private applyBackpressure(): void {
    if (this.closed) return;
    const overloaded =
      this.inFlight.length >= this.limits.maxInFlightRequests || this.socket.writableLength > this.limits.maxQueuedWriteBytes;
    if (overloaded && !this.socket.isPaused()) this.socket.pause();
    else if (!overloaded && this.socket.isPaused()) this.socket.resume();
  }

  private fail(error: unknown): void {
    if (this.closed) return;
    const message = error instanceof Error ? error.message : String(error);
    if (isProtocolViolation(error)) {
      this.logger.warn('closing client connection', { client: this.describePeer(), reason: message });
    } else {
      this.logger.error('request handler failed; closing client connection', {
        client: this.describePeer(),
        error: error instanceof Error ? (error.stack ?? message) : message,
      });
    }
    this.close();
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.inFlight.length = 0;
    this.onClosed(this);
  }

  private describePeer(): string {
    return `${this.peer.host}:${this.peer.port}`;
  }
}
