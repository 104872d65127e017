// planReset: kafka-consumer-groups' --reset-offsets arithmetic on plain numbers.
import { describe, expect, it } from 'vitest';
import { planReset, type PartitionPosition } from '../../../src/backend/groups/reset-plan.js';
import { AppFailure } from '../../../src/shared/rpc/result.js';

const p = (partition: number, low: bigint, high: bigint, committed: bigint | null, atTimestamp?: bigint | null): PartitionPosition => ({
  partition,
  low,
  high,
  committed,
  ...(atTimestamp === undefined ? {} : { atTimestamp }),
});

describe('planReset', () => {
  const parts = [p(0, 5n, 20n, 10n), p(1, 0n, 3n, 3n)];

  it('earliest and latest are the log start and end', () => {
    expect(planReset({ to: 'earliest' }, 't', parts).map((r) => r.after)).toEqual([5n, 0n]);
    expect(planReset({ to: 'latest' }, 't', parts).map((r) => r.after)).toEqual([20n, 3n]);
  });

  it('clamps an offset into [start, end] and says so', () => {
    expect(planReset({ to: 'offset', offset: 2n }, 't', parts)).toEqual([
      { partition: 0, before: 10n, after: 5n, clamped: true },
      { partition: 1, before: 3n, after: 2n, clamped: false },
    ]);
    expect(planReset({ to: 'offset', offset: 20n }, 't', parts).map((r) => [r.after, r.clamped])).toEqual([
      [20n, false],
      [3n, true],
    ]);
  });

  it('shifts from the committed offset, clamped', () => {
    expect(planReset({ to: 'shift', by: -3n }, 't', parts).map((r) => [r.after, r.clamped])).toEqual([
      [7n, false],
      [0n, false],
    ]);
    expect(planReset({ to: 'shift', by: -6n }, 't', parts).map((r) => [r.after, r.clamped])).toEqual([
      [5n, true],
      [0n, true],
    ]);
    expect(planReset({ to: 'shift', by: 11n }, 't', parts).map((r) => r.after)).toEqual([20n, 3n]);
  });

  it('refuses to shift when a chosen partition has no commit, naming every such partition', () => {
    try {
      planReset({ to: 'shift', by: 1n }, 'orders', [p(0, 0n, 9n, null), p(1, 0n, 9n, 4n), p(2, 0n, 9n, null)]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppFailure);
      expect((error as AppFailure).error.code).toBe('NO_COMMITTED_OFFSET');
      expect((error as AppFailure).error.message).toContain('partitions 0, 2 of "orders"');
    }
  });

  it('uses the timestamp lookup, and the log end where no record is that late', () => {
    expect(planReset({ to: 'timestamp', timestamp: 123n }, 't', [p(0, 0n, 9n, null, 4n), p(1, 0n, 7n, 2n, null)])).toEqual([
      { partition: 0, before: null, after: 4n, clamped: false },
      { partition: 1, before: 2n, after: 7n, clamped: false },
    ]);
  });
});
