// Hash routes (#/topics/orders), so a reload or a bookmark returns to the same
// screen in both Electron (file://) and browser mode.
import { useSyncExternalStore } from 'react';

export type Screen = 'connections' | 'topics' | 'produce' | 'groups' | 'browse' | 'lanes';

export interface Route {
  screen: Screen;
  /** The rest of the path, e.g. the topic name on #/topics/<name>. */
  param: string | null;
}

const SCREENS: readonly Screen[] = ['connections', 'topics', 'produce', 'groups', 'browse', 'lanes'];

export function parseRoute(hash: string): Route {
  const [first, ...rest] = hash.replace(/^#\/?/, '').split('/');
  const screen = SCREENS.find((candidate) => candidate === first) ?? 'topics';
  const param = rest.length > 0 && rest.join('/') !== '' ? decodeURIComponent(rest.join('/')) : null;
  return { screen, param };
}

export function routeHref(screen: Screen, param?: string): string {
  return `#/${screen}${param === undefined ? '' : `/${encodeURIComponent(param)}`}`;
}

export function navigate(screen: Screen, param?: string): void {
  window.location.hash = routeHref(screen, param);
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
