// The backend side of `npm run bench:lanes`, in its own process so its memory
// is its own: createBackend mounted on the browser-mode WebSocket server.
// Prints "READY <port> <token>", then a memory sample every 25 ms as
// "MEM <ms since start> <rss bytes> <heapUsed bytes>". A "gc" line on stdin
// (with --expose-gc) collects garbage and answers "GC <rss> <heapUsed>": what
// the backend still holds. Exits when stdin closes.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../src/backend/create-backend.js';
import { startWebServer } from '../src/web/server.js';

async function main(): Promise<void> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'kafka-lanes-bench-backend-'));
  const rendererDir = join(userDataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>bench</title>');
  const backend = createBackend({ userDataDir });
  const server = await startWebServer({ dispatcher: backend.dispatcher, rendererDir });
  const started = Date.now();
  console.log(`READY ${server.port} ${server.token}`);
  const sampler = setInterval(() => {
    const { rss, heapUsed } = process.memoryUsage();
    console.log(`MEM ${Date.now() - started} ${rss} ${heapUsed}`);
  }, 25);
  process.stdin.on('data', (chunk: Buffer) => {
    if (!chunk.toString().includes('gc')) return;
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    console.log(`GC ${rss} ${heapUsed}`);
  });
  process.stdin.on('end', () => {
    clearInterval(sampler);
    void Promise.allSettled([server.close(), backend.dispose()]).then(() => {
      rmSync(userDataDir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
