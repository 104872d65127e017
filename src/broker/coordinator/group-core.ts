// The state and transitions of one classic group, shared by the request
// methods in group-actor.ts (which also documents the state machine). Kept
// apart so each file stays readable: this one knows timers and transitions,
// the actor knows requests.

import type { Clock, IdSource, Logger, Timer } from '../ports.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { formatUuid, metadataFor, selectProtocol, type GroupMember } from './group-member.js';
import type { GroupSettings, GroupStateName, JoinGroupMember, JoinGroupResult, SyncGroupResult } from './group-types.js';

export interface GroupDeps {
  settings: GroupSettings;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
}

export function joinError(memberId: string, errorCode: ErrorCode): JoinGroupResult {
  return { errorCode, generationId: -1, protocolType: null, protocolName: null, leader: '', memberId, members: [], skipAssignment: false };
}

export function syncError(errorCode: ErrorCode): SyncGroupResult {
  return { errorCode, assignment: Buffer.alloc(0), protocolType: null, protocolName: null };
}

export abstract class GroupCore {
  state: GroupStateName = 'Empty';
  generationId = 0;
  protocolType: string | null = null;
  protocolName: string | null = null;
  leaderId: string | null = null;
  protected readonly members = new Map<string, GroupMember>();
  /** Members told MEMBER_ID_REQUIRED, each expiring unless it rejoins within its session timeout. */
  protected readonly pendingMembers = new Map<string, Timer>();
  /** group.instance.id -> current member id; any other member id with that instance is fenced. */
  protected readonly staticMembers = new Map<string, string>();
  /** Members of this generation that have not sent SyncGroup yet. */
  protected readonly pendingSync = new Set<string>();
  private joinTimer: Timer | null = null;
  private syncTimer: Timer | null = null;
  private inInitialDelay = false;

  constructor(
    readonly groupId: string,
    protected readonly deps: GroupDeps,
  ) {}

  get memberCount(): number {
    return this.members.size;
  }

  protected newMemberId(clientId: string): string {
    return `${clientId}-${formatUuid(this.deps.ids.randomBytes16())}`;
  }

  protected addPendingMember(memberId: string, sessionTimeoutMs: number): void {
    const timer = this.deps.clock.setTimer(sessionTimeoutMs, () => {
      if (this.pendingMembers.get(memberId) !== timer) return;
      this.pendingMembers.delete(memberId);
      this.tryCompleteJoin();
    });
    this.pendingMembers.set(memberId, timer);
  }

  protected removePendingMember(memberId: string): boolean {
    const timer = this.pendingMembers.get(memberId);
    if (!timer) return false;
    timer.cancel();
    this.pendingMembers.delete(memberId);
    return true;
  }

  protected addMember(member: GroupMember): void {
    // The first member decides the protocol type; later ones must match it.
    if (this.members.size === 0) this.protocolType = member.protocolType;
    this.members.set(member.memberId, member);
    if (member.groupInstanceId !== null) this.staticMembers.set(member.groupInstanceId, member.memberId);
    if (this.leaderId === null) this.leaderId = member.memberId;
    this.touch(member);
  }

  /** Restarts the member's session timer: it proved it is alive. */
  protected touch(member: GroupMember): void {
    member.sessionTimer?.cancel();
    member.sessionTimer = this.deps.clock.setTimer(member.sessionTimeoutMs, () => this.onSessionExpired(member));
  }

  private onSessionExpired(member: GroupMember): void {
    if (this.members.get(member.memberId) !== member) return;
    // A member parked in JoinGroup or SyncGroup is waiting on us, not dead:
    // the rebalance and pending-sync timeouts bound those waits instead.
    if (member.joinWaiter || member.syncWaiter) {
      this.touch(member);
      return;
    }
    this.deps.logger.info('group member session expired', { groupId: this.groupId, memberId: member.memberId });
    this.removeMember(member, ErrorCode.UNKNOWN_MEMBER_ID);
    this.rebalance();
  }

  /** Drops a member and answers its parked requests; the caller then calls rebalance(). */
  protected removeMember(member: GroupMember, errorCode: ErrorCode): void {
    member.sessionTimer?.cancel();
    member.sessionTimer = null;
    this.answerParked(member, errorCode);
    this.members.delete(member.memberId);
    const instanceId = member.groupInstanceId;
    if (instanceId !== null && this.staticMembers.get(instanceId) === member.memberId) this.staticMembers.delete(instanceId);
    this.pendingSync.delete(member.memberId);
    if (this.leaderId === member.memberId) this.leaderId = this.members.keys().next().value ?? null;
  }

  protected answerParked(member: GroupMember, errorCode: ErrorCode): void {
    const join = member.joinWaiter;
    const sync = member.syncWaiter;
    member.joinWaiter = null;
    member.syncWaiter = null;
    join?.(joinError(member.memberId, errorCode));
    sync?.(syncError(errorCode));
  }

  /**
   * Membership or metadata changed: start a rebalance, or if one is already
   * collecting joins, see whether it can finish now.
   */
  protected rebalance(): void {
    if (this.state === 'PreparingRebalance') this.tryCompleteJoin();
    else if (this.state !== 'Dead') this.prepareRebalance();
  }

  private prepareRebalance(): void {
    // Assignments being synced belong to a generation that is now abandoned.
    if (this.state === 'CompletingRebalance') {
      for (const member of this.members.values()) {
        member.assignment = Buffer.alloc(0);
        const sync = member.syncWaiter;
        member.syncWaiter = null;
        sync?.(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
      }
    }
    this.cancelSyncTimer();
    this.pendingSync.clear();
    const fromEmpty = this.state === 'Empty';
    this.state = 'PreparingRebalance';
    this.joinTimer?.cancel();
    const rebalanceTimeoutMs = this.maxRebalanceTimeoutMs();
    const delayMs = this.deps.settings.initialRebalanceDelayMs;
    if (fromEmpty && delayMs > 0) {
      // A new group waits a little so that consumers starting together land
      // in one generation instead of one rebalance each.
      this.inInitialDelay = true;
      this.joinTimer = this.deps.clock.setTimer(delayMs, () => {
        this.inInitialDelay = false;
        this.joinTimer = this.deps.clock.setTimer(Math.max(rebalanceTimeoutMs - delayMs, 0), () => this.completeJoin());
        this.tryCompleteJoin();
      });
      return;
    }
    this.joinTimer = this.deps.clock.setTimer(rebalanceTimeoutMs, () => this.completeJoin());
    this.tryCompleteJoin();
  }

  protected tryCompleteJoin(): void {
    if (this.state !== 'PreparingRebalance' || this.inInitialDelay) return;
    if (this.pendingMembers.size > 0) return;
    for (const member of this.members.values()) if (!member.joinWaiter) return;
    this.completeJoin();
  }

  /** Ends the join phase: drop who did not rejoin, start the next generation. */
  private completeJoin(): void {
    if (this.state !== 'PreparingRebalance') return;
    this.joinTimer?.cancel();
    this.joinTimer = null;
    this.inInitialDelay = false;
    // Static members are exempt: only their session timeout or an explicit leave removes them.
    for (const member of [...this.members.values()]) {
      if (!member.joinWaiter && member.groupInstanceId === null) this.removeMember(member, ErrorCode.UNKNOWN_MEMBER_ID);
    }
    this.generationId += 1;
    if (this.members.size === 0) {
      this.state = 'Empty';
      this.protocolName = null;
      this.leaderId = null;
      return;
    }
    const joined = [...this.members.values()].filter((member) => member.joinWaiter);
    const leader = this.leaderId === null ? undefined : this.members.get(this.leaderId);
    if (!leader?.joinWaiter && joined.length > 0) this.leaderId = joined[0]!.memberId;
    this.protocolName = selectProtocol([...this.members.values()]);
    this.state = 'CompletingRebalance';
    for (const memberId of this.members.keys()) this.pendingSync.add(memberId);
    const generation = this.generationId;
    this.syncTimer = this.deps.clock.setTimer(this.maxRebalanceTimeoutMs(), () => this.onSyncTimeout(generation));
    for (const member of joined) {
      const waiter = member.joinWaiter!;
      member.joinWaiter = null;
      this.touch(member);
      waiter(this.joinResponse(member, false));
    }
  }

  /** Members who never sent SyncGroup for this generation are dropped, which forces another rebalance. */
  private onSyncTimeout(generation: number): void {
    this.syncTimer = null;
    if (generation !== this.generationId) return;
    if (this.state !== 'CompletingRebalance' && this.state !== 'Stable') return;
    const late = [...this.pendingSync].map((memberId) => this.members.get(memberId)).filter((member) => member !== undefined);
    if (late.length === 0) return;
    for (const member of late) this.removeMember(member, ErrorCode.UNKNOWN_MEMBER_ID);
    this.deps.logger.info('group members missed SyncGroup', { groupId: this.groupId, count: late.length });
    this.prepareRebalance();
  }

  protected syncDone(memberId: string): void {
    this.pendingSync.delete(memberId);
    if (this.pendingSync.size === 0) this.cancelSyncTimer();
  }

  private cancelSyncTimer(): void {
    this.syncTimer?.cancel();
    this.syncTimer = null;
  }

  protected joinResponse(member: GroupMember, skipAssignment: boolean): JoinGroupResult {
    const isLeader = member.memberId === this.leaderId;
    return {
      errorCode: ErrorCode.NONE,
      generationId: this.generationId,
      protocolType: this.protocolType,
      protocolName: this.protocolName,
      leader: this.leaderId ?? '',
      memberId: member.memberId,
      members: isLeader ? this.memberList() : [],
      skipAssignment: isLeader && skipAssignment,
    };
  }

  private memberList(): JoinGroupMember[] {
    return [...this.members.values()].map((member) => ({
      memberId: member.memberId,
      groupInstanceId: member.groupInstanceId,
      metadata: metadataFor(member, this.protocolName),
    }));
  }

  private maxRebalanceTimeoutMs(): number {
    let max = 0;
    for (const member of this.members.values()) max = Math.max(max, member.rebalanceTimeoutMs);
    return max;
  }

  /** Deleted: stop every timer; only reachable from Empty, so no member is left to answer. */
  protected markDead(): void {
    this.state = 'Dead';
    this.joinTimer?.cancel();
    this.cancelSyncTimer();
    for (const timer of this.pendingMembers.values()) timer.cancel();
    this.pendingMembers.clear();
    for (const member of this.members.values()) {
      member.sessionTimer?.cancel();
      this.answerParked(member, ErrorCode.COORDINATOR_NOT_AVAILABLE);
    }
    this.members.clear();
    this.staticMembers.clear();
  }
}
