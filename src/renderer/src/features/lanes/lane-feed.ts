// Everything a lane shows, folded from its `lanes.events` stream. Events are
// queued as they arrive and applied in `flush()`, which the lane calls once
// per animation frame: records go into the bounded buffer (mutated in place),
// the rest into a small immutable snapshot that React renders from.
import type { LaneEvent, LaneView } from '../../../../shared/contract/lanes';
import { DEFAULT_LANE_LIMITS, LaneBuffer, type LaneBufferLimits } from './lane-buffer';

type LaneState = LaneView['state'];
type LagEvent = Extract<LaneEvent, { type: 'lag' }>;

export interface TimelineEntry {
  /** Unique within the lane, for React keys. */
  id: number;
  kind: 'join' | 'leave' | 'generation';
  /** Milliseconds since the epoch. */
  at: number;
  member: string | null;
  generationId: number | null;
}

export interface LaneSnapshot {
  state: LaneState | null;
  stateDetail: string | null;
  generationId: number | null;
  assignment: { member: string; partitions: number[] }[];
  /** Newest first, at most TIMELINE_LIMIT entries. */
  timeline: TimelineEntry[];
  lag: { total: string; partitions: LagEvent['partitions'] } | null;
  /** True while the backend holds the lane's consumers because this client fell behind. */
  backpressure: boolean;
  /** How many times the backend applied backpressure since the lane was opened here. */
  backpressureEpisodes: number;
  error: { code: string; message: string; retriable: boolean } | null;
  /** Records per member since the run began (trimmed ones included). */
  recordsPerMember: Record<string, number>;
  records: { version: number; length: number; received: number; trimmed: number };
}

export const TIMELINE_LIMIT = 200;
/** Queued events past which the feed folds them without waiting for a frame. */
export const EAGER_FLUSH_EVENTS = 256;

export const emptySnapshot = (): LaneSnapshot => ({
  state: null,
  stateDetail: null,
  generationId: null,
  assignment: [],
  timeline: [],
  lag: null,
  backpressure: false,
  backpressureEpisodes: 0,
  error: null,
  recordsPerMember: {},
  records: { version: 0, length: 0, received: 0, trimmed: 0 },
});

export class LaneFeed {
  readonly buffer: LaneBuffer;
  private queue: LaneEvent[] = [];
  private current: LaneSnapshot = emptySnapshot();
  private nextTimelineId = 0;
  /** The newest generation on the timeline; unlike the snapshot's, a stop does not clear it. */
  private timelineGeneration: number | null = null;
  private runRestarted = false;

  constructor(
    limits: LaneBufferLimits = DEFAULT_LANE_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.buffer = new LaneBuffer(limits);
  }

  push(event: LaneEvent): void {
    this.queue.push(event);
    // Frames stop in a hidden tab; the buffer is bounded, the queue is not, so fold early.
    if (this.queue.length >= EAGER_FLUSH_EVENTS) this.flush();
  }

  /** A new run (start or replay): the records start over, the timeline stays. */
  newRun(): void {
    this.buffer.clear();
    this.runRestarted = true;
  }

  get pending(): number {
    return this.queue.length;
  }

  get snapshot(): LaneSnapshot {
    return this.current;
  }

  /** Applies the queued events; returns the same snapshot object when nothing changed. */
  flush(): LaneSnapshot {
    const events = this.queue;
    this.queue = [];
    if (events.length === 0 && !this.runRestarted) return this.current;
    let next: LaneSnapshot = { ...this.current };
    if (this.runRestarted) {
      next.recordsPerMember = {};
      this.runRestarted = false;
    }
    let perMemberCopied = false;
    for (const event of events) {
      if (event.type === 'records') {
        this.buffer.append(event.records);
        if (!perMemberCopied) {
          next.recordsPerMember = { ...next.recordsPerMember };
          perMemberCopied = true;
        }
        for (const record of event.records) next.recordsPerMember[record.member] = (next.recordsPerMember[record.member] ?? 0) + 1;
      } else {
        next = this.apply(next, event);
      }
    }
    const { buffer } = this;
    next.records = { version: buffer.version, length: buffer.length, received: buffer.received, trimmed: buffer.trimmed };
    this.current = next;
    return next;
  }

  private apply(next: LaneSnapshot, event: Exclude<LaneEvent, { type: 'records' }>): LaneSnapshot {
    switch (event.type) {
      case 'state': {
        const cleared = event.state === 'stopped' ? { generationId: null, assignment: [] } : {};
        // A lane that runs again has got past whatever failed.
        const error = event.state === 'running' ? null : next.error;
        return { ...next, ...cleared, error, state: event.state, stateDetail: event.detail };
      }
      case 'assignment': {
        // The same generation can be reported again as late members confirm it: one entry per generation.
        const timeline = event.generationId === this.timelineGeneration ? next.timeline : addEntry(next.timeline, this.entry('generation', this.timeOf(event.at), null, event.generationId));
        this.timelineGeneration = event.generationId;
        // A past generation replayed to a late subscriber is history, not what the lane has now.
        if (event.replayed) return { ...next, timeline };
        const assignment = event.members.map((m) => ({ member: m.member, partitions: [...m.partitions].sort((a, b) => a - b) }));
        assignment.sort((a, b) => memberOrder(a.member, b.member));
        return { ...next, generationId: event.generationId, assignment, timeline };
      }
      case 'rebalance':
        return { ...next, timeline: addEntry(next.timeline, this.entry(event.change, this.timeOf(event.at), event.member, null)) };
      case 'lag':
        return { ...next, lag: { total: event.total, partitions: event.partitions } };
      case 'backpressure':
        return {
          ...next,
          backpressure: event.paused,
          backpressureEpisodes: next.backpressureEpisodes + (event.paused && !next.backpressure ? 1 : 0),
        };
      case 'error':
        return { ...next, error: { code: event.code, message: event.message, retriable: event.retriable } };
    }
  }

  /** The backend's time for the event; older backends send no time with a generation. */
  private timeOf(at: string | undefined): number {
    const ms = Number(at);
    return at !== undefined && Number.isFinite(ms) ? ms : this.now();
  }

  private entry(kind: TimelineEntry['kind'], at: number, member: string | null, generationId: number | null): TimelineEntry {
    return { id: this.nextTimelineId++, kind, at, member, generationId };
  }
}

function addEntry(timeline: TimelineEntry[], entry: TimelineEntry): TimelineEntry[] {
  return [entry, ...timeline.slice(0, TIMELINE_LIMIT - 1)];
}

/** "member-2" before "member-10". */
export function memberOrder(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true });
}
