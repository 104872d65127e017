// npm run bench:broker — kcat produces 1,000,000 × 100-byte records into our
// broker (a separate process, data on disk) and into librdkafka's in-memory mock
// cluster, then consumes them back from ours. Prints records/s and the ratio.
// A benchmark, not a test: it prints figures and asserts nothing.
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitForLine } from './child-output.js';

const RECORDS = Number(process.env['BENCH_RECORDS'] ?? 1_000_000);
const RECORD_BYTES = 100;
const PARTITIONS = Number(process.env['BENCH_PARTITIONS'] ?? 1);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work');
const producerSettings = ['-X', 'linger.ms=5', '-X', 'batch.num.messages=10000', '-X', 'queue.buffering.max.messages=1000000'];

function timeKcat(args: string[], inputFile?: string): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn('kcat', args, { stdio: [inputFile ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    if (inputFile && child.stdin) createReadStream(inputFile).pipe(child.stdin);
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code === 0) resolvePromise(seconds);
      else reject(new Error(`kcat ${args.join(' ')} exited with ${code}: ${stderr}`));
    });
  });
}

function buildMockCluster(): string {
  const source = resolve(root, '..', 'shared', 'tools', 'mock-kafka.c');
  const binary = join(work, 'mock-kafka');
  if (!existsSync(binary)) {
    const flags = execFileSync('pkg-config', ['--cflags', '--libs', 'rdkafka']).toString().trim().split(/\s+/);
    execFileSync('gcc', ['-O2', '-o', binary, source, ...flags]);
  }
  return binary;
}

function writeInput(): string {
  const file = join(work, `records-${RECORDS}.txt`);
  if (!existsSync(file)) {
    const line = Buffer.alloc(RECORD_BYTES + 1, 'x');
    line[RECORD_BYTES] = 0x0a;
    const chunk = Buffer.concat(Array.from({ length: 10_000 }, () => line));
    const parts: Buffer[] = [];
    for (let written = 0; written < RECORDS; written += 10_000) parts.push(chunk.subarray(0, Math.min(10_000, RECORDS - written) * line.length));
    writeFileSync(file, Buffer.concat(parts));
  }
  return file;
}

const rate = (seconds: number) => Math.round(RECORDS / seconds);
const format = (n: number) => n.toLocaleString('en-US');

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const input = writeInput();
  const mockBinary = buildMockCluster();
  const dataDir = mkdtempSync(join(tmpdir(), 'kafka-lanes-bench-'));
  const ours = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/broker/cli.ts'), '--port', '0', '--data-dir', dataDir, '-c', `num.partitions=${PARTITIONS}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  const mock = spawn(mockBinary, ['1', `bench:${PARTITIONS}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const ourBootstrap = (await waitForLine(ours, /listening on (\S+)/, 'local broker'))[1]!;
    const mockBootstrap = (await waitForLine(mock, /BOOTSTRAP=(\S+)/, 'mock cluster'))[1]!;
    console.log(`${format(RECORDS)} records of ${RECORD_BYTES} bytes, ${PARTITIONS} partition(s), kcat ${producerSettings.filter((s) => s !== '-X').join(' ')}`);

    const ourProduce = await timeKcat(['-P', '-b', ourBootstrap, '-t', 'bench', '-q', ...producerSettings], input);
    const mockProduce = await timeKcat(['-P', '-b', mockBootstrap, '-t', 'bench', '-q', ...producerSettings], input);
    const ourFetch = await timeKcat(['-C', '-b', ourBootstrap, '-t', 'bench', '-o', 'beginning', '-c', String(RECORDS), '-q', '-f', '%o\n']);

    console.log(`produce, local broker (disk):   ${format(rate(ourProduce))} records/s (${ourProduce.toFixed(2)} s)`);
    console.log(`produce, librdkafka mock (RAM): ${format(rate(mockProduce))} records/s (${mockProduce.toFixed(2)} s)`);
    console.log(`produce ratio ours/mock:        ${(mockProduce / ourProduce).toFixed(2)}`);
    console.log(`fetch,   local broker (disk):   ${format(rate(ourFetch))} records/s (${ourFetch.toFixed(2)} s)`);
  } finally {
    ours.kill('SIGTERM');
    mock.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
