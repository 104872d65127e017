// What a lane reports that is computed rather than observed, as pure
// functions: its state, the group's assignment as its members reported it,
// and the lag snapshot.
import type { AppError } from '../../shared/app-error.js';
import type { LaneView } from '../../shared/contract/lanes.js';
import type { PartitionWatermarks } from '../kafka/client.js';
import type { MemberAssignment } from '../kafka/lane-client.js';
import type { LaneEventBody } from './lane-events.js';

export interface ReportedMember {
  label: string;
  /** Null until the member has joined since its last start. */
  assignment: MemberAssignment | null;
}

/**
 * Members report their own part of a generation one by one. The lane shows
 * the group's assignment once every member that has reported is on the same,
 * newest generation; members not joined yet show no partitions. Null while
 * the reports are still mixed (mid-rebalance) or there are none.
 */
export function assignmentEvent(members: ReportedMember[]): Extract<LaneEventBody, { type: 'assignment' }> | null {
  const reported = members.filter((m) => m.assignment !== null);
  if (reported.length === 0) return null;
  const generationId = Math.max(...reported.map((m) => m.assignment!.generationId));
  if (reported.some((m) => m.assignment!.generationId !== generationId)) return null;
  return { type: 'assignment', generationId, members: members.map((m) => ({ member: m.label, partitions: m.assignment?.partitions ?? [] })) };
}

/**
 * Lag per partition: high watermark minus the committed offset. Without a
 * commit the group has read nothing it can vouch for, so every retained
 * record (from the low watermark) counts.
 */
export function lagEvent(committed: Map<number, bigint>, marks: PartitionWatermarks[]): Extract<LaneEventBody, { type: 'lag' }> {
  let total = 0n;
  const partitions = marks.map((m) => {
    const offset = committed.get(m.partition) ?? null;
    const raw = m.high - (offset ?? m.low);
    const lag = raw > 0n ? raw : 0n;
    total += lag;
    return { partition: m.partition, committed: offset === null ? null : offset.toString(), highWatermark: m.high.toString(), lag: lag.toString() };
  });
  return { type: 'lag', partitions, total: total.toString() };
}

export type LaneState = LaneView['state'];

export interface LaneCondition {
  /** A failure the lane does not retry (e.g. not authorized). */
  failed: AppError | null;
  /** Started (and not stopped) by the user. */
  running: boolean;
  userPaused: boolean;
  members: { label: string; joined: boolean; fetching: boolean; failing: boolean }[];
}

/** Failed beats stopped beats reconnecting beats paused; running once every member has joined and fetched. */
export function laneState(lane: LaneCondition): { state: LaneState; detail: string | null } {
  if (lane.failed) return { state: 'failed', detail: lane.failed.message };
  if (!lane.running) return { state: 'stopped', detail: null };
  const failing = lane.members.find((m) => m.failing);
  if (failing) return { state: 'reconnecting', detail: `${failing.label} lost its connection and is reconnecting` };
  if (lane.userPaused) return { state: 'paused', detail: null };
  if (lane.members.every((m) => m.joined && m.fetching)) return { state: 'running', detail: null };
  return { state: 'starting', detail: null };
}
