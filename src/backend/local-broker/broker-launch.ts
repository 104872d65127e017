// How the local broker process is started: Node (or Electron acting as Node)
// running the compiled broker CLI. Tests may launch the TypeScript source instead.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BrokerLaunch {
  command: string;
  /** Arguments before the broker's own (--port, --data-dir). */
  args: string[];
}

const CLI_RELATIVE_PATH = join('dist', 'broker', 'cli.js');

/**
 * Finds the compiled CLI by walking up from this module: it lives under the
 * package root whether this file runs from src/, a bundle in out/, or dist/.
 */
export function findBrokerCli(from: string = dirname(fileURLToPath(import.meta.url))): string | null {
  let dir = from;
  for (;;) {
    const candidate = join(dir, CLI_RELATIVE_PATH);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

export function defaultBrokerLaunch(): BrokerLaunch | null {
  const cli = findBrokerCli();
  return cli === null ? null : { command: process.execPath, args: [cli] };
}
