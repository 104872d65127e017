// Subscribes one lane to `lanes.events`. Events go into the lane's feed as
// they arrive; one animation frame later the feed is flushed and React gets
// at most one state update for everything that came in meanwhile.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../../../shared/app-error';
import { useApiClient } from '../../api/client';
import { animationFrameScheduler, type FrameScheduler } from '../../api/use-stream';
import { LaneFeed, type LaneSnapshot } from './lane-feed';
import type { LaneBufferLimits } from './lane-buffer';

export interface LaneFeedHandle {
  snapshot: LaneSnapshot;
  feed: LaneFeed;
  /** Set when the stream itself ended with an error (e.g. the lane was closed elsewhere). */
  streamError: AppError | null;
  /** Clears the records for a new run (start, replay) and repaints on the next frame. */
  newRun: () => void;
}

export function useLaneFeed(laneId: string, options: { scheduler?: FrameScheduler; limits?: LaneBufferLimits } = {}): LaneFeedHandle {
  const client = useApiClient();
  const { scheduler = animationFrameScheduler, limits } = options;
  const feedRef = useRef<LaneFeed | null>(null);
  feedRef.current ??= new LaneFeed(limits);
  const feed = feedRef.current;
  const [snapshot, setSnapshot] = useState<LaneSnapshot>(feed.snapshot);
  const [streamError, setStreamError] = useState<AppError | null>(null);
  const scheduleRef = useRef<() => void>(() => undefined);

  useEffect(() => {
    let cancelFlush: (() => void) | null = null;
    const flush = () => {
      cancelFlush = null;
      // Flush outside the updater: React may call updaters twice, the feed must apply once.
      setSnapshot(feed.flush());
    };
    const schedule = () => {
      cancelFlush ??= scheduler(flush);
    };
    scheduleRef.current = schedule;
    const unsubscribe = client.subscribe(
      'lanes.events',
      { laneId },
      (event) => {
        feed.push(event);
        schedule();
      },
      (error) => setStreamError(error ?? null),
    );
    return () => {
      unsubscribe();
      cancelFlush?.();
      scheduleRef.current = () => undefined;
    };
  }, [client, laneId, feed, scheduler]);

  const newRun = useCallback(() => {
    feed.newRun();
    scheduleRef.current();
  }, [feed]);

  return { snapshot, feed, streamError, newRun };
}
