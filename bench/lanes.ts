// npm run bench:lanes — kcat produces 200,000 × 100-byte records into the
// local broker (its own process, data on disk); then one lane, and then four
// lanes at once (each its own group), read them through the backend (its own
// process, createBackend on the browser-mode server) to a WebSocket client
// here. Prints records/s per lane as the client receives them, and the
// backend's memory (sampled every 25 ms). A benchmark: it asserts nothing.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import type { Contract } from '../src/shared/contract/index.js';
import { createClient, type ContractClient } from '../src/shared/rpc/client.js';
import { wsClientTransport, type WebSocketLike } from '../src/shared/rpc/ws-client-transport.js';
import { kcatProduce, recordsFile } from './kcat-input.js';
import { waitForLine } from './child-output.js';

const RECORDS = Number(process.env['BENCH_RECORDS'] ?? 200_000);
const RECORD_BYTES = 100;
const PARTITIONS = Number(process.env['BENCH_PARTITIONS'] ?? 4);
/** Each scenario runs this many times in a row, on new groups: memory that is flat stays the same per round. */
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 4);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work');

interface MemorySample {
  at: number;
  rss: number;
  heap: number;
}

interface LaneRun {
  groupId: string;
  received: number;
  firstAt: number;
  lastAt: number;
  paused: number;
}

/** Opens `count` lanes at once and waits until each has delivered every record. */
async function runLanes(client: ContractClient<Contract>, connectionId: string, label: string, count: number): Promise<{ runs: LaneRun[]; startedAt: number; endedAt: number }> {
  const startedAt = performance.now();
  const runs: LaneRun[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const run: LaneRun = { groupId: `bench-${label}-${i + 1}`, received: 0, firstAt: 0, lastAt: 0, paused: 0 };
      runs.push(run);
      const lane = await client.call('lanes.open', { connectionId, topic: 'bench', groupId: run.groupId, autoOffsetReset: 'earliest', members: 1, autoCommit: true });
      await new Promise<void>((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error(`${run.groupId}: ${run.received} of ${RECORDS} after 300 s`)), 300_000);
        const cancel = client.subscribe('lanes.events', { laneId: lane.laneId }, (event) => {
          if (event.type === 'backpressure' && event.paused) run.paused++;
          if (event.type !== 'records') return;
          const now = performance.now();
          if (run.received === 0) run.firstAt = now;
          run.received += event.records.length;
          run.lastAt = now;
          if (run.received >= RECORDS) {
            clearTimeout(timer);
            cancel();
            resolvePromise();
          }
        });
      });
      await client.call('lanes.close', { laneId: lane.laneId });
    }),
  );
  return { runs, startedAt, endedAt: performance.now() };
}

const format = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function peaks(samples: MemorySample[], from: number, to: number): { rss: number; heap: number } {
  const window = samples.filter((s) => s.at >= from && s.at <= to);
  return { rss: Math.max(0, ...window.map((s) => s.rss)), heap: Math.max(0, ...window.map((s) => s.heap)) };
}

/** Runs the scenario ROUNDS times (new groups each time) and prints rates and the backend's peak memory per round. */
async function scenario(title: string, lanes: number, client: ContractClient<Contract>, connectionId: string, samples: MemorySample[], clockOffset: number): Promise<void> {
  console.log(`\n${title}`);
  const rates: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const result = await runLanes(client, connectionId, `${lanes}x-r${round}`, lanes);
    const seconds = (result.endedAt - result.startedAt) / 1000;
    const perLane = result.runs.map((run) => RECORDS / ((run.lastAt - result.startedAt) / 1000));
    rates.push(...perLane);
    const total = result.runs.reduce((sum, r) => sum + r.received, 0);
    // Let the last samples arrive before reading the window.
    await new Promise((r) => setTimeout(r, 150));
    const peak = peaks(samples, result.startedAt - clockOffset, result.endedAt - clockOffset);
    console.log(
      `  round ${round}: ${format(total)} records in ${seconds.toFixed(2)} s; per lane ${perLane.map(format).join(', ')} records/s (from open to last record); ` +
        `backpressure pauses ${result.runs.map((r) => r.paused).join('/')}; backend peak RSS ${mib(peak.rss)}, peak heap ${mib(peak.heap)}`,
    );
  }
  console.log(`  per lane: min ${format(Math.min(...rates))}, median ${format([...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)]!)} records/s`);
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const input = recordsFile(work, 'lane', RECORDS, RECORD_BYTES);
  const dataDir = mkdtempSync(join(tmpdir(), 'kafka-lanes-bench-'));
  const broker = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/broker/cli.ts'), '--port', '0', '--data-dir', dataDir, '-c', `num.partitions=${PARTITIONS}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  // BENCH_CPU_PROF=1 writes a V8 CPU profile of the backend into bench/.work.
  const profile = process.env['BENCH_CPU_PROF'] ? ['--cpu-prof', '--cpu-prof-dir', work] : [];
  const backend = spawn(process.execPath, [...profile, '--expose-gc', '--import', 'tsx', join(root, 'bench/lanes-backend.ts')], { stdio: ['pipe', 'pipe', 'pipe'] });
  const samples: MemorySample[] = [];
  try {
    const bootstrap = (await waitForLine(broker, /listening on (\S+)/, 'local broker'))[1]!;
    const ready = await waitForLine(backend, /READY (\d+) (\S+)/, 'backend');
    // The backend's sample times are ms since its start; map them onto this process's clock.
    const clockOffset = performance.now();
    let buffered = '';
    backend.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const match = /^MEM (\d+) (\d+) (\d+)$/.exec(line);
        if (match) samples.push({ at: Number(match[1]), rss: Number(match[2]), heap: Number(match[3]) });
      }
    });
    const [port, token] = [Number(ready[1]), ready[2]!];

    const produceStarted = performance.now();
    await kcatProduce(bootstrap, 'bench', input);
    const produceSeconds = (performance.now() - produceStarted) / 1000;
    console.log(`${format(RECORDS)} records of ${RECORD_BYTES} bytes on ${PARTITIONS} partitions, produced by kcat in ${produceSeconds.toFixed(2)} s`);

    const transport = wsClientTransport(() => new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`, { origin: `http://127.0.0.1:${port}` }) as unknown as WebSocketLike);
    const client = createClient<Contract>(transport);
    const { id: connectionId } = await client.call('connections.save', { name: 'bench', bootstrapServers: [bootstrap], color: '#000000', readOnly: false });

    const collected = async (): Promise<string> => {
      const answer = waitForLine(backend, /GC (\d+) (\d+)/, 'backend gc');
      backend.stdin!.write('gc\n');
      const [, rss, heap] = await answer;
      return `RSS ${mib(Number(rss))}, heap ${mib(Number(heap))}`;
    };
    console.log(`backend memory at rest, after a full GC: ${await collected()}`);
    await scenario('one lane (1 member) to a WebSocket client', 1, client, connectionId, samples, clockOffset);
    await scenario('four lanes at once (1 member each, each its own group) to one WebSocket client', 4, client, connectionId, samples, clockOffset);
    console.log(`\nbackend memory after the runs (lanes closed), after a full GC: ${await collected()}`);
  } finally {
    backend.stdin?.end();
    broker.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    if (backend.exitCode === null) await new Promise((r) => backend.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
