// `npm start`: the desktop app when Electron's binary is installed; otherwise
// one line saying why, then browser mode, so `npm install && npm start` runs
// the app on any machine.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { ensureBrokerBuild } from '../src/web/ensure-builds.js';

const repoRoot = resolve(import.meta.dirname, '..');

/** The Electron executable, or why there is none. */
function findElectron(): { path: string } | { missing: string } {
  let path: unknown;
  try {
    // The electron package exports the path of its downloaded binary, and throws when it has none.
    path = createRequire(import.meta.url)('electron');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { missing: code === 'MODULE_NOT_FOUND' ? 'the electron package is not installed' : 'its binary was not downloaded' };
  }
  return typeof path === 'string' && existsSync(path) ? { path } : { missing: 'its binary was not downloaded' };
}

function run(command: string, args: string[]): Promise<number> {
  const child = spawn(command, args, { stdio: 'inherit', cwd: repoRoot });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((done) => child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0))));
}

async function main(): Promise<void> {
  const electron = findElectron();
  if ('missing' in electron) {
    console.log(`Electron is not available here (${electron.missing}), so Kafka Lanes starts in browser mode instead.`);
    // In this process, not a second Node: the browser-mode CLI reads the same arguments from process.argv.
    await import('../src/web/cli.js');
    return;
  }
  await ensureBrokerBuild(repoRoot, (line) => console.log(line));
  const electronVite = resolve(repoRoot, 'node_modules/electron-vite/bin/electron-vite.js');
  process.exit(await run(process.execPath, [electronVite, 'preview']));
}

void main();
