// Every open lane, by id. Lanes are independent: each has its own members,
// admin connection and feed, so one slow or failing lane does not hold up
// another. dispose() stops every member, so each group sees a LeaveGroup.
import { appError } from '../../shared/app-error.js';
import type { LaneEvent, LaneView } from '../../shared/contract/lanes.js';
import type { StreamSink } from '../../shared/rpc/dispatcher.js';
import type { ConnectionRegistry } from '../connections/connection-registry.js';
import type { StoredProfile } from '../connections/profile-store.js';
import { failWith } from '../errors.js';
import type { LaneKafka } from '../kafka/lane-client.js';
import type { Clock, Logger } from '../ports.js';
import { Lane, type LaneConfig, type LaneOffsets } from './lane.js';
import { REPLAY_WRITE, requireReadOnlyLane } from './read-only-lanes.js';
import type { FeedLimits } from './record-feed.js';

export const LANE_NOT_FOUND = 'LANE_NOT_FOUND';
export const MEMBER_NOT_FOUND = 'MEMBER_NOT_FOUND';

export interface LaneServiceDeps {
  connections: ConnectionRegistry;
  clock: Clock;
  logger: Logger;
  /** Opens the Kafka side of one lane (the kafkajs adapter in the app). */
  laneKafka: (profile: StoredProfile) => LaneKafka;
  feedLimits?: FeedLimits;
}

export class LaneService {
  private readonly lanes = new Map<string, Lane>();
  private nextLane = 1;
  private disposed = false;

  constructor(private readonly deps: LaneServiceDeps) {}

  async open(connectionId: string, config: LaneConfig): Promise<LaneView> {
    const profile = this.deps.connections.profile(connectionId);
    const offsets = this.offsetsOf(connectionId, config);
    await requireReadOnlyLane(profile, config, this.deps.connections.client(connectionId));
    // Fails early, with TOPIC_NOT_FOUND or BROKER_UNREACHABLE, before any member joins.
    await offsets.watermarks();
    const laneId = `lane-${this.nextLane++}`;
    const lane = new Lane({
      laneId,
      connectionId,
      config: { ...config },
      kafka: this.deps.laneKafka(profile),
      offsets,
      clock: this.deps.clock,
      logger: this.deps.logger,
      clientId: profile.clientId,
      ...(this.deps.feedLimits ? { feedLimits: this.deps.feedLimits } : {}),
    });
    this.lanes.set(laneId, lane);
    await lane.start();
    return lane.view();
  }

  /** Each call asks the registry for the connection's current client (the local broker may have moved). */
  private offsetsOf(connectionId: string, config: LaneConfig): LaneOffsets {
    const client = () => this.deps.connections.client(connectionId);
    return {
      committed: async () => {
        const all = await client().groups.committedOffsets(config.groupId);
        return new Map(all.filter((c) => c.topic === config.topic).map((c) => [c.partition, c.offset]));
      },
      // Partitions from fresh metadata, so partitions added to the topic count too.
      watermarks: async () => {
        const [topic] = await client().admin.topicMetadata([config.topic]);
        return client().reader.watermarks(config.topic, topic?.partitions.map((p) => p.partition) ?? []);
      },
      members: async () => (await client().groups.describe(config.groupId)).members.length,
      commit: (offsets) => this.deps.connections.clientForWrite(connectionId, REPLAY_WRITE).groups.commitOffsets(config.groupId, config.topic, offsets),
    };
  }

  list(): LaneView[] {
    return [...this.lanes.values()].map((lane) => lane.view());
  }

  get(laneId: string): Lane {
    return this.lanes.get(laneId) ?? failWith(appError(LANE_NOT_FOUND, `There is no open lane "${laneId}".`));
  }

  /**
   * A stopped lane's members have left its group, so on a read-only connection
   * the group is checked again: someone else may have joined or committed to
   * it since. A running or failed lane's own members may still count.
   */
  async start(laneId: string): Promise<LaneView> {
    const lane = this.get(laneId);
    const view = lane.view();
    if (view.state === 'stopped') await requireReadOnlyLane(this.deps.connections.profile(view.connectionId), view, this.deps.connections.client(view.connectionId));
    await lane.start();
    return lane.view();
  }

  /** Replay commits offsets, so a read-only connection refuses it before the lane stops. */
  async replay(laneId: string): Promise<LaneView> {
    const lane = this.get(laneId);
    this.deps.connections.clientForWrite(lane.view().connectionId, REPLAY_WRITE);
    await lane.replay();
    return lane.view();
  }

  async removeMember(laneId: string, member: string | undefined): Promise<LaneView> {
    const lane = this.get(laneId);
    if (!(await lane.removeMember(member))) failWith(appError(MEMBER_NOT_FOUND, `Lane "${laneId}" has no member ${member === undefined ? 'left' : `"${member}"`}.`));
    return lane.view();
  }

  subscribe(laneId: string, sink: StreamSink<LaneEvent>, signal: AbortSignal): void {
    this.get(laneId).subscribe(sink, signal);
  }

  async close(laneId: string): Promise<void> {
    const lane = this.get(laneId);
    this.lanes.delete(laneId);
    await lane.close();
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.lanes.values()];
    this.lanes.clear();
    await Promise.allSettled(all.map((lane) => lane.close()));
  }

  get isDisposed(): boolean {
    return this.disposed;
  }
}
