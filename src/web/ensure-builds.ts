// The app must run straight after `npm ci`, and after editing sources: build
// the renderer (Vite) and the broker CLI the local broker process runs (tsc)
// when their output is missing or older than any of their source files.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

function newestMtimeMs(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtimeMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function outputIsStale(outputFile: string, sourceDirs: readonly string[]): boolean {
  if (!existsSync(outputFile)) return true;
  const built = statSync(outputFile).mtimeMs;
  return sourceDirs.some((dir) => existsSync(dir) && newestMtimeMs(dir) > built);
}

/** Builds the renderer into `outDir` if stale; returns whether a build ran. */
export async function ensureRendererBuild(repoRoot: string, outDir: string, log: (line: string) => void): Promise<boolean> {
  if (!outputIsStale(join(outDir, 'index.html'), [join(repoRoot, 'src/renderer'), join(repoRoot, 'src/shared')])) return false;
  log('Building the renderer…');
  // Vite and the config are development tools: loaded only when a build is needed.
  const { build } = await import('vite');
  const { rendererViteConfig } = await import(pathToFileURL(join(repoRoot, 'vite.renderer.config.ts')).href);
  await build({ ...rendererViteConfig(outDir), configFile: false, logLevel: 'warn' });
  return true;
}

/** Compiles the broker (dist/broker, what the local broker process runs) if stale. */
export async function ensureBrokerBuild(repoRoot: string, log: (line: string) => void): Promise<boolean> {
  if (!outputIsStale(join(repoRoot, 'dist/broker/cli.js'), [join(repoRoot, 'src/broker')])) return false;
  log('Building the local broker…');
  const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', join(repoRoot, 'tsconfig.broker-build.json')], { cwd: repoRoot });
  return true;
}
