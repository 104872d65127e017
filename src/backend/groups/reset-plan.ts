// Where a reset moves each partition, following Kafka's
// `kafka-consumer-groups --reset-offsets` (ConsumerGroupCommand):
// - earliest / latest: the log start / log end offset;
// - offset N and shift ±N: clamped into [log start, log end], as the tool
//   does (it warns and uses the bound); shift counts from the committed
//   offset, and like the tool it refuses the whole reset when a chosen
//   partition has no committed offset to shift from;
// - timestamp: the first offset whose timestamp is at or after it
//   (ListOffsets), or the log end where no record is that late.
import { ErrorCode, fail } from '../errors.js';

export type ResetTarget =
  | { to: 'earliest' }
  | { to: 'latest' }
  | { to: 'timestamp'; timestamp: bigint }
  | { to: 'offset'; offset: bigint }
  | { to: 'shift'; by: bigint };

export interface PartitionPosition {
  partition: number;
  low: bigint;
  high: bigint;
  committed: bigint | null;
  /** For a timestamp target: ListOffsets' answer, null when no record is at or after it. */
  atTimestamp?: bigint | null;
}

export interface PlannedOffset {
  partition: number;
  before: bigint | null;
  after: bigint;
  /** The target fell outside [log start, log end] and was moved to the nearer bound. */
  clamped: boolean;
}

function clampInto(requested: bigint, p: PartitionPosition): { after: bigint; clamped: boolean } {
  if (requested > p.high) return { after: p.high, clamped: true };
  if (requested < p.low) return { after: p.low, clamped: true };
  return { after: requested, clamped: false };
}

export function planReset(target: ResetTarget, topic: string, partitions: PartitionPosition[]): PlannedOffset[] {
  if (target.to === 'shift') {
    const missing = partitions.filter((p) => p.committed === null).map((p) => p.partition);
    if (missing.length > 0) {
      fail(
        ErrorCode.NO_COMMITTED_OFFSET,
        `Cannot shift partition${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of "${topic}": the group has no committed offset there to shift from. Choose those partitions' offsets another way (earliest, latest, an offset or a timestamp).`,
      );
    }
  }
  return partitions.map((p): PlannedOffset => {
    const base = { partition: p.partition, before: p.committed };
    switch (target.to) {
      case 'earliest':
        return { ...base, after: p.low, clamped: false };
      case 'latest':
        return { ...base, after: p.high, clamped: false };
      case 'timestamp':
        return { ...base, after: p.atTimestamp ?? p.high, clamped: false };
      case 'offset':
        return { ...base, ...clampInto(target.offset, p) };
      case 'shift':
        return { ...base, ...clampInto(p.committed! + target.by, p) };
    }
  });
}
