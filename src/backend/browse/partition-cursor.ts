// One partition's place in a browse: where it started, where it ends (the
// high watermark when the browse began, so a busy topic still finishes), what
// has been fetched but not yet delivered, and the merge that hands records out
// in timestamp order across partitions.
import type { FetchedRecord } from '../kafka/client.js';

export class PartitionCursor {
  /** Fetched, in offset order; those before `next` are delivered. */
  private buffered: FetchedRecord[] = [];
  private next = 0;
  /** The next offset to ask the broker for. */
  fetchAt: bigint;

  constructor(
    readonly partition: number,
    readonly start: bigint,
    readonly end: bigint,
  ) {
    this.fetchAt = start;
  }

  /** Everything up to the end has been fetched. */
  get fetchedAll(): boolean {
    return this.fetchAt >= this.end;
  }

  /** Needs a fetch before the merge can decide what comes next. */
  get starved(): boolean {
    return this.head === undefined && !this.fetchedAll;
  }

  get head(): FetchedRecord | undefined {
    return this.buffered[this.next];
  }

  shift(): FetchedRecord {
    const record = this.buffered[this.next++];
    if (this.next === this.buffered.length) {
      this.buffered = [];
      this.next = 0;
    }
    return record;
  }

  /** The next offset to deliver. */
  get position(): bigint {
    return this.head?.offset ?? (this.fetchAt < this.end ? this.fetchAt : this.end);
  }

  take(records: FetchedRecord[], nextOffset: bigint): void {
    for (const record of records) if (record.offset >= this.fetchAt && record.offset < this.end) this.buffered.push(record);
    if (nextOffset > this.fetchAt) this.fetchAt = nextOffset;
  }

  /** Moves past offsets that are gone (deleted below the log start). */
  skipTo(offset: bigint): void {
    if (offset > this.fetchAt) this.fetchAt = offset;
  }
}

function earliest(cursors: PartitionCursor[]): PartitionCursor | null {
  let best: PartitionCursor | null = null;
  for (const cursor of cursors) {
    const head = cursor.head;
    if (!head) continue;
    const bestHead = best?.head;
    if (!bestHead || head.timestamp < bestHead.timestamp || (head.timestamp === bestHead.timestamp && cursor.partition < best!.partition)) best = cursor;
  }
  return best;
}

/**
 * A k-way merge by timestamp. With `complete`, records are handed out only
 * while no unfinished partition is starved, so a later fetch can never bring
 * an earlier timestamp than one already delivered. Without it (time is up),
 * whatever is buffered is merged.
 */
export function mergeByTimestamp(cursors: PartitionCursor[], limit: number, complete: boolean): { cursor: PartitionCursor; record: FetchedRecord }[] {
  const out: { cursor: PartitionCursor; record: FetchedRecord }[] = [];
  while (out.length < limit) {
    if (complete && cursors.some((c) => c.starved)) break;
    const next = earliest(cursors);
    if (!next) break;
    out.push({ cursor: next, record: next.shift() });
  }
  return out;
}
