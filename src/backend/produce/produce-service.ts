// Sending records: one, or N copies of a template, as fast as possible or at
// a rate paced by the injected clock. Each copy is built and checked (JSON,
// base64) before its chunk is sent, so the first copy's mistake fails the
// call before any record reaches the topic. One loop serves both produce.send
// and the produce.sendStream stream: progress is reported in batches, and an
// abort stops it between chunks or during a rate wait. A request already on
// its way is never abandoned: its records land, so they are counted and
// reported before the send returns. Sends given an id can be aborted by that
// id (produce.cancel); this service alone keeps the id → abort map.
import { randomUUID } from 'node:crypto';
import type { ConnectionRegistry } from '../connections/connection-registry.js';
import { appError } from '../../shared/app-error.js';
import { AppFailure } from '../../shared/rpc/result.js';
import { ErrorCode, fail } from '../errors.js';
import type { DeliveredRecord, OutgoingRecord } from '../kafka/client.js';
import type { Clock } from '../ports.js';
import { requireTopic } from '../topics/topic-service.js';
import { checkJson, decodeBase64 } from './payload-bytes.js';
import { fillTemplate, hasPlaceholders, type TemplateSources } from './template.js';

export interface PayloadText {
  encoding: 'utf8' | 'base64';
  data: string;
}

export interface ProduceRequest {
  connectionId: string;
  topic: string;
  key: PayloadText | null;
  value: PayloadText | null;
  valueMode: 'text' | 'json' | 'binary';
  headers: { key: string; value: string }[];
  partition?: number;
  count: number;
  ratePerSecond?: number;
}

export interface ProduceOutcome {
  /** The first LISTED_LIMIT records' partitions and offsets. */
  sent: DeliveredRecord[];
  /** Records sent: the request's count, or fewer when aborted. */
  total: number;
  elapsedMs: number;
  /** The signal aborted before every copy was sent. */
  cancelled: boolean;
}

export interface ProduceProgress {
  /** Records sent so far. */
  sent: number;
  /** Records asked for. */
  total: number;
  /** Where the records sent since the last report landed, until LISTED_LIMIT have been listed in all. */
  landed: DeliveredRecord[];
}

export interface SendOptions {
  onProgress?: (progress: ProduceProgress) => void;
  signal?: AbortSignal;
  /** Lets cancel() stop this send while it runs. */
  sendId?: string;
}

interface Cancellable {
  connectionId: string;
  controller: AbortController;
}

/** At most this many per-record results are returned; `total` counts them all. */
export const LISTED_LIMIT = 1_000;
/** Records per request when no rate is set. */
const CHUNK = 500;
/** Bytes per request even when the topic allows more. */
const MAX_REQUEST_BYTES = 256 * 1024;
/** Kafka's default max.message.bytes, used when the topic's cannot be read. */
const DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
/** A record batch's header, and a generous bound on one record's framing (varints, attributes). */
const BATCH_OVERHEAD = 61;
const RECORD_OVERHEAD = 40;
/** With a rate, records go out in slices of this many milliseconds' worth. */
const PACING_SLICE_MS = 50;
/** Fast sends report at most this often, so a stream carries a few events a second, not one per chunk. */
const PROGRESS_INTERVAL_MS = 100;

function recordBuilder(request: ProduceRequest, sources: TemplateSources): (index: number) => OutgoingRecord {
  const bytes = (payload: PayloadText | null, what: string, index: number, json: boolean): Buffer | null => {
    if (payload === null) return null;
    if (payload.encoding === 'base64') return decodeBase64(payload.data, what);
    const text = fillTemplate(payload.data, index, sources);
    if (json) checkJson(text, request.count > 1 ? `${what} of copy ${index}` : what);
    return Buffer.from(text, 'utf8');
  };
  // Fixed parts are encoded once; only templated parts are rebuilt per copy.
  const fixed = (payload: PayloadText | null) => payload === null || payload.encoding === 'base64' || !hasPlaceholders(payload.data);
  const fixedKey = fixed(request.key) ? bytes(request.key, 'key', 0, false) : undefined;
  const fixedValue = fixed(request.value) ? bytes(request.value, 'value', 0, request.valueMode === 'json') : undefined;
  return (index) => ({
    key: fixedKey !== undefined ? fixedKey : bytes(request.key, 'key', index, false),
    value: fixedValue !== undefined ? fixedValue : bytes(request.value, 'value', index, request.valueMode === 'json'),
    headers: request.headers.map((h) => ({ key: fillTemplate(h.key, index, sources), value: Buffer.from(fillTemplate(h.value, index, sources), 'utf8') })),
    ...(request.partition === undefined ? {} : { partition: request.partition }),
  });
}

function sizeOf(record: OutgoingRecord): number {
  return RECORD_OVERHEAD + (record.key?.length ?? 0) + (record.value?.length ?? 0) + record.headers.reduce((sum, h) => sum + RECORD_OVERHEAD / 4 + Buffer.byteLength(h.key) + h.value.length, 0);
}

export class ProduceService {
  private readonly sources: TemplateSources;
  /** The running sends that have an id; each removes itself however it ends. */
  private readonly cancellable = new Map<string, Cancellable>();

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly clock: Clock,
    sources: Partial<TemplateSources> = {},
  ) {
    this.sources = { now: () => clock.now(), uuid: randomUUID, random: Math.random, ...sources };
  }

  /** Stops the send with that id on that connection; anything else (unknown, finished, cancelled already) is a no-op. */
  cancel(connectionId: string, sendId: string): void {
    const entry = this.cancellable.get(sendId);
    if (entry?.connectionId === connectionId) entry.controller.abort();
  }

  async send(request: ProduceRequest, options: SendOptions = {}): Promise<ProduceOutcome> {
    const { sendId, signal } = options;
    if (sendId === undefined) return this.run(request, options);
    // Registered before the first await, so a cancel sent right after the stream opened finds it.
    if (this.cancellable.has(sendId)) throw new AppFailure(appError('INVALID_INPUT', `A send with id ${sendId} is already running; each send needs its own id.`));
    const controller = new AbortController();
    const abort = () => controller.abort();
    if (signal?.aborted) abort();
    signal?.addEventListener('abort', abort, { once: true });
    this.cancellable.set(sendId, { connectionId: request.connectionId, controller });
    try {
      return await this.run(request, { ...options, signal: controller.signal });
    } finally {
      this.cancellable.delete(sendId);
      signal?.removeEventListener('abort', abort);
    }
  }

  private async run(request: ProduceRequest, options: SendOptions): Promise<ProduceOutcome> {
    const { onProgress, signal } = options;
    const started = this.clock.now();
    const build = recordBuilder(request, this.sources);
    const client = this.connections.clientForWrite(request.connectionId, 'producing');
    const topic = await requireTopic(client, request.topic);
    if (request.partition !== undefined && !topic.partitions.some((p) => p.partition === request.partition)) {
      fail(ErrorCode.PARTITION_NOT_FOUND, `Topic "${request.topic}" has no partition ${request.partition}; it has partitions 0 to ${topic.partitions.length - 1}.`);
    }
    // The broker checks max.message.bytes against a whole batch, so many small
    // records must not add up to a batch that is too large.
    const maxMessageBytes = await client.admin.topicConfigs(request.topic).then(
      (entries) => Number(entries.find((e) => e.name === 'max.message.bytes')?.value ?? DEFAULT_MAX_MESSAGE_BYTES),
      () => DEFAULT_MAX_MESSAGE_BYTES,
    );
    const requestBudget = Math.max(1, Math.min(MAX_REQUEST_BYTES, maxMessageBytes - BATCH_OVERHEAD));
    const producer = await client.producer();
    const chunkSize = request.ratePerSecond === undefined ? CHUNK : Math.max(1, Math.min(CHUNK, Math.ceil((request.ratePerSecond * PACING_SLICE_MS) / 1000)));
    const sent: DeliveredRecord[] = [];
    let next = 0;
    let carried: OutgoingRecord | undefined;
    let reported = 0;
    let lastReport = started;
    const report = () => {
      if (!onProgress || next === reported) return;
      onProgress({ sent: next, total: request.count, landed: sent.slice(Math.min(reported, LISTED_LIMIT)) });
      reported = next;
      lastReport = this.clock.now();
    };
    while (next < request.count && !signal?.aborted) {
      const first = next;
      if (request.ratePerSecond !== undefined) {
        const wait = started + (first * 1000) / request.ratePerSecond - this.clock.now();
        if (wait > 0) {
          // Reported before waiting, so a cancel during the wait leaves nothing sent unreported.
          report();
          await this.clock.sleep(wait, signal);
          if (signal?.aborted) break;
        }
      }
      try {
        // Up to chunkSize records and, past the first, at most requestBudget bytes.
        const records: OutgoingRecord[] = [];
        let bytes = 0;
        while (next < request.count && records.length < chunkSize) {
          const record = carried ?? build(next);
          carried = undefined;
          const size = sizeOf(record);
          if (records.length > 0 && bytes + size > requestBudget) {
            carried = record;
            break;
          }
          records.push(record);
          bytes += size;
          next++;
        }
        // Deliberately not tied to the signal: a request on its way may land
        // anyway, so a cancel waits for it and counts what it landed.
        const delivered = await producer.send(request.topic, records);
        for (const record of delivered) if (sent.length < LISTED_LIMIT) sent.push(record);
      } catch (error) {
        // Records already sent stay sent; say how many, so nothing is lost silently.
        if (first > 0 && error instanceof AppFailure) {
          throw new AppFailure({ ...error.error, message: `${error.error.message} ${first} of ${request.count} records had been sent before this.` });
        }
        throw error;
      }
      if (this.clock.now() - lastReport >= PROGRESS_INTERVAL_MS) report();
    }
    report();
    return { sent, total: next, elapsedMs: this.clock.now() - started, cancelled: next < request.count };
  }
}
