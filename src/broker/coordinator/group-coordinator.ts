// GroupCoordinator: routes classic group requests to one GroupActor per group
// id, creating groups on demand as Kafka does, and answers the cross-group
// questions (ListGroups, DeleteGroups, unknown groups). Transport-free: the
// JoinGroup/SyncGroup/... handlers translate wire requests into these calls.

import type { BrokerConfig } from '../config/types.js';
import { silentLogger, type Clock, type IdSource, type Logger } from '../ports.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { GroupActor } from './group-actor.js';
import { joinError, syncError } from './group-core.js';
import type {
  CommitCheckInput,
  DescribedGroup,
  GroupSettings,
  GroupStateName,
  HeartbeatInput,
  JoinGroupInput,
  JoinGroupResult,
  LeaveGroupInput,
  LeaveGroupResult,
  ListedGroup,
  SyncGroupInput,
  SyncGroupResult,
} from './group-types.js';

export interface GroupCoordinatorOptions {
  settings: GroupSettings;
  clock: Clock;
  ids: IdSource;
  logger?: Logger;
}

export function groupSettingsFrom(config: BrokerConfig): GroupSettings {
  return {
    initialRebalanceDelayMs: config.groupInitialRebalanceDelayMs,
    minSessionTimeoutMs: config.groupMinSessionTimeoutMs,
    maxSessionTimeoutMs: config.groupMaxSessionTimeoutMs,
    maxSize: config.groupMaxSize,
  };
}

export class GroupCoordinator {
  private readonly groups = new Map<string, GroupActor>();

  constructor(private readonly options: GroupCoordinatorOptions) {}

  join(input: JoinGroupInput): Promise<JoinGroupResult> {
    if (input.groupId === '') return Promise.resolve(joinError(input.memberId, ErrorCode.INVALID_GROUP_ID));
    let group = this.groups.get(input.groupId);
    if (!group) {
      // A member id only means something to the group that issued it.
      if (input.memberId !== '') return Promise.resolve(joinError(input.memberId, ErrorCode.UNKNOWN_MEMBER_ID));
      group = this.create(input.groupId);
    }
    return group.join(input);
  }

  sync(input: SyncGroupInput): Promise<SyncGroupResult> {
    if (input.groupId === '') return Promise.resolve(syncError(ErrorCode.INVALID_GROUP_ID));
    return this.groups.get(input.groupId)?.sync(input) ?? Promise.resolve(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
  }

  heartbeat(input: HeartbeatInput): Promise<ErrorCode> {
    if (input.groupId === '') return Promise.resolve(ErrorCode.INVALID_GROUP_ID);
    return this.groups.get(input.groupId)?.heartbeat(input) ?? Promise.resolve(ErrorCode.UNKNOWN_MEMBER_ID);
  }

  leave(input: LeaveGroupInput): Promise<LeaveGroupResult> {
    const everyone = (errorCode: ErrorCode, memberCode: ErrorCode): LeaveGroupResult => ({
      errorCode,
      members: input.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode: memberCode })),
    });
    if (input.groupId === '') return Promise.resolve(everyone(ErrorCode.INVALID_GROUP_ID, ErrorCode.INVALID_GROUP_ID));
    return this.groups.get(input.groupId)?.leave(input) ?? Promise.resolve(everyone(ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID));
  }

  /**
   * Whether an OffsetCommit may be stored (protocol.md §4.5). A commit with a
   * negative generation to an unknown group creates it Empty, so the group
   * then shows in ListGroups and can hold offsets.
   */
  validateCommit(input: CommitCheckInput): Promise<ErrorCode> {
    const group = this.groups.get(input.groupId);
    if (group) return group.validateCommit(input);
    if (input.generationId >= 0) return Promise.resolve(ErrorCode.ILLEGAL_GENERATION);
    this.create(input.groupId);
    return Promise.resolve(ErrorCode.NONE);
  }

  /** DescribeGroups v0-5: an unknown group is reported as Dead with no error. */
  describe(groupId: string): Promise<DescribedGroup> {
    const group = this.groups.get(groupId);
    if (group) return Promise.resolve(group.describe());
    return Promise.resolve({ errorCode: ErrorCode.NONE, groupId, state: 'Dead', protocolType: '', protocolData: '', members: [] });
  }

  /** ListGroups; the filter is case-insensitive and empty means every state. */
  list(statesFilter: readonly string[] = []): Promise<ListedGroup[]> {
    const wanted = new Set(statesFilter.map((state) => state.toLowerCase()));
    const listed = [...this.groups.values()]
      .map((group) => group.listing())
      .filter((group) => wanted.size === 0 || wanted.has(group.state.toLowerCase()));
    return Promise.resolve(listed);
  }

  /** DeleteGroups for one group; the caller drops the group's offsets on NONE. */
  delete(groupId: string): Promise<ErrorCode> {
    const group = this.groups.get(groupId);
    if (!group) return Promise.resolve(ErrorCode.GROUP_ID_NOT_FOUND);
    const errorCode = group.delete();
    if (errorCode === ErrorCode.NONE) this.groups.delete(groupId);
    return Promise.resolve(errorCode);
  }

  /** The group's state now, or undefined when no such group exists. */
  stateOf(groupId: string): GroupStateName | undefined {
    return this.groups.get(groupId)?.state;
  }

  /**
   * OffsetDelete: topics the group's members subscribe to; an empty set for an
   * unknown or Empty group, null when an active group's subscriptions are unknowable.
   */
  subscribedTopics(groupId: string): ReadonlySet<string> | null {
    const group = this.groups.get(groupId);
    return group ? group.subscribedTopics() : new Set();
  }

  /** Ids of the groups that currently have no members. */
  emptyGroupIds(): string[] {
    return [...this.groups.values()].filter((group) => group.state === 'Empty').map((group) => group.groupId);
  }

  has(groupId: string): boolean {
    return this.groups.has(groupId);
  }

  /** Cancels every group's timers; parked requests get COORDINATOR_NOT_AVAILABLE. */
  close(): void {
    for (const group of this.groups.values()) group.close();
    this.groups.clear();
  }

  private create(groupId: string): GroupActor {
    const { settings, clock, ids, logger = silentLogger } = this.options;
    const group = new GroupActor(groupId, { settings, clock, ids, logger });
    this.groups.set(groupId, group);
    return group;
  }
}
