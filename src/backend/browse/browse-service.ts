// Reading a topic without a consumer group: nothing is committed and no group
// sees a member. Each partition reads from its start to the high watermark it
// had when the browse began; records are delivered merged in timestamp order,
// in batches, with progress per partition. The read stops at maxRecords, at
// maxWaitMs, at the end of every partition, or when the caller cancels.
import type { BrowseEvent, BrowseParams } from '../../shared/contract/browse.js';
import type { ConsumedRecord, Payload } from '../../shared/contract/common.js';
import type { StreamSink } from '../../shared/rpc/dispatcher.js';
import type { ConnectionRegistry } from '../connections/connection-registry.js';
import { ErrorCode, fail } from '../errors.js';
import type { KafkaClient } from '../kafka/client.js';
import type { Clock } from '../ports.js';
import { consumedRecord, toPayload } from '../records/payload.js';
import { requirePartitions, requireTopic } from '../topics/topic-service.js';
import { mergeByTimestamp, PartitionCursor } from './partition-cursor.js';

/** Records per `records` event, and the payload bytes after which an event closes (it holds at least one record). */
const BATCH_RECORDS = 500;
const BATCH_BYTES = 4 * 1024 * 1024;
/** Bytes asked per partition per fetch; a bigger batch still comes whole. */
const PARTITION_FETCH_BYTES = 512 * 1024;
/** Longest single fetch, so a cancel or the deadline is noticed soon. */
const FETCH_SLICE_MS = 1_000;
const OFFSET_OUT_OF_RANGE = 1;
const RETRY_PAUSE_MS = 100;
/** Bytes emitted but not yet taken by the client before the read pauses. */
const MAX_BACKLOG_BYTES = 8 * 1024 * 1024;
const RETRIABLE_FETCH_ERRORS = new Set([3, 5, 6, 7, 56, 74, 75]);

export type BrowseRequest = BrowseParams;

/** What a record adds to an event, roughly: its payload text. */
const payloadChars = (r: ConsumedRecord) => (r.key?.data.length ?? 0) + (r.value?.data.length ?? 0) + r.headers.reduce((n, h) => n + h.key.length + (h.value?.data.length ?? 0), 0);

export class BrowseService {
  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly clock: Clock,
  ) {}

  async read(request: BrowseRequest, sink: StreamSink<BrowseEvent>, signal: AbortSignal): Promise<void> {
    const startedAt = this.clock.now();
    const deadline = startedAt + request.maxWaitMs;
    const client = this.connections.client(request.connectionId);
    const cursors = await this.openCursors(client, request);
    let delivered = 0;
    const progress = () =>
      sink.emit({ type: 'progress', partitions: cursors.map((c) => ({ partition: c.partition, start: c.start.toString(), position: c.position.toString(), end: c.end.toString() })) });
    const deliver = (complete: boolean) => {
      const merged = mergeByTimestamp(cursors, request.maxRecords - delivered, complete);
      let batch: ConsumedRecord[] = [];
      let bytes = 0;
      for (const { cursor, record } of merged) {
        const dto = consumedRecord(cursor.partition, record);
        batch.push(dto);
        bytes += payloadChars(dto);
        if (batch.length >= BATCH_RECORDS || bytes >= BATCH_BYTES) {
          sink.emit({ type: 'records', records: batch });
          batch = [];
          bytes = 0;
        }
      }
      if (batch.length > 0) sink.emit({ type: 'records', records: batch });
      delivered += merged.length;
      return merged.length;
    };
    const finish = (reason: 'count' | 'end' | 'time') => {
      progress();
      sink.emit({ type: 'done', reason, records: delivered, elapsedMs: this.clock.now() - startedAt });
      sink.end();
    };

    progress();
    for (;;) {
      if (signal.aborted) return;
      if (delivered >= request.maxRecords) return finish('count');
      if (cursors.every((c) => c.fetchedAll && c.head === undefined)) return finish('end');
      const remaining = deadline - this.clock.now();
      if (remaining <= 0) {
        deliver(false);
        return finish(delivered >= request.maxRecords ? 'count' : 'time');
      }
      const starved = cursors.filter((c) => c.starved);
      // The far end has not taken what was sent (a slow WebSocket): wait instead of queueing more.
      if ((sink.backlog?.() ?? 0) > MAX_BACKLOG_BYTES) {
        await this.clock.sleep(Math.min(RETRY_PAUSE_MS, remaining), signal);
        continue;
      }
      if (starved.length > 0) {
        const moved = await this.fetchInto(client, request.topic, starved, Math.min(remaining, FETCH_SLICE_MS));
        if (signal.aborted) return;
        // Nothing came back (a leader moving, an empty stretch): wait a little rather than spin.
        if (!moved) await this.clock.sleep(Math.min(RETRY_PAUSE_MS, remaining), signal);
      }
      if (deliver(true) > 0) progress();
    }
  }

  /** The whole key or value of one record (previews stop at 1 MiB). */
  async value(connectionId: string, topic: string, partition: number, offset: bigint, part: 'key' | 'value'): Promise<Payload | null> {
    const client = this.connections.client(connectionId);
    const meta = await requireTopic(client, topic);
    if (!meta.partitions.some((p) => p.partition === partition)) fail(ErrorCode.PARTITION_NOT_FOUND, `Topic "${topic}" has no partition ${partition}.`);
    const [answer] = await client.reader.fetch({ topic, positions: [{ partition, offset }], maxWaitMs: 0, partitionMaxBytes: PARTITION_FETCH_BYTES });
    const record = answer?.errorCode === 0 ? answer.records.find((r) => r.offset === offset) : undefined;
    if (!record) fail(ErrorCode.RECORD_NOT_FOUND, `There is no record at offset ${offset} of ${topic}-${partition}.`);
    return toPayload(record[part], Infinity);
  }

  private async openCursors(client: KafkaClient, request: BrowseRequest): Promise<PartitionCursor[]> {
    const chosen = requirePartitions(await requireTopic(client, request.topic), request.partitions);
    const marks = new Map((await client.reader.watermarks(request.topic, chosen)).map((w) => [w.partition, w]));
    const start = request.start;
    const atTimestamp = start.from === 'timestamp' ? await client.reader.offsetsForTimestamp(request.topic, BigInt(start.timestamp), chosen) : null;
    return chosen.map((partition) => {
      const low = marks.get(partition)?.low ?? 0n;
      const high = marks.get(partition)?.high ?? 0n;
      const clamp = (offset: bigint) => (offset < low ? low : offset > high ? high : offset);
      const from =
        start.from === 'earliest'
          ? low
          : start.from === 'latest'
            ? clamp(high - BigInt(start.minus))
            : start.from === 'offset'
              ? clamp(BigInt(start.offset))
              : // No record at or after the timestamp: nothing to read here.
                (atTimestamp?.get(partition) ?? high);
      return new PartitionCursor(partition, from, high);
    });
  }

  /** Fetches for the starved cursors; says whether any of them moved. */
  private async fetchInto(client: KafkaClient, topic: string, cursors: PartitionCursor[], maxWaitMs: number): Promise<boolean> {
    const before = cursors.map((c) => c.fetchAt);
    const fetched = await client.reader.fetch({ topic, positions: cursors.map((c) => ({ partition: c.partition, offset: c.fetchAt })), maxWaitMs, partitionMaxBytes: PARTITION_FETCH_BYTES });
    const byPartition = new Map(cursors.map((c) => [c.partition, c]));
    let outOfRange = false;
    for (const answer of fetched) {
      const cursor = byPartition.get(answer.partition);
      if (!cursor) continue;
      if (answer.errorCode === OFFSET_OUT_OF_RANGE) outOfRange = true;
      else if (answer.errorCode === 0) cursor.take(answer.records, answer.nextOffset);
      else if (!RETRIABLE_FETCH_ERRORS.has(answer.errorCode)) {
        fail(ErrorCode.KAFKA_ERROR, `Reading ${topic}-${answer.partition} failed with Kafka error ${answer.errorCode}.`, { kafkaCode: answer.errorCode });
      }
    }
    // Records deleted under us (retention, DeleteRecords): carry on from the new log start.
    if (outOfRange) {
      const marks = new Map((await client.reader.watermarks(topic, cursors.map((c) => c.partition))).map((w) => [w.partition, w.low]));
      for (const cursor of cursors) cursor.skipTo(marks.get(cursor.partition) ?? cursor.fetchAt);
    }
    return cursors.some((c, i) => c.fetchAt !== before[i]);
  }
}
