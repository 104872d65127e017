// One lane's live picture for React: the feed lives in the client's registry
// (it keeps reading while this screen is closed); this hook re-renders at
// most once per animation frame, when the registry flushes the lane's events.
import { useCallback, useEffect, useState } from 'react';
import { useApiClient } from '../../api/client';
import type { FrameScheduler } from '../../api/use-stream';
import type { LaneBufferLimits } from './lane-buffer';
import type { LaneFeed } from './lane-feed';
import { laneFeedRegistry, type FeedView } from './lane-feed-registry';

export interface LaneFeedHandle extends FeedView {
  feed: LaneFeed;
  /** Clears the records for a new run (start, replay) and repaints on the next frame. */
  newRun: () => void;
}

export function useLaneFeed(laneId: string, options: { scheduler?: FrameScheduler; limits?: LaneBufferLimits } = {}): LaneFeedHandle {
  const registry = laneFeedRegistry(useApiClient(), options.scheduler, options.limits);
  const [view, setView] = useState<FeedView>(() => registry.view(laneId));

  useEffect(() => {
    setView(registry.view(laneId));
    return registry.watch(laneId, setView);
  }, [registry, laneId]);

  const newRun = useCallback(() => registry.newRun(laneId), [registry, laneId]);
  return { ...view, feed: registry.feed(laneId), newRun };
}
