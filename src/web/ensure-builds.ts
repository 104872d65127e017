// The app must run straight after `npm ci`, and after editing sources: build
// the renderer (Vite) and the broker CLI the local broker process runs (tsc)
// when their output is missing or older than any of their sources (source
// folders, and the build's own config and lockfile).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

function newestMtimeMs(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtimeMs(join(path, entry.name)));
  }
  return newest;
}

function outputIsStale(outputFile: string, sources: readonly string[]): boolean {
  if (!existsSync(outputFile)) return true;
  const built = statSync(outputFile).mtimeMs;
  return sources.some((source) => existsSync(source) && newestMtimeMs(source) > built);
}

/** Builds the renderer into `outDir` if stale; returns whether a build ran. */
export async function ensureRendererBuild(repoRoot: string, outDir: string, log: (line: string) => void): Promise<boolean> {
  const sources = ['src/renderer', 'src/shared', 'vite.renderer.config.ts', 'package-lock.json'].map((source) => join(repoRoot, source));
  if (!outputIsStale(join(outDir, 'index.html'), sources)) return false;
  log('Building the renderer…');
  // Vite and the config are development tools: loaded only when a build is needed.
  const { build } = await import('vite');
  const { rendererViteConfig } = await import(pathToFileURL(join(repoRoot, 'vite.renderer.config.ts')).href);
  await build({ ...rendererViteConfig(outDir), configFile: false, logLevel: 'warn' });
  return true;
}

/** Compiles the broker (dist/broker, what the local broker process runs) if stale. */
export async function ensureBrokerBuild(repoRoot: string, log: (line: string) => void): Promise<boolean> {
  const sources = ['src/broker', 'tsconfig.broker-build.json', 'package-lock.json'].map((source) => join(repoRoot, source));
  if (!outputIsStale(join(repoRoot, 'dist/broker/cli.js'), sources)) return false;
  log('Building the local broker…');
  const tsc = join(repoRoot, 'node_modules/typescript/bin/tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', join(repoRoot, 'tsconfig.broker-build.json')], { cwd: repoRoot });
  return true;
}
