// The app's own broker, run as a child process so its disk and CPU work never
// share the app's event loop. Port 9092 unless something else holds it, then
// any free port, and the status says so. Status changes go to watchers.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { LocalBrokerStatus } from '../../shared/contract/local-broker.js';
import type { Clock, Logger } from '../ports.js';
import { defaultBrokerLaunch, type BrokerLaunch } from './broker-launch.js';
import { isPortFree } from './free-port.js';

export interface LocalBrokerOptions {
  dataDir: string;
  /** Preferred port; another free one is used when it is taken. */
  port: number;
  clock: Clock;
  logger: Logger;
  /** Default: this Node (or Electron as Node) running the compiled broker CLI. */
  launch?: BrokerLaunch;
  startTimeoutMs?: number;
  /** How long a SIGTERM gets before SIGKILL. */
  stopTimeoutMs?: number;
}

type Listener = (status: LocalBrokerStatus) => void;

const LISTENING = /listening on (\S+):(\d+)/;
const STDERR_TAIL_LINES = 20;

export class LocalBrokerService {
  private current: LocalBrokerStatus;
  private child: ChildProcess | null = null;
  private starting: Promise<LocalBrokerStatus> | null = null;
  private stopping: Promise<LocalBrokerStatus> | null = null;
  private readonly listeners = new Set<Listener>();
  private stderrTail: string[] = [];

  constructor(private readonly options: LocalBrokerOptions) {
    this.current = { state: 'stopped', bootstrap: null, port: null, notice: null, dataDir: options.dataDir };
  }

  status(): LocalBrokerStatus {
    return { ...this.current };
  }

  /** Calls `listener` on every change; returns the unsubscribe function. */
  watch(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<LocalBrokerStatus> {
    if (this.stopping) await this.stopping;
    if (this.current.state === 'running') return this.status();
    return (this.starting ??= this.launch().finally(() => (this.starting = null)));
  }

  async stop(): Promise<LocalBrokerStatus> {
    if (this.starting) await this.starting.catch(() => undefined);
    if (!this.child) {
      if (this.current.state === 'failed') this.update({ state: 'stopped', bootstrap: null, port: null });
      return this.status();
    }
    return (this.stopping ??= this.terminate(this.child).finally(() => (this.stopping = null)));
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.listeners.clear();
  }

  private update(change: Partial<LocalBrokerStatus>): void {
    this.current = { ...this.current, ...change };
    const snapshot = this.status();
    for (const listener of [...this.listeners]) listener(snapshot);
  }

  private async launch(): Promise<LocalBrokerStatus> {
    const launch = this.options.launch ?? defaultBrokerLaunch();
    if (!launch) {
      this.update({ state: 'failed', notice: 'The local broker is not built yet: run "npm run build:broker".' });
      return this.status();
    }
    this.update({ state: 'starting', notice: null, bootstrap: null, port: null });
    mkdirSync(this.options.dataDir, { recursive: true });
    const preferred = this.options.port;
    const portTaken = `Port ${preferred} is in use by another program, so the local broker uses another port.`;
    let notice: string | null = null;
    let port = preferred;
    if (preferred !== 0 && !(await isPortFree(preferred))) {
      notice = portTaken;
      port = 0;
    }
    let outcome = await this.spawnOnce(launch, port);
    if (outcome.kind === 'port-taken' && port !== 0) {
      // Taken between the check and the bind: take any free port instead.
      notice = portTaken;
      outcome = await this.spawnOnce(launch, 0);
    }
    if (outcome.kind === 'running') {
      const suffix = notice ? notice.replace('another port', `port ${outcome.port}`) : null;
      this.update({ state: 'running', bootstrap: `${outcome.host}:${outcome.port}`, port: outcome.port, notice: suffix });
    } else {
      const message = outcome.kind === 'failed' ? outcome.message : `Port ${preferred} is in use and no other port could be bound.`;
      this.update({ state: 'failed', bootstrap: null, port: null, notice: message });
    }
    return this.status();
  }

  private spawnOnce(launch: BrokerLaunch, port: number): Promise<{ kind: 'running'; host: string; port: number } | { kind: 'port-taken' } | { kind: 'failed'; message: string }> {
    this.stderrTail = [];
    const args = [...launch.args, '--port', String(port), '--data-dir', this.options.dataDir, '--stop-with-stdin'];
    const child = spawn(launch.command, args, {
      // Our end of stdin closes when this process dies, however it dies, and
      // --stop-with-stdin makes the broker shut down then instead of lingering.
      stdio: ['pipe', 'pipe', 'pipe'],
      // Under Electron, process.execPath is the app itself; this makes it plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    this.child = child;
    createInterface({ input: child.stderr! }).on('line', (line) => {
      this.stderrTail.push(line);
      if (this.stderrTail.length > STDERR_TAIL_LINES) this.stderrTail.shift();
      this.options.logger.debug(`local broker: ${line}`);
    });
    return new Promise((resolve) => {
      const timeout = new AbortController();
      let settled = false;
      const settle = (result: Parameters<typeof resolve>[0]) => {
        if (settled) return;
        settled = true;
        timeout.abort();
        resolve(result);
      };
      const limit = this.options.startTimeoutMs ?? 30_000;
      void this.options.clock.sleep(limit, timeout.signal).then(() => {
        if (settled) return;
        void this.terminate(child);
        settle({ kind: 'failed', message: `The local broker did not start within ${Math.round(limit / 1000)} s. ${this.stderrSummary()}`.trim() });
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = LISTENING.exec(line);
        if (match) settle({ kind: 'running', host: match[1], port: Number(match[2]) });
      });
      child.once('error', (error) => {
        if (this.child === child) this.child = null;
        settle({ kind: 'failed', message: `The local broker could not be started: ${error.message}` });
      });
      // 'close' rather than 'exit': by then stderr has been read to the end.
      child.once('close', (code, signal) => {
        if (this.child === child) this.child = null;
        const stderr = this.stderrTail.join('\n');
        if (!settled) {
          if (/already in use|EADDRINUSE/.test(stderr)) return settle({ kind: 'port-taken' });
          return settle({ kind: 'failed', message: `The local broker exited while starting (${signal ?? `code ${code}`}). ${this.stderrSummary()}`.trim() });
        }
        // Exits we did not ask for: the status must say so.
        if (this.current.state === 'running') {
          this.update({ state: 'failed', bootstrap: null, port: null, notice: `The local broker stopped unexpectedly (${signal ?? `code ${code}`}). ${this.stderrSummary()}`.trim() });
        }
      });
    });
  }

  private stderrSummary(): string {
    const last = this.stderrTail.filter((line) => /error/i.test(line)).at(-1) ?? this.stderrTail.at(-1);
    return last ? `Last output: ${last}` : '';
  }

  private async terminate(child: ChildProcess): Promise<LocalBrokerStatus> {
    if (child.exitCode !== null || child.signalCode !== null) {
      if (this.child === child) this.child = null;
      return this.status();
    }
    this.update({ state: 'stopping' });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timeout = new AbortController();
    const graceful = await Promise.race([exited.then(() => true), this.options.clock.sleep(this.options.stopTimeoutMs ?? 5_000, timeout.signal).then(() => false)]);
    timeout.abort();
    if (!graceful) {
      this.options.logger.warn('local broker ignored SIGTERM; killing it');
      child.kill('SIGKILL');
      await exited;
    }
    if (this.child === child) this.child = null;
    this.update({ state: 'stopped', bootstrap: null, port: null });
    return this.status();
  }
}
