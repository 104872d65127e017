// The records a lane keeps on screen: never more than `capacity`. Once past
// it, the oldest are dropped down to `capacity − slack` in one splice, so the
// (linear) trim runs once per `slack` records instead of on every append. The buffer is mutable on purpose: it lives outside React state
// and is read by index from the virtualized list; `version` tells React it moved.
import type { Payload } from '../../../../shared/contract/common';
import type { LaneEvent } from '../../../../shared/contract/lanes';

export type LaneRecord = Extract<LaneEvent, { type: 'records' }>['records'][number];

/**
 * What a lane keeps of a record: what its row shows. Every kept record survives
 * young-generation GC and is copied into the old generation, so keeping one
 * small object (instead of the parsed record with its payload objects, headers
 * and timestamp) is what keeps 4 × 50,000 records cheap for the garbage collector.
 */
export interface LaneRow {
  member: string;
  partition: number;
  offset: string;
  /** One-line previews; base64 payloads are marked as such. */
  key: string | null;
  value: string;
}

export const PREVIEW_CHARS = 200;

export function payloadPreview(payload: Payload | null): string {
  if (payload === null) return 'null';
  const text = payload.encoding === 'utf8' ? payload.data : `base64:${payload.data}`;
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS)}…` : text;
}

export interface LaneBufferLimits {
  /** A trim starts above `capacity` and keeps the newest `capacity − slack`. */
  capacity: number;
  slack: number;
}

export const DEFAULT_LANE_LIMITS: LaneBufferLimits = { capacity: 50_000, slack: 5_000 };

export class LaneBuffer {
  private records: LaneRow[] = [];
  /** One string per member name, shared by all its rows. */
  private memberNames = new Map<string, string>();
  private trimmedCount = 0;
  private receivedCount = 0;
  private versionCount = 0;

  constructor(readonly limits: LaneBufferLimits = DEFAULT_LANE_LIMITS) {
    if (limits.slack < 0 || limits.slack >= limits.capacity) throw new Error('slack must be between 0 and capacity');
  }

  append(records: readonly LaneRecord[]): void {
    if (records.length === 0) return;
    for (const record of records) {
      let member = this.memberNames.get(record.member);
      if (member === undefined) this.memberNames.set(record.member, (member = record.member));
      this.records.push({
        member,
        partition: record.partition,
        offset: record.offset,
        key: record.key === null ? null : payloadPreview(record.key),
        value: payloadPreview(record.value),
      });
    }
    this.receivedCount += records.length;
    const { capacity, slack } = this.limits;
    if (this.records.length > capacity) {
      const drop = this.records.length - (capacity - slack);
      this.records.splice(0, drop);
      this.trimmedCount += drop;
    }
    this.versionCount++;
  }

  /** Forgets every record and the counts (a new run of the lane). */
  clear(): void {
    this.records = [];
    this.memberNames.clear();
    this.trimmedCount = 0;
    this.receivedCount = 0;
    this.versionCount++;
  }

  get length(): number {
    return this.records.length;
  }

  /** Oldest first. */
  at(index: number): LaneRow | undefined {
    return this.records[index];
  }

  /** Newest first, as the lane lists them. */
  newest(index: number): LaneRow | undefined {
    return this.records[this.records.length - 1 - index];
  }

  /** Records dropped to stay within bounds since the last clear. */
  get trimmed(): number {
    return this.trimmedCount;
  }

  /** Records appended since the last clear, trimmed or not. */
  get received(): number {
    return this.receivedCount;
  }

  /** Changes whenever the contents change. */
  get version(): number {
    return this.versionCount;
  }
}
