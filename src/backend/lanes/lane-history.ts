// What a lane remembers for subscribers that arrive later (a reloaded page, a
// second window): its rebalance timeline (joins, leaves and generations, in
// the order they happened, bounded) and its latest assignment, lag and error.
// The lane passes every event it broadcasts through `observe`, so a late
// subscriber's picture is built from the very events a live one saw.
import type { LaneEventBody } from './lane-events.js';

type Assignment = Extract<LaneEventBody, { type: 'assignment' }>;
type Rebalance = Extract<LaneEventBody, { type: 'rebalance' }>;
type Lag = Extract<LaneEventBody, { type: 'lag' }>;
type LaneError = Extract<LaneEventBody, { type: 'error' }>;
export type TimelineEvent = Assignment | Rebalance;

/** Matches the renderer's TIMELINE_LIMIT: a replay never carries more than a live client keeps. */
export const HISTORY_LIMIT = 200;

export class LaneHistory {
  private readonly timeline: TimelineEvent[] = [];
  /** The group's assignment right now; null while stopped or before the first generation. */
  private current: Assignment | null = null;
  private lag: Lag | null = null;
  private error: LaneError | null = null;

  constructor(private readonly limit = HISTORY_LIMIT) {}

  observe(event: LaneEventBody): void {
    switch (event.type) {
      case 'rebalance':
        this.append(event);
        return;
      case 'assignment':
        // Late members confirm a generation one by one: one timeline entry per
        // generation, holding its newest split and the time it was first seen.
        if (this.current && this.current.generationId === event.generationId) {
          const index = this.timeline.lastIndexOf(this.current);
          this.current = { ...event, at: this.current.at };
          if (index >= 0) this.timeline[index] = this.current;
        } else {
          this.current = event;
          this.append(event);
        }
        return;
      case 'lag':
        this.lag = event;
        return;
      case 'error':
        this.error = event;
        return;
      case 'state':
        // The renderer drops a shown error once the lane runs again; so does the history.
        if (event.state === 'running') this.error = null;
        return;
      case 'records':
      case 'backpressure':
        return;
    }
  }

  /** The lane stopped: it has no assignment, though its generations stay on the timeline. */
  clearAssignment(): void {
    this.current = null;
  }

  /** The generation's first-seen time when it is the current one again, so every report of it carries the same `at`. */
  generationSeenAt(generationId: number): string | undefined {
    return this.current?.generationId === generationId ? this.current.at : undefined;
  }

  /**
   * What a new subscriber gets after the state: the timeline in order, then
   * the latest error and lag. Past generations are marked `replayed`, so they
   * land on the timeline without becoming the shown assignment (a stopped
   * lane has none). Records are not replayed: a lane is a live view, and
   * `lanes.replay` is how to read a topic again from the start.
   */
  replay(): LaneEventBody[] {
    const events: LaneEventBody[] = this.timeline.map((event) => (event.type === 'assignment' && event !== this.current ? { ...event, replayed: true } : event));
    if (this.error) events.push(this.error);
    if (this.lag) events.push(this.lag);
    return events;
  }

  private append(event: TimelineEvent): void {
    this.timeline.push(event);
    if (this.timeline.length > this.limit) this.timeline.splice(0, this.timeline.length - this.limit);
  }
}
