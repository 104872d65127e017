// The local broker as the app runs it: a child process on the CLI, data in the
// user-data directory, port 9092-or-whatever-is-free. The broker's TypeScript
// source is launched through tsx so the test does not depend on a build.
import { existsSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { BrokerLaunch } from '../../../src/backend/local-broker/broker-launch.js';
import { LocalBrokerService } from '../../../src/backend/local-broker/local-broker-service.js';
import { silentLogger, systemClock } from '../../../src/backend/ports.js';
import type { LocalBrokerStatus } from '../../../src/shared/contract/local-broker.js';
import { makeTempDir } from '../broker/helpers.js';
import { startBackend, unusedPort, until, type BackendHarness } from './helpers.js';

const sourceLaunch: BrokerLaunch = { command: process.execPath, args: ['--import', 'tsx', resolve(import.meta.dirname, '../../../src/broker/cli.ts')] };

function accepts(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

describe('localBroker through the backend', () => {
  const harnesses: BackendHarness[] = [];
  const blockers: Server[] = [];
  const shared = makeTempDir('kafka-lanes-user-data-');
  afterEach(async () => {
    for (const blocker of blockers.splice(0)) await new Promise((done) => blocker.close(done));
  });
  afterAll(async () => {
    for (const h of harnesses) await h.stop();
    shared.remove();
  });

  function backendOn(port: number, extra: { autoStartLocalBroker?: boolean } = {}): BackendHarness {
    const h = startBackend({ localBrokerPort: port, localBrokerLaunch: sourceLaunch, ...extra });
    harnesses.push(h);
    return h;
  }

  it('starts on the preferred port, streams its status, serves the built-in profile and stops', async () => {
    const port = await unusedPort();
    const h = backendOn(port);
    const seen: LocalBrokerStatus[] = [];
    const unsubscribe = h.client.subscribe('localBroker.watch', {}, (status) => seen.push(status));

    expect(await h.client.call('localBroker.status', {})).toMatchObject({ state: 'stopped', bootstrap: null, port: null, dataDir: join(h.userDataDir, 'local-broker') });
    const running = await h.client.call('localBroker.start', {});
    expect(running).toMatchObject({ state: 'running', port, bootstrap: `127.0.0.1:${port}`, notice: null });
    expect(existsSync(join(h.userDataDir, 'local-broker'))).toBe(true);
    // Starting again is harmless.
    expect(await h.client.call('localBroker.start', {})).toEqual(running);

    const [local] = await h.client.call('connections.list', {});
    expect(local.bootstrapServers).toEqual([`127.0.0.1:${port}`]);
    await h.client.call('topics.create', { connectionId: 'local', topic: 'hello', partitions: 2, replicationFactor: 1 });
    await h.client.call('produce.send', { connectionId: 'local', topic: 'hello', value: { data: 'say hello~!!!!' } });
    expect((await h.client.call('topics.list', { connectionId: 'local' })).map((t) => [t.name, t.messageCount])).toEqual([['hello', '1']]);

    expect(await h.client.call('localBroker.stop', {})).toMatchObject({ state: 'stopped', bootstrap: null, port: null });
    expect(await accepts(port)).toBe(false);
    // Calls on the built-in profile now say what to do, not just "unreachable".
    expect(await failureOf(h)).toBe('LOCAL_BROKER_NOT_RUNNING');
    unsubscribe();
    expect(seen.map((s) => s.state)).toEqual(['stopped', 'starting', 'running', 'stopping', 'stopped']);
  });

  it('uses another port when the preferred one is taken, says so, and keeps its data across restarts', async () => {
    const port = await unusedPort();
    const blocker = createServer();
    blockers.push(blocker);
    await new Promise<void>((done) => blocker.listen(port, '127.0.0.1', done));

    const first = startBackend({ userDataDir: shared.path, localBrokerPort: port, localBrokerLaunch: sourceLaunch });
    const status = await first.client.call('localBroker.start', {});
    expect(status.state).toBe('running');
    expect(status.port).not.toBe(port);
    expect(status.notice).toMatch(new RegExp(`Port ${port} is in use.*port ${status.port}`));
    expect((await first.client.call('connections.list', {}))[0].bootstrapServers).toEqual([status.bootstrap]);
    await first.client.call('topics.create', { connectionId: 'local', topic: 'kept', partitions: 1, replicationFactor: 1 });
    await first.client.call('produce.send', { connectionId: 'local', topic: 'kept', value: { data: 'still here' }, count: 3 });
    await first.stop();
    expect(await accepts(status.port!)).toBe(false);

    // A second start in the same user-data directory, with the port free again.
    await new Promise((done) => blocker.close(done));
    blockers.length = 0;
    const second = startBackend({ userDataDir: shared.path, localBrokerPort: port, localBrokerLaunch: sourceLaunch });
    harnesses.push(second);
    expect(await second.client.call('localBroker.start', {})).toMatchObject({ state: 'running', port, notice: null });
    const kept = await second.client.call('topics.describe', { connectionId: 'local', topic: 'kept' });
    expect(kept.messageCount).toBe('3');
  });

  it('starts by itself when asked to, and dispose stops it', async () => {
    const port = await unusedPort();
    const h = startBackend({ localBrokerPort: port, localBrokerLaunch: sourceLaunch, autoStartLocalBroker: true });
    await until('the auto-started broker', () => h.backend.localBroker.status().state === 'running' || undefined, 30_000);
    expect(await accepts(port)).toBe(true);
    await h.stop();
    expect(await accepts(port)).toBe(false);
  });

  it('reports a broker that cannot start as failed, with its reason', async () => {
    const h = startBackend({ localBrokerPort: await unusedPort(), localBrokerLaunch: { command: process.execPath, args: ['-e', 'console.error("error: disk on fire"); process.exit(3)', '--'] } });
    harnesses.push(h);
    const status = await h.client.call('localBroker.start', {});
    expect(status).toMatchObject({ state: 'failed', bootstrap: null });
    expect(status.notice).toMatch(/exited while starting \(code 3\).*disk on fire/);
    expect(await failureOf(h)).toBe('LOCAL_BROKER_NOT_RUNNING');
  });
});

async function failureOf(h: BackendHarness): Promise<string> {
  try {
    await h.client.call('topics.list', { connectionId: 'local' });
  } catch (error) {
    return (error as { error: { code: string } }).error.code;
  }
  return 'no error';
}

describe('LocalBrokerService process handling', () => {
  const temp = makeTempDir('kafka-lanes-local-broker-');
  afterAll(() => temp.remove());

  it('reports an unexpected exit, and kills a broker that ignores SIGTERM', async () => {
    // A stand-in process that claims to listen, ignores SIGTERM and exits on SIGUSR2.
    const stubborn = `process.on('SIGTERM', () => {}); process.on('SIGUSR2', () => process.exit(7)); console.log('Kafka Lanes local broker listening on 127.0.0.1:1 (cluster id x)'); setInterval(() => {}, 1000);`;
    const service = new LocalBrokerService({ dataDir: temp.path, port: 0, clock: systemClock, logger: silentLogger, stopTimeoutMs: 300, launch: { command: process.execPath, args: ['-e', stubborn, '--'] } });
    const changes: LocalBrokerStatus[] = [];
    service.watch((s) => changes.push(s));

    expect(await service.start()).toMatchObject({ state: 'running', bootstrap: '127.0.0.1:1', port: 1 });
    const started = Date.now();
    expect(await service.stop()).toMatchObject({ state: 'stopped' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);

    await service.start();
    const pid = (service as unknown as { child: { pid: number } }).child.pid;
    process.kill(pid, 'SIGUSR2');
    await until('the exit to be noticed', () => service.status().state === 'failed' || undefined, 30_000);
    expect(service.status().notice).toMatch(/stopped unexpectedly \(code 7\)/);
    expect(changes.map((c) => c.state)).toEqual(['starting', 'running', 'stopping', 'stopped', 'starting', 'running', 'failed']);
    await service.dispose();
  });
});
