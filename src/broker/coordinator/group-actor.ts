// GroupActor: one classic consumer group (JoinGroup/SyncGroup protocol).
//
// Contributing notes: the state machine
//
//   Empty ──join──▶ PreparingRebalance ──all joined / rebalance timeout──▶ CompletingRebalance
//     ▲                 ▲      │                                              │
//     │                 │      └──nobody left──▶ Empty                        │ leader's SyncGroup
//     │                 │                                                     ▼
//     │                 └──join with new metadata, leader rejoin, leave, ── Stable
//     │                    session or pending-sync timeout (also from CompletingRebalance)
//     └── DeleteGroups only from Empty ──▶ Dead (the coordinator then forgets the group)
//
// - PreparingRebalance parks every JoinGroup. It ends when every known member
//   has rejoined (and no MEMBER_ID_REQUIRED member is still pending), or when
//   the largest rebalance timeout passes; dynamic members that did not rejoin
//   are removed, the generation goes up, a protocol is voted and the leader
//   (alone) receives the member list. Leaving Empty waits the initial
//   rebalance delay first so members starting together share a generation.
// - CompletingRebalance parks followers' SyncGroups until the leader's
//   arrives with the assignment; then all are answered and the group is
//   Stable. Members that never sync within the rebalance timeout are dropped.
// - Session timers run per member and are refreshed by any request from it;
//   expiry removes the member and rebalances. Members parked in Join/Sync are
//   kept alive, since the group timeouts bound those waits.
// - Static members (group.instance.id) rejoining with an empty member id get a
//   fresh id and fence the old one (FENCED_INSTANCE_ID); in Stable with the
//   same protocols that happens without a rebalance.
//
// Everything runs synchronously on the event loop; the Promises only exist so
// requests can be parked. No method ever awaits, so state cannot interleave.

import { ErrorCode } from '../protocol/error-codes.js';
import { CONSUMER_PROTOCOL_TYPE, subscribedTopicsOf } from './consumer-protocol.js';
import { GroupCore, joinError, syncError } from './group-core.js';
import { candidateProtocols, metadataFor, sameProtocols, type GroupMember } from './group-member.js';
import type {
  CommitCheckInput,
  DescribedGroup,
  HeartbeatInput,
  JoinGroupInput,
  JoinGroupResult,
  LeaveGroupInput,
  LeaveGroupResult,
  ListedGroup,
  SyncGroupInput,
  SyncGroupResult,
} from './group-types.js';

export class GroupActor extends GroupCore {
  join(input: JoinGroupInput): Promise<JoinGroupResult> {
    const { memberId, groupInstanceId } = input;
    const fail = (errorCode: ErrorCode) => Promise.resolve(joinError(memberId, errorCode));
    if (this.state === 'Dead') return fail(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    const { minSessionTimeoutMs, maxSessionTimeoutMs, maxSize } = this.deps.settings;
    if (input.sessionTimeoutMs < minSessionTimeoutMs || input.sessionTimeoutMs > maxSessionTimeoutMs) {
      return fail(ErrorCode.INVALID_SESSION_TIMEOUT);
    }
    // A static rejoin with an empty id replaces the member holding that instance id.
    const replacing = memberId === '' && groupInstanceId !== null ? this.staticMembers.get(groupInstanceId) : memberId;
    if (!this.supportsProtocols(input, replacing)) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const known = (replacing !== undefined && this.members.has(replacing)) || this.pendingMembers.has(memberId);
    if (!known && this.members.size + this.pendingMembers.size >= maxSize) return fail(ErrorCode.GROUP_MAX_SIZE_REACHED);

    if (memberId === '') {
      if (groupInstanceId !== null) return this.joinStatic(input);
      const newId = this.newMemberId(input.clientId);
      if (!input.requireKnownMemberId) return this.addAndRebalance(input, newId);
      this.addPendingMember(newId, input.sessionTimeoutMs);
      return Promise.resolve(joinError(newId, ErrorCode.MEMBER_ID_REQUIRED));
    }
    if (this.removePendingMember(memberId)) return this.addAndRebalance(input, memberId);
    const invalid = this.checkMember(memberId, groupInstanceId);
    if (invalid !== ErrorCode.NONE) return fail(invalid);
    const member = this.members.get(memberId)!;
    const unchanged = sameProtocols(member.protocols, input.protocols);
    const answerNow =
      (this.state === 'CompletingRebalance' && unchanged) || (this.state === 'Stable' && unchanged && memberId !== this.leaderId);
    if (answerNow) {
      this.touch(member);
      return Promise.resolve(this.joinResponse(member, false));
    }
    this.update(member, input);
    return this.parkAndRebalance(member);
  }

  sync(input: SyncGroupInput): Promise<SyncGroupResult> {
    const fail = (errorCode: ErrorCode) => Promise.resolve(syncError(errorCode));
    if (this.state === 'Dead') return fail(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    const invalid = this.checkMember(input.memberId, input.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return fail(invalid);
    if (input.generationId !== this.generationId) return fail(ErrorCode.ILLEGAL_GENERATION);
    if ((input.protocolType != null && input.protocolType !== this.protocolType) || (input.protocolName != null && input.protocolName !== this.protocolName)) {
      return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    if (this.state === 'PreparingRebalance') return fail(ErrorCode.REBALANCE_IN_PROGRESS);
    const member = this.members.get(input.memberId)!;
    this.touch(member);
    this.syncDone(member.memberId);
    if (this.state === 'Stable') return Promise.resolve(this.syncAnswer(member));
    // CompletingRebalance: park until the leader brings the assignment.
    const parked = new Promise<SyncGroupResult>((resolve) => {
      member.syncWaiter?.(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      member.syncWaiter = resolve;
    });
    if (member.memberId === this.leaderId) {
      const byMember = new Map(input.assignments.map((entry) => [entry.memberId, entry.assignment]));
      this.state = 'Stable';
      for (const each of this.members.values()) {
        each.assignment = byMember.get(each.memberId) ?? Buffer.alloc(0);
        const waiter = each.syncWaiter;
        each.syncWaiter = null;
        waiter?.(this.syncAnswer(each));
      }
    }
    return parked;
  }

  heartbeat(input: HeartbeatInput): Promise<ErrorCode> {
    return Promise.resolve(this.heartbeatNow(input));
  }

  private heartbeatNow(input: HeartbeatInput): ErrorCode {
    if (this.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    const invalid = this.checkMember(input.memberId, input.groupInstanceId);
    if (invalid !== ErrorCode.NONE) return invalid;
    if (input.generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    this.touch(this.members.get(input.memberId)!);
    // The only way a member learns that it must rejoin.
    return this.state === 'PreparingRebalance' ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
  }

  leave(input: LeaveGroupInput): Promise<LeaveGroupResult> {
    if (this.state === 'Dead') {
      const members = input.members.map((m) => ({ memberId: m.memberId, groupInstanceId: m.groupInstanceId, errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE }));
      return Promise.resolve({ errorCode: ErrorCode.COORDINATOR_NOT_AVAILABLE, members });
    }
    let changed = false;
    const members = input.members.map(({ memberId, groupInstanceId }) => {
      const answer = (errorCode: ErrorCode) => ({ memberId, groupInstanceId, errorCode });
      const currentId = groupInstanceId === null ? undefined : this.staticMembers.get(groupInstanceId);
      const resolvedId = memberId === '' ? currentId : memberId;
      if (resolvedId === undefined) return answer(ErrorCode.UNKNOWN_MEMBER_ID);
      if (currentId !== undefined && currentId !== resolvedId) return answer(ErrorCode.FENCED_INSTANCE_ID);
      if (this.removePendingMember(resolvedId)) {
        changed = true;
        return answer(ErrorCode.NONE);
      }
      const member = this.members.get(resolvedId);
      if (!member) return answer(ErrorCode.UNKNOWN_MEMBER_ID);
      this.removeMember(member, ErrorCode.UNKNOWN_MEMBER_ID);
      changed = true;
      return answer(ErrorCode.NONE);
    });
    if (changed && this.state !== 'Empty') this.rebalance();
    return Promise.resolve({ errorCode: ErrorCode.NONE, members });
  }

  /** Whether an OffsetCommit from this caller may be stored now (protocol.md §4.5). */
  validateCommit(input: CommitCheckInput): Promise<ErrorCode> {
    return Promise.resolve(this.commitCheck(input));
  }

  private commitCheck({ generationId, memberId, groupInstanceId }: CommitCheckInput): ErrorCode {
    if (this.state === 'Dead') return ErrorCode.COORDINATOR_NOT_AVAILABLE;
    // Admin tools and simple consumers commit without a membership.
    if (generationId < 0 && this.state === 'Empty') return ErrorCode.NONE;
    if (generationId < 0 && memberId === '' && groupInstanceId === null) return ErrorCode.UNKNOWN_MEMBER_ID;
    const invalid = this.checkMember(memberId, groupInstanceId);
    if (invalid !== ErrorCode.NONE) return invalid;
    if (generationId !== this.generationId) return ErrorCode.ILLEGAL_GENERATION;
    if (this.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    this.touch(this.members.get(memberId)!);
    return ErrorCode.NONE;
  }

  describe(): DescribedGroup {
    const stable = this.state === 'Stable';
    return {
      errorCode: ErrorCode.NONE,
      groupId: this.groupId,
      state: this.state,
      protocolType: this.protocolType ?? '',
      protocolData: stable ? (this.protocolName ?? '') : '',
      members: [...this.members.values()].map((member) => ({
        memberId: member.memberId,
        groupInstanceId: member.groupInstanceId,
        clientId: member.clientId,
        clientHost: member.clientHost,
        metadata: stable ? metadataFor(member, this.protocolName) : Buffer.alloc(0),
        assignment: stable ? member.assignment : Buffer.alloc(0),
      })),
    };
  }

  listing(): ListedGroup {
    return { groupId: this.groupId, protocolType: this.protocolType ?? '', state: this.state };
  }

  /**
   * OffsetDelete: the topics the current members subscribe to, read from their
   * consumer-protocol metadata. Null when members exist but their
   * subscriptions cannot be known (not a "consumer" group, or unreadable
   * metadata), in which case nothing may be deleted.
   */
  subscribedTopics(): ReadonlySet<string> | null {
    if (this.members.size === 0) return new Set();
    if (this.protocolType !== CONSUMER_PROTOCOL_TYPE) return null;
    const topics = new Set<string>();
    for (const member of this.members.values()) {
      // Before the first protocol vote every offered protocol counts.
      const offered = member.protocols.filter((protocol) => this.protocolName === null || protocol.name === this.protocolName);
      for (const protocol of offered) {
        const subscribed = subscribedTopicsOf(protocol.metadata);
        if (subscribed === null) return null;
        for (const topic of subscribed) topics.add(topic);
      }
    }
    return topics;
  }

  /** DeleteGroups: only an Empty group can go. */
  delete(): ErrorCode {
    if (this.state === 'Dead') return ErrorCode.GROUP_ID_NOT_FOUND;
    if (this.state !== 'Empty') return ErrorCode.NON_EMPTY_GROUP;
    this.markDead();
    return ErrorCode.NONE;
  }

  /** Stops every timer (broker shutdown). */
  close(): void {
    this.markDead();
  }

  private checkMember(memberId: string, groupInstanceId: string | null): ErrorCode {
    if (groupInstanceId !== null) {
      const current = this.staticMembers.get(groupInstanceId);
      if (current !== undefined && current !== memberId) return ErrorCode.FENCED_INSTANCE_ID;
    }
    return this.members.has(memberId) ? ErrorCode.NONE : ErrorCode.UNKNOWN_MEMBER_ID;
  }

  /** The group's type must match and some protocol must be supported by every other member. */
  private supportsProtocols(input: JoinGroupInput, selfId: string | undefined): boolean {
    const others = [...this.members.values()].filter((member) => member.memberId !== selfId);
    if (others.length === 0) return input.protocolType !== '' && input.protocols.length > 0;
    if (input.protocolType !== this.protocolType) return false;
    const candidates = candidateProtocols(others);
    return input.protocols.some((protocol) => candidates.includes(protocol.name));
  }

  private joinStatic(input: JoinGroupInput): Promise<JoinGroupResult> {
    const newId = this.newMemberId(input.clientId);
    const oldId = this.staticMembers.get(input.groupInstanceId!);
    const member = oldId === undefined ? undefined : this.members.get(oldId);
    if (!member) return this.addAndRebalance(input, newId);
    const unchanged = sameProtocols(member.protocols, input.protocols);
    // Whatever the old incarnation still waits for is answered as fenced.
    this.answerParked(member, ErrorCode.FENCED_INSTANCE_ID);
    this.members.delete(member.memberId);
    if (this.leaderId === member.memberId) this.leaderId = newId;
    if (this.pendingSync.delete(member.memberId)) this.pendingSync.add(newId);
    member.memberId = newId;
    this.members.set(newId, member);
    this.staticMembers.set(input.groupInstanceId!, newId);
    this.update(member, input);
    if (this.state === 'Stable' && unchanged) return Promise.resolve(this.joinResponse(member, true));
    return this.parkAndRebalance(member);
  }

  private addAndRebalance(input: JoinGroupInput, memberId: string): Promise<JoinGroupResult> {
    const member: GroupMember = {
      memberId,
      groupInstanceId: input.groupInstanceId,
      clientId: input.clientId,
      clientHost: input.clientHost,
      sessionTimeoutMs: input.sessionTimeoutMs,
      rebalanceTimeoutMs: input.rebalanceTimeoutMs,
      protocolType: input.protocolType,
      protocols: input.protocols,
      assignment: Buffer.alloc(0),
      joinWaiter: null,
      syncWaiter: null,
      sessionTimer: null,
    };
    this.addMember(member);
    return this.parkAndRebalance(member);
  }

  private parkAndRebalance(member: GroupMember): Promise<JoinGroupResult> {
    const parked = new Promise<JoinGroupResult>((resolve) => {
      // A second JoinGroup supersedes the first; the client only reads the last.
      member.joinWaiter?.(joinError(member.memberId, ErrorCode.REBALANCE_IN_PROGRESS));
      member.joinWaiter = resolve;
    });
    this.rebalance();
    return parked;
  }

  private update(member: GroupMember, input: JoinGroupInput): void {
    if (this.members.size === 1) this.protocolType = input.protocolType;
    member.clientId = input.clientId;
    member.clientHost = input.clientHost;
    member.sessionTimeoutMs = input.sessionTimeoutMs;
    member.rebalanceTimeoutMs = input.rebalanceTimeoutMs;
    member.protocolType = input.protocolType;
    member.protocols = input.protocols;
    this.touch(member);
  }

  private syncAnswer(member: GroupMember): SyncGroupResult {
    return { errorCode: ErrorCode.NONE, assignment: member.assignment, protocolType: this.protocolType, protocolName: this.protocolName };
  }
}
