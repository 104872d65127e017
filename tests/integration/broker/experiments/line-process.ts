// A long-lived client process (kcat, a python consumer) whose stdout and stderr
// lines a test reads as they arrive: wait until the lines say something (an
// assignment, the end of every partition, a set of messages), then stop it
// with a signal so it commits and leaves the group, as a person pressing
// Ctrl-C would. Every process started here is killed by `killAll` if a test
// fails before stopping it.
import { spawn, type ChildProcess } from 'node:child_process';

export interface LineProcess {
  readonly stdout: string[];
  readonly stderr: string[];
  /** Resolves once the lines satisfy the predicate; fails at the deadline showing the lines so far. */
  waitFor(predicate: (process: LineProcess) => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** Sends the signal and waits for the exit code; SIGKILLs after the deadline. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | null>;
  /** Waits for the process to end by itself. */
  exited(timeoutMs?: number): Promise<number | null>;
}

const running = new Set<ChildProcess>();

export function startLineProcess(command: string, args: string[]): LineProcess {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const split = (into: string[]) => {
    let partial = '';
    return (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop()!;
      into.push(...parts);
    };
  };
  child.stdout!.on('data', split(stdout));
  child.stderr!.on('data', split(stderr));
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      running.delete(child);
      resolve(code);
    });
  });
  // Keep an early spawn failure from being an unhandled rejection; callers see it through exited().
  exit.catch(() => undefined);

  const describe = () => `${command} ${args.join(' ')}\nstdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('\n')}`;
  const withDeadline = async <T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${describe()}`)), timeoutMs);
    });
    try {
      return await Promise.race([promise, deadline]);
    } finally {
      clearTimeout(timer);
    }
  };

  const process: LineProcess = {
    stdout,
    stderr,
    async waitFor(predicate, what, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(process)) {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (${child.exitCode ?? child.signalCode}) before ${what}: ${describe()}`);
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${describe()}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async stop(signal = 'SIGTERM', timeoutMs = 10_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      try {
        return await withDeadline(exit, timeoutMs, `exit after ${signal}`);
      } catch (error) {
        child.kill('SIGKILL');
        throw error;
      }
    },
    exited(timeoutMs = 15_000) {
      return withDeadline(exit, timeoutMs, 'exit');
    },
  };
  return process;
}

/** SIGKILLs every process still running (for afterEach). */
export function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}
