// Picks how the renderer reaches the backend: the preload's bridge inside
// Electron, otherwise one WebSocket to /ws on the page's own host (browser
// mode, where an HttpOnly cookie set with the page authorises the socket).
import { ipcClientTransport, type PreloadBridge } from '../../../shared/rpc/ipc-client-transport';
import type { Transport } from '../../../shared/rpc/transport';
import { wsClientTransport, type WebSocketLike } from '../../../shared/rpc/ws-client-transport';

export function webSocketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

export function selectTransport(target: Window = window): Transport {
  const bridge = (target as Window & { kafkaLanes?: PreloadBridge }).kafkaLanes;
  if (bridge) return ipcClientTransport(bridge);
  return wsClientTransport(() => new WebSocket(webSocketUrl(target.location)) as unknown as WebSocketLike);
}
