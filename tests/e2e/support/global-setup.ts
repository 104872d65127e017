import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function globalSetup(): void {
  const root = resolve(import.meta.dirname, '../../..');
  execFileSync(process.execPath, ['--import', 'tsx', 'tests/e2e/support/build-once.ts'], { cwd: root, stdio: 'inherit' });
}
