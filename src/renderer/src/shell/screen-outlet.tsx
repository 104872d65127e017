// The current screen. Each screen is its own chunk, loaded when first shown:
// the charts (recharts) only load with Produce and Groups, and the window
// paints before any of them.
import { lazy, Suspense } from 'react';
import { LoadingState } from '../components/loading-state';
import type { Route } from './use-route';

const ConnectionsScreen = lazy(() => import('../features/connections/connections-screen').then((m) => ({ default: m.ConnectionsScreen })));
const ProduceScreen = lazy(() => import('../features/produce/produce-screen').then((m) => ({ default: m.ProduceScreen })));
const TopicsScreen = lazy(() => import('../features/topics/topics-screen').then((m) => ({ default: m.TopicsScreen })));
const GroupsScreen = lazy(() => import('../features/groups/groups-screen').then((m) => ({ default: m.GroupsScreen })));
const BrowseScreen = lazy(() => import('../features/browse/browse-screen').then((m) => ({ default: m.BrowseScreen })));
const LanesScreen = lazy(() => import('../features/lanes/lanes-screen').then((m) => ({ default: m.LanesScreen })));

function CurrentScreen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'connections':
      return <ConnectionsScreen />;
    case 'produce':
      return <ProduceScreen />;
    case 'topics':
      return <TopicsScreen selectedTopic={route.param} />;
    case 'groups':
      return <GroupsScreen selectedGroup={route.param} />;
    case 'browse':
      return <BrowseScreen key={route.param ?? ''} param={route.param} />;
    case 'lanes':
      return <LanesScreen topic={route.param} />;
  }
}

export function ScreenOutlet({ route }: { route: Route }) {
  return (
    <Suspense fallback={<LoadingState label="Loading the screen…" />}>
      <CurrentScreen route={route} />
    </Suspense>
  );
}
