// Benchmarks start the broker, the mock cluster and the backend as child
// processes and learn their addresses (and, for the backend, GC figures)
// from lines they print.
import type { ChildProcess } from 'node:child_process';

/** The first match of `pattern` in the child's stdout; every listener is removed once settled, so it can be called again and again. */
export function waitForLine(child: ChildProcess, pattern: RegExp, what: string, timeoutMs = 60_000): Promise<RegExpExecArray> {
  return new Promise((resolvePromise, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = pattern.exec(seen);
      if (match) settle(() => resolvePromise(match));
    };
    const onErrorOutput = (chunk: Buffer) => (seen += chunk.toString());
    const onExit = (code: number | null) => settle(() => reject(new Error(`${what} exited with ${code}: ${seen}`)));
    const timer = setTimeout(() => settle(() => reject(new Error(`${what} did not print ${pattern} within ${timeoutMs} ms: ${seen}`))), timeoutMs);
    function settle(done: () => void): void {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onErrorOutput);
      child.off('exit', onExit);
      done();
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onErrorOutput);
    child.on('exit', onExit);
  });
}
