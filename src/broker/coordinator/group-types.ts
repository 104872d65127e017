// Plain request and response shapes of the classic group coordinator. They
// mirror the wire fields closely so a handler only copies them across, but
// carry no versions: handlers decide what each API version shows.

import type { ErrorCode } from '../protocol/error-codes.js';

export type GroupStateName = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface GroupProtocol {
  name: string;
  metadata: Buffer;
}

export interface GroupSettings {
  /** group.initial.rebalance.delay.ms */
  initialRebalanceDelayMs: number;
  /** group.min.session.timeout.ms */
  minSessionTimeoutMs: number;
  /** group.max.session.timeout.ms */
  maxSessionTimeoutMs: number;
  /** group.max.size */
  maxSize: number;
}

export interface JoinGroupInput {
  groupId: string;
  /** "" for a member that has no id yet. */
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  /** JoinGroup v0 has none: pass the session timeout, as Kafka does. */
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: GroupProtocol[];
  /** True from JoinGroup v4: unknown dynamic members get MEMBER_ID_REQUIRED first. */
  requireKnownMemberId: boolean;
  reason?: string | null;
}

export interface JoinGroupMember {
  memberId: string;
  groupInstanceId: string | null;
  metadata: Buffer;
}

export interface JoinGroupResult {
  errorCode: ErrorCode;
  generationId: number;
  protocolType: string | null;
  protocolName: string | null;
  leader: string;
  memberId: string;
  /** Filled for the leader only. */
  members: JoinGroupMember[];
  /** KIP-814: a static leader rejoined without a rebalance and must not reassign. */
  skipAssignment: boolean;
}

export interface SyncGroupInput {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
  /** SyncGroup v5+; null or absent skips the check. */
  protocolType?: string | null;
  protocolName?: string | null;
  /** Only the leader's are used. */
  assignments: { memberId: string; assignment: Buffer }[];
}

export interface SyncGroupResult {
  errorCode: ErrorCode;
  assignment: Buffer;
  protocolType: string | null;
  protocolName: string | null;
}

export interface MemberIdentity {
  groupId: string;
  generationId: number;
  memberId: string;
  groupInstanceId: string | null;
}

export type HeartbeatInput = MemberIdentity;
export type CommitCheckInput = MemberIdentity;

export interface LeaveGroupInput {
  groupId: string;
  members: { memberId: string; groupInstanceId: string | null; reason?: string | null }[];
}

export interface LeaveGroupResult {
  errorCode: ErrorCode;
  members: { memberId: string; groupInstanceId: string | null; errorCode: ErrorCode }[];
}

export interface DescribedMember {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  /** Empty unless the group is Stable (as Kafka's group summary). */
  metadata: Buffer;
  assignment: Buffer;
}

export interface DescribedGroup {
  errorCode: ErrorCode;
  groupId: string;
  state: GroupStateName;
  protocolType: string;
  /** The selected protocol, only when Stable. */
  protocolData: string;
  members: DescribedMember[];
}

export interface ListedGroup {
  groupId: string;
  protocolType: string;
  state: GroupStateName;
}
