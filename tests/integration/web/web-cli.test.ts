// `npm run web` as a user runs it: plain Node ESM through tsx (not Vite), the
// renderer built when missing, the local broker started in its own process,
// the URL printed with its token, and a clean stop that takes the broker along.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import { connect } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Contract } from '../../../src/shared/contract/index.js';
import { createClient } from '../../../src/shared/rpc/client.js';
import { wsClientTransport, type WebSocketLike } from '../../../src/shared/rpc/ws-client-transport.js';
import { makeTempDir } from '../broker/helpers.js';

const cli = resolve(import.meta.dirname, '../../../src/web/cli.ts');

function getStatus(url: URL): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    request(url, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    })
      .on('error', fail)
      .end();
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

describe('npm run web', () => {
  it('serves the app with its token, runs the local broker, and stops both', async () => {
    const dataDir = makeTempDir('kafka-lanes-web-');
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--no-open', '--broker-port', '0', '--data-dir', dataDir.path], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const deadline = Date.now() + 120_000;
      while (!/Local broker/.test(output)) {
        if (child.exitCode !== null) throw new Error(`exited early: ${output}`);
        if (Date.now() > deadline) throw new Error(`no start-up lines: ${output}`);
        await new Promise((done) => setTimeout(done, 50));
      }
      const url = new URL(/Kafka Lanes: (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64})/.exec(output)![1]);
      const brokerPort = Number(/Local broker: 127\.0\.0\.1:(\d+)/.exec(output)![1]);

      const page = await getStatus(url);
      expect(page.status).toBe(200);
      expect(page.body).toContain('<div id="root">');
      expect((await getStatus(new URL(`http://${url.host}/`))).status).toBe(403);

      const socket = () => new WebSocket(`ws://${url.host}/ws${url.search}`, { origin: `http://${url.host}` }) as unknown as WebSocketLike;
      const client = createClient<Contract>(wsClientTransport(socket));
      const status = await client.call('localBroker.status', {});
      expect(status).toMatchObject({ state: 'running', port: brokerPort });
      const profiles = await client.call('connections.list', {});
      expect(profiles.find((p) => p.id === 'local')?.bootstrapServers).toEqual([`127.0.0.1:${brokerPort}`]);

      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
      expect(await accepts(brokerPort)).toBe(false);
    } finally {
      child.kill('SIGKILL');
      dataDir.remove();
    }
  });
});
