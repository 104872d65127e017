// Record bytes as they cross the contract: UTF-8 text when the bytes are valid
// UTF-8, otherwise base64, always with the true size. Previews stop at 1 MiB so
// one huge value cannot swamp a stream; the whole value is fetched on demand.
import type { ConsumedRecord, Payload } from '../../shared/contract/common.js';

export const PREVIEW_LIMIT_BYTES = 1024 * 1024;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The largest cut ≤ limit that does not split a UTF-8 sequence (continuation bytes are 10xxxxxx). */
function utf8Boundary(bytes: Uint8Array, limit: number): number {
  let cut = limit;
  while (cut > 0 && (bytes[cut] & 0xc0) === 0x80) cut--;
  return cut;
}

/** Null stays null (a Kafka null key or value); `limit` is the preview size, Infinity for the whole value. */
export function toPayload(bytes: Buffer | Uint8Array | null, limit: number = PREVIEW_LIMIT_BYTES): Payload | null {
  if (bytes === null) return null;
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const truncated = buffer.length > limit;
  if (isUtf8(buffer)) {
    const shown = truncated ? buffer.subarray(0, utf8Boundary(buffer, limit)) : buffer;
    return { encoding: 'utf8', data: shown.toString('utf8'), size: buffer.length, truncated };
  }
  const shown = truncated ? buffer.subarray(0, limit) : buffer;
  return { encoding: 'base64', data: shown.toString('base64'), size: buffer.length, truncated };
}

/** A record read from `partition` (by a lane member or a browse) in the contract's shape: decimal offsets, previewed payloads. */
export function consumedRecord(
  partition: number,
  record: { offset: bigint; timestamp: bigint; key: Buffer | null; value: Buffer | null; headers: { key: string; value: Buffer | null }[] },
): ConsumedRecord {
  return {
    partition,
    offset: record.offset.toString(),
    timestamp: record.timestamp.toString(),
    key: toPayload(record.key),
    value: toPayload(record.value),
    headers: record.headers.map((h) => ({ key: h.key, value: toPayload(h.value) })),
  };
}
