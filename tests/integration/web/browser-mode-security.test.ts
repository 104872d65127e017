// Browser mode refuses everyone but the page it served: no token, a foreign
// Origin, a Host that is not this loopback address (DNS rebinding), paths
// outside the renderer. Bad payloads get a validation error and the server
// keeps serving.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { method } from '../../../src/shared/contract/define.js';
import { createDispatcher } from '../../../src/shared/rpc/dispatcher.js';
import { startWebServer, type RunningWebServer } from '../../../src/web/server.js';
import { makeTempDir } from '../broker/helpers.js';
import { rendererStub, wsSocket } from '../transports/transports.js';

const echoContract = { 'echo.say': method({ input: z.object({ text: z.string() }), output: z.object({ text: z.string() }) }) } as const;
const dispatcher = createDispatcher(echoContract, { 'echo.say': ({ text }) => ({ text }) });

let server: RunningWebServer;
const rendererDir = makeTempDir('kafka-lanes-renderer-');
const refusals: string[] = [];

beforeAll(async () => {
  rendererStub(rendererDir.path);
  server = await startWebServer({ dispatcher, rendererDir: rendererDir.path, log: (line) => refusals.push(line) });
});

afterAll(async () => {
  await server?.close();
  rendererDir.remove();
});

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the HTTP status a refused WebSocket upgrade got, or 101 when it opened. */
function upgradeStatus(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });
}

function nextMessage(socket: WebSocket): Promise<any> {
  return new Promise((resolve) => socket.once('message', (data) => resolve(JSON.parse(String(data)))));
}

describe('HTTP', () => {
  it('serves the page with the token and sets a cookie for its assets', async () => {
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Kafka Lanes');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    expect((await get('/assets/app.js', { cookie })).status).toBe(200);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });

  it('refuses requests without the token, or with a wrong one', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get('/?token=wrong')).status).toBe(403);
    expect((await get('/assets/app.js', { cookie: 'kl_token=nope' })).status).toBe(403);
  });

  it('refuses a Host header that is not this loopback address and port (DNS rebinding)', async () => {
    expect((await get(`/?token=${server.token}`, { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await get(`/?token=${server.token}`, { host: '127.0.0.1:1' })).status).toBe(403);
    expect((await get(`/?token=${server.token}`, { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('serves nothing outside the renderer directory', async () => {
    for (const path of ['/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd', '/assets/%00x.js']) {
      const answer = await get(`${path}?token=${server.token}`);
      expect(answer.body).not.toContain('root:');
      expect([200, 404]).toContain(answer.status);
      if (answer.status === 200) expect(answer.body).toContain('Kafka Lanes');
    }
  });
});

describe('WebSocket', () => {
  it('opens with the token from the page origin', async () => {
    expect(await upgradeStatus(wsSocket(server))).toBe(101);
  });

  it('refuses a missing or wrong token', async () => {
    expect(await upgradeStatus(new WebSocket(`ws://127.0.0.1:${server.port}/ws`, { origin: `http://127.0.0.1:${server.port}` }))).toBe(403);
    expect(await upgradeStatus(wsSocket(server, { token: 'wrong' }))).toBe(403);
  });

  it('refuses a foreign Origin even with the token', async () => {
    expect(await upgradeStatus(wsSocket(server, { origin: 'https://evil.example' }))).toBe(403);
    expect(await upgradeStatus(wsSocket(server, { origin: `http://127.0.0.1:${server.port + 1}` }))).toBe(403);
    expect(refusals.some((line) => line.includes('foreign Origin'))).toBe(true);
  });

  it('answers bad payloads with a validation error and keeps serving', async () => {
    const socket = wsSocket(server);
    await new Promise((resolve) => socket.once('open', resolve));
    try {
      const cases: [string, string][] = [
        ['not json', 'INVALID_MESSAGE'],
        [JSON.stringify({ t: 'launch-missiles', id: 1 }), 'INVALID_MESSAGE'],
        [JSON.stringify({ t: 'invoke', id: -5, method: 'echo.say', input: {} }), 'INVALID_MESSAGE'],
      ];
      for (const [payload, code] of cases) {
        const answer = nextMessage(socket);
        socket.send(payload);
        expect(await answer).toMatchObject({ t: 'rejected', error: { code } });
      }
      let answer = nextMessage(socket);
      socket.send(JSON.stringify({ t: 'invoke', id: 7, method: 'echo.say', input: { text: 42 } }));
      expect(await answer).toMatchObject({ t: 'result', id: 7, result: { ok: false, error: { code: 'INVALID_INPUT' } } });
      answer = nextMessage(socket);
      socket.send(JSON.stringify({ t: 'invoke', id: 8, method: 'echo.say', input: { text: 'still here' } }));
      expect(await answer).toEqual({ t: 'result', id: 8, result: { ok: true, value: { text: 'still here' } } });
    } finally {
      socket.close();
    }
  });
});
