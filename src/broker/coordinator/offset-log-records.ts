// Framing of the committed-offsets log: each record is
//   u32 body length | u32 CRC-32C of the body | body
// and the body is a format version byte followed by UTF-8 JSON. JSON keeps the
// file debuggable; the CRC is what lets replay tell a torn or rotten tail from
// data, and the version byte lets a later broker refuse a format it cannot read
// instead of truncating it as garbage.

import { crc32c } from '../records/crc32c.js';

export const OFFSET_LOG_VERSION = 1;
const HEADER_BYTES = 8;
/** A length beyond this is treated as corruption, not as a record to allocate for. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** One committed partition inside a commit record: [topic, partition, offset, leaderEpoch, metadata]. */
export type CommitTuple = [topic: string, partition: number, offset: string, leaderEpoch: number, metadata: string];

/** Map key of one partition; NUL cannot appear in a topic name. */
export function key(topic: string, partition: number): string {
  return `${topic}\0${partition}`;
}

export function splitKey(k: string): { topic: string; partition: number } {
  const cut = k.lastIndexOf('\0');
  return { topic: k.slice(0, cut), partition: Number(k.slice(cut + 1)) };
}

export type OffsetLogRecord =
  | { t: 'commit'; group: string; ts: number; entries: CommitTuple[] }
  | { t: 'delete-group'; group: string }
  | { t: 'delete-offsets'; group: string; topic: string; partitions: number[] }
  | { t: 'delete-topic'; topic: string };

export function encodeOffsetLogRecord(record: OffsetLogRecord): Buffer {
  const json = Buffer.from(JSON.stringify(record), 'utf8');
  const frame = Buffer.alloc(HEADER_BYTES + 1 + json.length);
  frame.writeUInt8(OFFSET_LOG_VERSION, HEADER_BYTES);
  json.copy(frame, HEADER_BYTES + 1);
  frame.writeUInt32BE(json.length + 1, 0);
  frame.writeUInt32BE(crc32c(frame, HEADER_BYTES), 4);
  return frame;
}

export interface DecodedOffsetLog {
  records: OffsetLogRecord[];
  /** Bytes of whole, valid records; anything after this is a torn or corrupt tail. */
  validBytes: number;
  /** Why decoding stopped early, if it did. */
  corruption?: string;
}

/**
 * Decodes records until the end or the first damaged frame. A frame with a
 * good CRC but an unknown version throws: it was written on purpose by another
 * format, and cutting it off would destroy data.
 */
export function decodeOffsetLog(data: Buffer, path: string): DecodedOffsetLog {
  const records: OffsetLogRecord[] = [];
  let position = 0;
  while (position < data.length) {
    if (data.length - position < HEADER_BYTES) return { records, validBytes: position, corruption: 'truncated record header' };
    const length = data.readUInt32BE(position);
    if (length < 1 || length > MAX_BODY_BYTES) return { records, validBytes: position, corruption: `implausible record length ${length}` };
    const end = position + HEADER_BYTES + length;
    if (end > data.length) return { records, validBytes: position, corruption: 'truncated record body' };
    if (crc32c(data, position + HEADER_BYTES, end) !== data.readUInt32BE(position + 4)) {
      return { records, validBytes: position, corruption: 'CRC mismatch' };
    }
    const version = data.readUInt8(position + HEADER_BYTES);
    if (version !== OFFSET_LOG_VERSION) {
      throw new Error(`${path} holds a version ${version} record at byte ${position}; this broker reads version ${OFFSET_LOG_VERSION}`);
    }
    let record: unknown;
    try {
      record = JSON.parse(data.toString('utf8', position + HEADER_BYTES + 1, end));
    } catch {
      return { records, validBytes: position, corruption: 'unparseable record body' };
    }
    if (!isRecord(record)) return { records, validBytes: position, corruption: 'malformed record' };
    records.push(record);
    position = end;
  }
  return { records, validBytes: position };
}

function isRecord(value: unknown): value is OffsetLogRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  switch (record.t) {
    case 'commit':
      return typeof record.group === 'string' && typeof record.ts === 'number' && Array.isArray(record.entries) && record.entries.every(isCommitTuple);
    case 'delete-group':
      return typeof record.group === 'string';
    case 'delete-offsets':
      return typeof record.group === 'string' && typeof record.topic === 'string' && Array.isArray(record.partitions) && record.partitions.every(Number.isInteger);
    case 'delete-topic':
      return typeof record.topic === 'string';
    default:
      return false;
  }
}

function isCommitTuple(value: unknown): value is CommitTuple {
  return (
    Array.isArray(value) &&
    value.length === 5 &&
    typeof value[0] === 'string' &&
    Number.isInteger(value[1]) &&
    typeof value[2] === 'string' &&
    /^-?\d+$/.test(value[2]) &&
    Number.isInteger(value[3]) &&
    typeof value[4] === 'string'
  );
}
