// The lanes' feeds outlive the Lanes screen: a lane keeps reading while the
// user is on Produce or Topics, and its records are still there on the way
// back. One registry per contract client; a feed is dropped (and its stream
// cancelled) when its lane is no longer open.
import type { AppError } from '../../../../shared/app-error';
import type { ApiClient } from '../../api/client';
import { animationFrameScheduler, type FrameScheduler } from '../../api/use-stream';
import { LaneFeed, type LaneSnapshot } from './lane-feed';
import type { LaneBufferLimits } from './lane-buffer';

export interface FeedView {
  snapshot: LaneSnapshot;
  /** Set when the stream itself ended with an error (e.g. the lane was closed elsewhere). */
  streamError: AppError | null;
}

interface Entry {
  feed: LaneFeed;
  view: FeedView;
  listeners: Set<(view: FeedView) => void>;
  unsubscribe: () => void;
  cancelFlush: (() => void) | null;
}

export class LaneFeedRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly client: ApiClient,
    private readonly scheduler: FrameScheduler = animationFrameScheduler,
    private readonly limits?: LaneBufferLimits,
  ) {}

  /** The lane's feed, subscribing to its events on first use. */
  feed(laneId: string): LaneFeed {
    return this.entry(laneId).feed;
  }

  view(laneId: string): FeedView {
    return this.entry(laneId).view;
  }

  /** Calls `listener` at most once per frame while events arrive. */
  watch(laneId: string, listener: (view: FeedView) => void): () => void {
    const entry = this.entry(laneId);
    entry.listeners.add(listener);
    return () => entry.listeners.delete(listener);
  }

  /** A start or replay: the records start over (shown on the next frame). */
  newRun(laneId: string): void {
    const entry = this.entry(laneId);
    entry.feed.newRun();
    this.schedule(entry);
  }

  /** Cancels the streams of lanes that are no longer open. */
  retainOnly(openLaneIds: ReadonlySet<string>): void {
    for (const [laneId, entry] of this.entries) {
      if (openLaneIds.has(laneId)) continue;
      entry.unsubscribe();
      entry.cancelFlush?.();
      this.entries.delete(laneId);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  private entry(laneId: string): Entry {
    const existing = this.entries.get(laneId);
    if (existing) return existing;
    const feed = new LaneFeed(this.limits);
    const entry: Entry = { feed, view: { snapshot: feed.snapshot, streamError: null }, listeners: new Set(), unsubscribe: () => undefined, cancelFlush: null };
    this.entries.set(laneId, entry);
    entry.unsubscribe = this.client.subscribe(
      'lanes.events',
      { laneId },
      (event) => {
        feed.push(event);
        this.schedule(entry);
      },
      (error) => {
        entry.view = { ...entry.view, streamError: error ?? null };
        this.schedule(entry);
      },
    );
    return entry;
  }

  private schedule(entry: Entry): void {
    entry.cancelFlush ??= this.scheduler(() => {
      entry.cancelFlush = null;
      const snapshot = entry.feed.flush();
      if (snapshot !== entry.view.snapshot) entry.view = { ...entry.view, snapshot };
      for (const listener of entry.listeners) listener(entry.view);
    });
  }
}

const registries = new WeakMap<ApiClient, LaneFeedRegistry>();

/** The client's registry; the first caller's scheduler and limits stay (tests pass theirs first). */
export function laneFeedRegistry(client: ApiClient, scheduler?: FrameScheduler, limits?: LaneBufferLimits): LaneFeedRegistry {
  let registry = registries.get(client);
  if (!registry) {
    registry = new LaneFeedRegistry(client, scheduler, limits);
    registries.set(client, registry);
  }
  return registry;
}
