// Hand-encoded requests and hand-decoded responses for the raw-socket tests.
// Written from the protocol spec independently of the broker's generated
// codec, so a codec bug cannot hide behind itself.
import { decodeRecords, iterateBatches, type DecodedRecord } from '../../../src/broker/records/record-batch.js';
import { compactStr, int16, int32, int64, requestFrame, str, type RawClient } from './raw-client.js';

export const ApiKey = { Produce: 0, Fetch: 1, Metadata: 3, ApiVersions: 18 } as const;

export function apiVersionsRequest(version: number, correlationId: number, software = { name: 'raw-test', version: '1.0' }): Buffer {
  if (version < 3) return requestFrame(ApiKey.ApiVersions, version, correlationId, Buffer.alloc(0));
  const body = Buffer.concat([compactStr(software.name), compactStr(software.version), Buffer.from([0])]);
  return requestFrame(ApiKey.ApiVersions, version, correlationId, body, { flexible: true });
}

/** Metadata v0: an empty list means every topic. */
export function metadataV0Request(correlationId: number, topics: string[] = []): Buffer {
  return requestFrame(ApiKey.Metadata, 0, correlationId, Buffer.concat([int32(topics.length), ...topics.map(str)]));
}

/** Produce (v2-v8 share this layout for one topic and one partition). */
export function produceRequest(version: number, correlationId: number, args: { topic: string; partition: number; batch: Buffer; acks: number }): Buffer {
  const body = Buffer.concat([
    ...(version >= 3 ? [str(null)] : []),
    int16(args.acks),
    int32(5000),
    int32(1),
    str(args.topic),
    int32(1),
    int32(args.partition),
    int32(args.batch.length),
    args.batch,
  ]);
  return requestFrame(ApiKey.Produce, version, correlationId, body);
}

/** Fetch v4 for one partition. */
export function fetchV4Request(correlationId: number, args: { topic: string; partition: number; offset: bigint; maxWaitMs?: number; minBytes?: number; maxBytes?: number }): Buffer {
  const body = Buffer.concat([
    int32(-1), // replica_id: a consumer
    int32(args.maxWaitMs ?? 0),
    int32(args.minBytes ?? 0),
    int32(args.maxBytes ?? 50 * 1024 * 1024),
    Buffer.from([0]), // isolation_level: read uncommitted
    int32(1),
    str(args.topic),
    int32(1),
    int32(args.partition),
    int64(args.offset),
    int32(args.maxBytes ?? 1024 * 1024),
  ]);
  return requestFrame(ApiKey.Fetch, 4, correlationId, body);
}

export function correlationIdOf(response: Buffer): number {
  return response.readInt32BE(0);
}

export interface ApiVersionsV0Answer {
  errorCode: number;
  apiKeys: { apiKey: number; minVersion: number; maxVersion: number }[];
}

/** Reads a v0-layout ApiVersions body (after the v0 response header). */
export function parseApiVersionsV0(response: Buffer): ApiVersionsV0Answer {
  const errorCode = response.readInt16BE(4);
  const count = response.readInt32BE(6);
  const apiKeys = Array.from({ length: count }, (_, i) => ({
    apiKey: response.readInt16BE(10 + i * 6),
    minVersion: response.readInt16BE(12 + i * 6),
    maxVersion: response.readInt16BE(14 + i * 6),
  }));
  return { errorCode, apiKeys };
}

export interface FetchV4Partition {
  errorCode: number;
  highWatermark: bigint;
  records: DecodedRecord[];
}

/** Reads a Fetch v4 response holding one topic with one partition. */
export function parseFetchV4(response: Buffer): FetchV4Partition {
  let pos = 4 + 4; // correlation id, throttle_time_ms
  const topicCount = response.readInt32BE(pos);
  if (topicCount !== 1) throw new Error(`expected one topic, got ${topicCount}`);
  pos += 4;
  pos += 2 + response.readInt16BE(pos); // topic name
  pos += 4; // partition count (1)
  pos += 4; // partition index
  const errorCode = response.readInt16BE(pos);
  pos += 2;
  const highWatermark = response.readBigInt64BE(pos);
  pos += 8 + 8; // high watermark, last stable offset
  const aborted = response.readInt32BE(pos);
  pos += 4 + Math.max(0, aborted) * 16;
  const size = response.readInt32BE(pos);
  pos += 4;
  const data = size > 0 ? response.subarray(pos, pos + size) : Buffer.alloc(0);
  const records: DecodedRecord[] = [];
  for (const batch of iterateBatches(data)) records.push(...decodeRecords(data, batch.pos));
  return { errorCode, highWatermark, records };
}

/** Every record of a partition from `offset` on, read with raw Fetch v4 requests. */
export async function readPartition(client: RawClient, topic: string, partition: number, offset = 0n): Promise<DecodedRecord[]> {
  const records: DecodedRecord[] = [];
  let next = offset;
  for (let correlationId = 1; ; correlationId++) {
    client.send(fetchV4Request(correlationId, { topic, partition, offset: next }));
    const answer = parseFetchV4(await client.nextResponse());
    if (answer.errorCode !== 0) throw new Error(`fetch of ${topic}-${partition} at ${next} failed with error ${answer.errorCode}`);
    const fresh = answer.records.filter((record) => record.offset >= next);
    records.push(...fresh);
    if (fresh.length === 0 || next >= answer.highWatermark) return records;
    next = fresh[fresh.length - 1]!.offset + 1n;
    if (next >= answer.highWatermark) return records;
  }
}
