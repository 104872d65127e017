// The `npm run broker` command line: startup line, clean shutdown on signals,
// help text, and clear failures for bad options and busy ports.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../support/run-process.js';
import { kafkaFor, makeTempDir } from './helpers.js';

const cli = resolve(import.meta.dirname, '../../../src/broker/cli.ts');
const tsxArgs = (args: string[]) => ['--import', 'tsx', cli, ...args];

describe('broker CLI', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('prints the bootstrap address, serves clients and exits 0 on %s', async (signal) => {
    const dataDir = makeTempDir('kafka-lanes-cli-');
    const child = spawn(process.execPath, tsxArgs(['--port', '0', '--data-dir', dataDir.path, '-c', 'num.partitions=2']), { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let stdout = '';
      const line = await new Promise<RegExpExecArray>((resolvePromise, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          const match = /^Kafka Lanes local broker listening on (127\.0\.0\.1:\d+) \(cluster id (\S+)\)$/m.exec(stdout);
          if (match) resolvePromise(match);
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stdout}`)));
      });
      const admin = kafkaFor({ bootstrap: line[1]! }).admin();
      await admin.connect();
      expect((await admin.describeCluster()).clusterId).toBe(line[2]);
      await admin.disconnect();

      child.kill(signal);
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
      dataDir.remove();
    }
  });

  it('with --stop-with-stdin, shuts down cleanly when its parent goes away (stdin closes)', async () => {
    const dataDir = makeTempDir('kafka-lanes-cli-');
    const child = spawn(process.execPath, tsxArgs(['--port', '0', '--data-dir', dataDir.path, '--stop-with-stdin']), { stdio: ['pipe', 'pipe', 'pipe'] });
    try {
      await new Promise<void>((resolvePromise, reject) => {
        let stdout = '';
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString();
          if (stdout.includes('listening on')) resolvePromise();
        });
        child.once('exit', (code) => reject(new Error(`exited early with ${code}: ${stdout}`)));
      });
      const exited = once(child, 'exit');
      child.stdin.end();
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
      dataDir.remove();
    }
  });

  it('prints help', async () => {
    const result = await runProcess(process.execPath, tsxArgs(['--help']));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--data-dir');
    expect(result.stdout).toContain('--advertised-host');
  });

  it.each([
    [['--bogus'], /bogus/],
    [['--port', 'abc'], /--port must be a port number/],
    [['-c', 'novalue'], /key=value/],
    [['-c', 'num.partitions=zero'], /num\.partitions/],
  ])('fails with a clear message and exit code 1 for %j', async (args, message) => {
    const result = await runProcess(process.execPath, tsxArgs(args));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
  });

  it('fails with exit code 1 when the port is in use', async () => {
    const blocker = createServer();
    await new Promise<void>((resolvePromise) => blocker.listen(0, '127.0.0.1', resolvePromise));
    const port = (blocker.address() as AddressInfo).port;
    try {
      const result = await runProcess(process.execPath, tsxArgs(['--port', String(port)]));
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`port ${port} is already in use`);
    } finally {
      blocker.close();
    }
  });
});
