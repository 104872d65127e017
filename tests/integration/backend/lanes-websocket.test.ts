// A lane over the browser-mode WebSocket, end to end: the server's socket
// backlog (its buffered amount) is the lane's backpressure signal. A client
// that stops reading makes the lane pause its consumers; when it reads again
// every record arrives, once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import type { Contract } from '../../../src/shared/contract/index.js';
import type { LaneEvent } from '../../../src/shared/contract/lanes.js';
import { createClient } from '../../../src/shared/rpc/client.js';
import { wsClientTransport, type WebSocketLike } from '../../../src/shared/rpc/ws-client-transport.js';
import { startWebServer, type RunningWebServer } from '../../../src/web/server.js';
import { makeTempDir } from '../broker/helpers.js';
import { rendererStub } from '../transports/transports.js';
import { startBackendWithBroker, type ClusterHarness } from './helpers.js';
import { duplicates } from './lane-helpers.js';

const RECORDS = 60_000;

describe('a lane over the WebSocket transport', () => {
  let h: ClusterHarness;
  let server: RunningWebServer;
  const rendererDir = makeTempDir('kafka-lanes-renderer-');
  let socket: WebSocket;

  beforeAll(async () => {
    h = await startBackendWithBroker();
    server = await startWebServer({ dispatcher: h.backend.dispatcher, rendererDir: rendererStub(rendererDir.path) });
  });
  afterAll(async () => {
    socket?.close();
    await server?.close();
    await h?.stop();
    rendererDir.remove();
  });

  it('pauses while the client does not read and delivers everything once it does', async () => {
    await h.client.call('topics.create', { connectionId: h.connectionId, topic: 'ws-lane', partitions: 2, replicationFactor: 1 });
    await h.client.call('produce.send', { connectionId: h.connectionId, topic: 'ws-lane', key: { encoding: 'utf8', data: 'k{{i}}' }, value: { encoding: 'utf8', data: `w-{{i}}-${'y'.repeat(300)}` }, count: RECORDS });

    const client = createClient<Contract>(
      wsClientTransport(() => {
        socket = new WebSocket(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
        return socket as unknown as WebSocketLike;
      }),
    );
    const lane = await client.call('lanes.open', { connectionId: h.connectionId, topic: 'ws-lane', groupId: 'ws-lane', autoOffsetReset: 'earliest', members: 1, autoCommit: true });
    const events: LaneEvent[] = [];
    const values: string[] = [];
    let tcp: Socket | undefined;
    client.subscribe('lanes.events', { laneId: lane.laneId }, (event) => {
      events.push(event);
      if (event.type !== 'records') return;
      for (const r of event.records) values.push(r.value!.data.slice(0, 12));
      // After the first records, stop reading from the TCP socket: the server's buffer fills up.
      if (!tcp) {
        tcp = (socket as unknown as { _socket: Socket })._socket;
        tcp.pause();
      }
    });

    // The client reads nothing now, so it cannot see the pause yet; the group shows it:
    // its committed offsets stop short of the end.
    const committed = async () => (await h.client.call('groups.describe', { connectionId: h.connectionId, groupId: 'ws-lane' })).offsets.reduce((n, p) => n + Number(p.committed ?? 0), 0);
    let previous = -1;
    await expect
      .poll(
        async () => {
          const now = await committed();
          const stable = tcp !== undefined && now > 0 && now === previous;
          previous = now;
          return stable;
        },
        { timeout: 30_000, interval: 1_500 },
      )
      .toBe(true);
    // Held back: what the socket and the kernel took plus at most the lane's cap.
    expect(previous).toBeLessThan(RECORDS);
    tcp!.resume();
    await expect.poll(() => values.length, { timeout: 60_000 }).toBe(RECORDS);
    expect(duplicates(values)).toBe(0);
    // Paused, resumed (perhaps more than once while the client catches up), and running at the end.
    const pauses = events.filter((e) => e.type === 'backpressure').map((e) => e.type === 'backpressure' && e.paused);
    expect(pauses.length % 2).toBe(0);
    expect(pauses).toEqual(pauses.map((_, i) => i % 2 === 0));
    // One stream, numbered without gaps.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
  });
});
