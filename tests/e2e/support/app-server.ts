// One browser-mode server (and with it one local broker) for one test: free
// ports, its own data directory, stopped and removed afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface AppServer {
  /** The page to open, with its one-time token. */
  url: string;
  /** The local broker's bootstrap address. */
  brokerBootstrap: string;
  dataDir: string;
  /** Everything the server printed, for failure reports. */
  output: string[];
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../../..');

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((done) => child.once('exit', () => done()));
}

export async function startAppServer(): Promise<AppServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kafka-lanes-e2e-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/web/cli.ts', '--no-open', '--port', '0', '--broker-port', '0', '--data-dir', dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => output.push(line));
  // A server that dies mid-test is reported in the attached output, not guessed at.
  child.once('exit', (code, signal) => output.push(`[server exited: code ${code}, signal ${signal}]`));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited(child);
      clearTimeout(killed);
    }
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    const started = await new Promise<{ url: string; brokerBootstrap: string }>((resolveStarted, reject) => {
      let url: string | null = null;
      const deadline = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output.join('\n')}`)), 60_000);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output.join('\n')}`)));
      createInterface({ input: child.stdout! }).on('line', (line) => {
        output.push(line);
        url ??= /^Kafka Lanes: (\S+)/.exec(line)?.[1] ?? null;
        const broker = /^Local broker: (\S+?),/.exec(line)?.[1];
        if (line.startsWith('Local broker did not start')) reject(new Error(line));
        if (url && broker) {
          clearTimeout(deadline);
          resolveStarted({ url, brokerBootstrap: broker });
        }
      });
    });
    return { ...started, dataDir, output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
