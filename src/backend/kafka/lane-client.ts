// What a lane needs beyond KafkaClient: group members that are real
// consumers. (Offsets for lag and replay come from KafkaClient's admin and
// groups.) Only this folder knows kafkajs is underneath (kafkajs-consumer.ts).
import type { AppError } from '../../shared/app-error.js';

/** A record as a group member read it. */
export interface ConsumedMessage {
  partition: number;
  offset: bigint;
  timestamp: bigint;
  key: Buffer | null;
  value: Buffer | null;
  headers: { key: string; value: Buffer | null }[];
}

export interface MemberAssignment {
  /** The group generation this assignment belongs to. */
  generationId: number;
  /** The member id the coordinator gave this consumer. */
  memberId: string;
  /** Its partitions of the lane's topic. */
  partitions: number[];
}

/** What a member reports. Calls arrive on the event loop, never re-entrantly. */
export interface MemberListener {
  /**
   * Records of one fetched batch, in offset order. The member counts them as
   * consumed (and, with auto-commit, commits them) once this returns, so the
   * listener must keep them: it is the only copy.
   */
  records(messages: ConsumedMessage[]): void;
  /** Joined (or re-joined) the group and was given these partitions. */
  assigned(assignment: MemberAssignment): void;
  /** After a join: the first fetch answered (or there is nothing to fetch), so positions are set. */
  fetching(): void;
  /** The client failed; `restarting` says whether it reconnects and rejoins by itself. */
  crashed(error: AppError, restarting: boolean): void;
}

export interface GroupMemberOptions {
  groupId: string;
  topic: string;
  /** Where a partition without a committed offset starts: earliest (true) or latest. */
  fromBeginning: boolean;
  autoCommit: boolean;
  /** Shown to the group as the member's client id. */
  clientId: string;
}

export interface GroupMember {
  /** Connects, subscribes and starts consuming; resolves once it is running (joining happens after). */
  start(): Promise<void>;
  /** Stops or restarts fetching; kept across rejoins and restarts. */
  setPaused(paused: boolean): void;
  /** Disconnects: the member sends LeaveGroup, so the group rebalances at once. */
  stop(): Promise<void>;
}

/** Makes the members of one connection's lanes. */
export interface LaneKafka {
  member(options: GroupMemberOptions, listener: MemberListener): GroupMember;
}
