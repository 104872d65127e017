// One lane: a consumer group made visible. It owns its members (each a real
// consumer in the group), the record feed to its subscribers, and the lag
// poll. Members report through listeners; the lane turns those reports into
// the contract's events: records, assignment, rebalance, lag, state, error,
// backpressure.
import { appError, type AppError } from '../../shared/app-error.js';
import type { LaneEvent, LaneView } from '../../shared/contract/lanes.js';
import type { StreamSink } from '../../shared/rpc/dispatcher.js';
import { AppFailure } from '../../shared/rpc/result.js';
import { ErrorCode, failWith } from '../errors.js';
import type { PartitionWatermarks } from '../kafka/client.js';
import type { GroupMember, LaneKafka, MemberAssignment } from '../kafka/lane-client.js';
import { mapKafkaError } from '../kafka/map-error.js';
import type { Clock, Logger } from '../ports.js';
import { laneRecord, LaneSubscriber, recordSize, type LaneEventBody, type LaneRecord } from './lane-events.js';
import { LaneHistory } from './lane-history.js';
import { assignmentEvent, lagEvent, laneState, type LaneState } from './lane-snapshots.js';
import { RecordFeed, type FeedLimits } from './record-feed.js';


export interface LaneConfig {
  topic: string;
  groupId: string;
  autoOffsetReset: 'earliest' | 'latest';
  members: number;
  autoCommit: boolean;
}

/** The group's offsets on the lane's topic, through the connection's client. */
export interface LaneOffsets {
  /** Committed offset per partition; partitions without a commit are absent. */
  committed(): Promise<Map<number, bigint>>;
  watermarks(): Promise<PartitionWatermarks[]>;
  /** How many members the group has right now (any client's, not only this lane's). */
  members(): Promise<number>;
  /** Commits as the group's admin; refused while the group has members. */
  commit(offsets: { partition: number; offset: bigint }[]): Promise<void>;
}

/** The contract's bounds on a lane's members. */
const MAX_MEMBERS = 16;
export const MEMBER_LIMIT = 'MEMBER_LIMIT';

export interface LaneDeps {
  laneId: string;
  connectionId: string;
  config: LaneConfig;
  kafka: LaneKafka;
  offsets: LaneOffsets;
  clock: Clock;
  logger: Logger;
  /** Prefix of each member's client id, e.g. the profile's client id. */
  clientId: string;
  feedLimits?: FeedLimits;
  lagIntervalMs?: number;
  /** Wait before the lane restarts a member that failed and did not restart itself. */
  restartDelayMs?: number;
}

interface Member {
  readonly label: string;
  handle: GroupMember | null;
  assignment: MemberAssignment | null;
  /** In the group since its last start (a join was seen). */
  joined: boolean;
  /** Its first fetch after the last join answered. */
  fetching: boolean;
  /** Failed; reconnecting (by itself or by the lane). */
  failing: boolean;
}

export class Lane {
  private readonly members: Member[] = [];
  private readonly subscribers = new Set<LaneSubscriber>();
  private readonly feed: RecordFeed<LaneRecord>;
  private nextMember = 1;
  private running = false;
  private userPaused = false;
  private failed: AppError | null = null;
  private lastState: { state: LaneState; detail: string | null } | null = null;
  private readonly history = new LaneHistory();
  private readonly closing = new AbortController();

  constructor(private readonly deps: LaneDeps) {
    this.feed = new RecordFeed<LaneRecord>(
      deps.clock,
      {
        canDeliver: () => this.subscribers.size > 0 && ![...this.subscribers].some((s) => s.congested()),
        congested: () => [...this.subscribers].some((s) => s.congested()),
        deliver: (records) => this.broadcast({ type: 'records', records }),
        pressure: (paused, bufferedRecords) => {
          this.applyPause();
          this.broadcast({ type: 'backpressure', paused, bufferedRecords });
        },
      },
      deps.feedLimits,
    );
    for (let i = 0; i < deps.config.members; i++) this.members.push(this.newMember());
    void this.pollLag();
  }

  view(): LaneView {
    return {
      laneId: this.deps.laneId,
      connectionId: this.deps.connectionId,
      ...this.deps.config,
      members: this.members.length,
      state: this.state().state,
      memberIds: this.members.map((m) => m.label),
    };
  }

  /** Starts the members; a failed lane is stopped first, so start is also "try again". */
  async start(): Promise<void> {
    if (this.failed) await this.stop();
    if (this.running) return;
    this.running = true;
    this.failed = null;
    await Promise.all(this.members.map((m) => this.startMember(m)));
    this.changed();
  }

  /** Members disconnect (LeaveGroup); buffered records still go to subscribers. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    // A stopped lane has no assignment; new subscribers should not see the last one.
    this.history.clearAssignment();
    await Promise.all(this.members.map((m) => this.stopMember(m)));
    this.changed();
  }

  pause(): void {
    this.userPaused = true;
    this.applyPause();
    this.changed();
  }

  resume(): void {
    this.userPaused = false;
    this.applyPause();
    this.changed();
  }

  async addMember(): Promise<void> {
    if (this.members.length >= MAX_MEMBERS) failWith(appError(MEMBER_LIMIT, `A lane has at most ${MAX_MEMBERS} members.`));
    const member = this.newMember();
    this.members.push(member);
    if (this.running) await this.startMember(member);
    this.deps.config.members = this.members.length;
    this.changed();
  }

  /** Removes the named member, or the newest; returns false when there is no such member. */
  async removeMember(label?: string): Promise<boolean> {
    const index = label === undefined ? this.members.length - 1 : this.members.findIndex((m) => m.label === label);
    if (index < 0) return false;
    if (this.members.length === 1) failWith(appError(MEMBER_LIMIT, 'A lane keeps at least one member: stop or close the lane instead.'));
    const [member] = this.members.splice(index, 1);
    await this.stopMember(member!);
    this.deps.config.members = this.members.length;
    this.changed();
    return true;
  }

  /** Stop, commit each partition's low watermark for the group, start again. */
  async replay(): Promise<void> {
    await this.stop();
    try {
      const others = await this.deps.offsets.members();
      if (others > 0) {
        failWith(
          appError(ErrorCode.GROUP_ACTIVE, `Group "${this.deps.config.groupId}" still has ${others} member(s) outside this lane, so its offsets cannot be reset. Stop them (or the other lanes reading with this group) first.`),
        );
      }
      const marks = await this.deps.offsets.watermarks();
      await this.deps.offsets.commit(marks.map((m) => ({ partition: m.partition, offset: m.low })));
    } finally {
      await this.start();
    }
  }

  async close(): Promise<void> {
    this.closing.abort();
    await this.stop();
    this.feed.close();
    for (const subscriber of this.subscribers) subscriber.end();
    this.subscribers.clear();
  }

  /**
   * A new subscriber first gets the current state, the lane's history (its
   * rebalance timeline, latest error and lag; see LaneHistory.replay) and
   * backpressure, then live events. All of it is sent synchronously before it
   * joins the live set, so nothing reaches it twice or falls between the two.
   */
  subscribe(sink: StreamSink<LaneEvent>, signal: AbortSignal): void {
    const subscriber = new LaneSubscriber(sink);
    const { state, detail } = this.state();
    subscriber.emit({ type: 'state', state, detail });
    for (const event of this.history.replay()) subscriber.emit(event);
    if (this.feed.paused) subscriber.emit({ type: 'backpressure', paused: true, bufferedRecords: this.feed.bufferedRecords });
    this.subscribers.add(subscriber);
    signal.addEventListener(
      'abort',
      () => {
        this.subscribers.delete(subscriber);
        this.feed.pump();
      },
      { once: true },
    );
    this.feed.pump();
  }

  private newMember(): Member {
    return { label: `member-${this.nextMember++}`, handle: null, assignment: null, joined: false, fetching: false, failing: false };
  }

  private broadcast(event: LaneEventBody): void {
    this.history.observe(event);
    for (const subscriber of this.subscribers) subscriber.emit(event);
  }

  private applyPause(): void {
    const paused = this.userPaused || this.feed.paused;
    for (const member of this.members) member.handle?.setPaused(paused);
  }

  private state(): { state: LaneState; detail: string | null } {
    return laneState({ failed: this.failed, running: this.running, userPaused: this.userPaused, members: this.members });
  }

  /** Emits a state event when the state or its detail changed. */
  private changed(): void {
    const next = this.state();
    if (this.lastState && this.lastState.state === next.state && this.lastState.detail === next.detail) return;
    this.lastState = next;
    this.broadcast({ type: 'state', ...next });
  }

  private async startMember(member: Member): Promise<void> {
    const { config, kafka, clientId, laneId } = this.deps;
    const handle = kafka.member(
      { groupId: config.groupId, topic: config.topic, fromBeginning: config.autoOffsetReset === 'earliest', autoCommit: config.autoCommit, clientId: `${clientId}.${laneId}.${member.label}` },
      {
        records: (messages) => {
          if (member.handle !== handle) return;
          this.feed.push(
            messages.map((m) => laneRecord(member.label, m)),
            recordSize,
          );
        },
        assigned: (assignment) => {
          if (member.handle !== handle) return;
          member.assignment = assignment;
          member.fetching = false;
          member.failing = false;
          if (!member.joined) {
            member.joined = true;
            this.broadcast({ type: 'rebalance', member: member.label, change: 'join', at: String(this.deps.clock.now()) });
          }
          this.assignmentChanged();
          this.changed();
        },
        fetching: () => {
          if (member.handle !== handle) return;
          member.fetching = true;
          this.changed();
        },
        crashed: (error, restarting) => this.memberFailed(member, handle, error, restarting),
      },
    );
    member.handle = handle;
    member.assignment = null;
    member.joined = false;
    member.fetching = false;
    member.failing = false;
    try {
      await handle.start();
      handle.setPaused(this.userPaused || this.feed.paused);
    } catch (error) {
      this.memberFailed(member, handle, error instanceof AppFailure ? error.error : mapKafkaError(error), false);
    }
  }

  private async stopMember(member: Member): Promise<void> {
    const handle = member.handle;
    member.handle = null;
    const wasJoined = member.joined;
    member.assignment = null;
    member.joined = false;
    member.fetching = false;
    member.failing = false;
    await handle?.stop();
    if (wasJoined) this.broadcast({ type: 'rebalance', member: member.label, change: 'leave', at: String(this.deps.clock.now()) });
  }

  private memberFailed(member: Member, handle: GroupMember, appError: AppError, restarting: boolean): void {
    if (member.handle !== handle) return;
    // Once per outage: a consumer that keeps failing to reconnect says so once, not on every attempt.
    if (!member.failing) this.broadcast({ type: 'error', code: appError.code, message: appError.message, retriable: appError.retriable });
    if (member.joined) this.broadcast({ type: 'rebalance', member: member.label, change: 'leave', at: String(this.deps.clock.now()) });
    member.joined = false;
    member.fetching = false;
    member.failing = true;
    if (!restarting) {
      if (!appError.retriable) {
        this.failed = appError;
      } else {
        // kafkajs gave up on this consumer: the lane starts a fresh one after a pause.
        void handle.stop().then(() => this.deps.clock.sleep(this.deps.restartDelayMs ?? 1_000, this.closing.signal)).then(() => {
          if (member.handle === handle && this.running && this.members.includes(member)) return this.startMember(member);
        });
      }
    }
    this.changed();
  }

  private assignmentChanged(): void {
    const event = assignmentEvent(this.members.filter((m) => m.handle));
    if (!event) return;
    this.broadcast({ ...event, at: this.history.generationSeenAt(event.generationId) ?? String(this.deps.clock.now()) });
  }

  private async pollLag(): Promise<void> {
    const { clock, offsets, logger } = this.deps;
    const signal = this.closing.signal;
    while (!signal.aborted) {
      await clock.sleep(this.deps.lagIntervalMs ?? 1_000, signal);
      if (signal.aborted || this.subscribers.size === 0) continue;
      try {
        const [committed, marks] = await Promise.all([offsets.committed(), offsets.watermarks()]);
        if (!signal.aborted) this.broadcast(lagEvent(committed, marks));
      } catch (error) {
        logger.debug('lane lag poll failed', { laneId: this.deps.laneId, error: String(error) });
      }
    }
  }
}
