// npm run bench:ui — the Lanes screen under load, in Chromium against browser
// mode (its own server process, a fresh data dir, its own local broker on a
// free port). Through the UI: create a 4-partition topic and open 4 lanes on
// it (1 member each, each its own group). Then, for each round, kcat produces
// 100,000 × 100-byte records straight to the broker while the page records:
//   - records rendered: the sum of the lanes' record counters (the
//     `lane-record-count` text React commits, at most once per frame per lane),
//     sampled on every animation frame in the page;
//   - long tasks (PerformanceObserver 'longtask', i.e. main-thread tasks ≥ 50 ms)
//     and the longest gap between animation frames;
//   - the JS heap after the round: performance.memory and, after a forced GC
//     over CDP, Runtime.getHeapUsage.
// Rounds run in the same page, so a heap that stays flat across them shows the
// bounded lane buffers hold. A benchmark: it prints figures and asserts nothing.
//
// BENCH_HEADED=1 launches a headed window (run under xvfb-run); the default is
// headless. BENCH_RECORDS, BENCH_ROUNDS and BENCH_LANES change the load.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { ensureBrokerBuild, ensureRendererBuild } from '../src/web/ensure-builds.js';
import { AppPage } from '../tests/e2e/pages/app-page.js';
import { lanesOnNewTopic } from '../tests/e2e/pages/lanes-page.js';
import { TopicsPage } from '../tests/e2e/pages/topics-page.js';
import { kcatProduce, recordsFile } from './kcat-input.js';
import { startTrace, stopTrace } from './ui-trace.js';
import { startAppServer, type AppServer } from '../tests/e2e/support/app-server.js';

const RECORDS = Number(process.env['BENCH_RECORDS'] ?? 100_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const LANES = Number(process.env['BENCH_LANES'] ?? 4);
const HEADED = process.env['BENCH_HEADED'] === '1';
/** BENCH_CPU_PROFILE=1: a CPU profile of the page per round, saved in bench/.work, with its heaviest functions printed (it slows the page). */
const CPU_PROFILE = process.env['BENCH_CPU_PROFILE'] === '1';
/** BENCH_TRACE=1: a Chrome trace per round, and what each task over 50 ms spent its time on. */
const TRACE = process.env['BENCH_TRACE'] === '1';
const PARTITIONS = 4;
const RECORD_BYTES = 100;
const TOPIC = 'bench';
const ROUND_DEADLINE_MS = 300_000;
/** The issue's targets. */
const LONG_TASK_TARGET_MS = 100;
/** "Flat": the post-GC heap after the last round is within this of the heap after the first. */
const FLAT_HEAP_TOLERANCE = 0.1;

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'bench', '.work');

interface PageProbe {
  longTasks: { start: number; duration: number }[];
  /** Gaps between consecutive animation frames above 50 ms: [frame time, gap]. */
  slowFrames: [number, number][];
  frames: number;
  /** [page time, total records rendered], appended when the total changes. */
  counts: [number, number][];
  total: number;
}

/**
 * The few page globals the probe touches. This file compiles without the DOM
 * library (it is Node code); the functions handed to page.evaluate run in the
 * page and reach the DOM through this view of globalThis.
 */
interface PageGlobals {
  __benchProbe?: PageProbe;
  document: { querySelectorAll(selector: string): Iterable<PageElement> };
  requestAnimationFrame(callback: (now: number) => void): number;
  PerformanceObserver: new (callback: (list: { getEntries(): { startTime: number; duration: number }[] }) => void) => { observe(options: { type: string }): void };
  performance: { now(): number; memory: { usedJSHeapSize: number } };
}

interface PageElement {
  dataset: Record<string, string | undefined>;
  textContent: string | null;
  querySelector(selector: string): PageElement | null;
}

/** Runs in the page: the long-task observer and a per-frame sampler of the lanes' counters. */
function installProbe(): void {
  const page = globalThis as unknown as PageGlobals;
  const probe: PageProbe = { longTasks: [], slowFrames: [], frames: 0, counts: [], total: 0 };
  page.__benchProbe = probe;
  new page.PerformanceObserver((list) => {
    for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask' });
  let last = 0;
  const onFrame = (now: number) => {
    probe.frames++;
    if (last > 0 && now - last > 50) probe.slowFrames.push([now, now - last]);
    last = now;
    let total = 0;
    for (const element of page.document.querySelectorAll('[data-testid="lane-record-count"]')) total += Number(element.dataset['count'] ?? 0);
    if (total !== probe.total) {
      probe.total = total;
      probe.counts.push([now, total]);
    }
    page.requestAnimationFrame(onFrame);
  };
  page.requestAnimationFrame(onFrame);
}

interface RoundWindow {
  longTasks: { start: number; duration: number }[];
  slowFrames: [number, number][];
  frames: number;
  counts: [number, number][];
}

/** The probe's data from `since` (page time) on, and clears what it has handed over. */
async function takeProbe(page: Page, since: number): Promise<RoundWindow> {
  return page.evaluate((from) => {
    const probe = (globalThis as unknown as PageGlobals).__benchProbe!;
    const result = {
      longTasks: probe.longTasks.filter((t) => t.start + t.duration >= from),
      slowFrames: probe.slowFrames.filter(([at]) => at >= from),
      frames: probe.frames,
      counts: probe.counts.filter(([at]) => at >= from),
    };
    probe.longTasks = [];
    probe.slowFrames = [];
    probe.frames = 0;
    probe.counts = [];
    return result;
  }, since);
}

interface Heap {
  /** performance.memory.usedJSHeapSize, before any forced GC. */
  used: number;
  /** Runtime.getHeapUsage after HeapProfiler.collectGarbage. */
  afterGc: number;
}

async function measureHeap(page: Page, cdp: Awaited<ReturnType<ReturnType<Page['context']>['newCDPSession']>>): Promise<Heap> {
  const used = await page.evaluate(() => (globalThis as unknown as PageGlobals).performance.memory.usedJSHeapSize);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return { used, afterGc: usedSize };
}

interface LaneBadges {
  counts: number[];
  trimmed: string[];
  backpressure: string[];
}

function readLanes(page: Page): Promise<LaneBadges> {
  return page.evaluate(() => {
    const lanes = [...(globalThis as unknown as PageGlobals).document.querySelectorAll('[data-testid="lanes-row"] [role="region"]')];
    return {
      counts: lanes.map((lane) => Number(lane.querySelector('[data-testid="lane-record-count"]')?.dataset['count'] ?? 0)),
      trimmed: lanes.map((lane) => lane.querySelector('[data-testid="lane-trimmed"]')?.textContent ?? '0 trimmed'),
      backpressure: lanes.map((lane) => lane.querySelector('[data-testid="lane-backpressure"]')?.textContent ?? 'none'),
    };
  });
}

interface RoundResult {
  round: number;
  produceSeconds: number;
  renderSeconds: number;
  rendered: number;
  ratePerSecond: number;
  peakRatePerSecond: number;
  longTasks: number;
  longestTaskMs: number;
  /** The five longest, in ms, longest first. */
  topTasksMs: number[];
  slowFrames: number;
  longestFrameGapMs: number;
  frames: number;
  heap: Heap;
  badges: LaneBadges;
  /** Main-thread seconds spent during the round, from CDP Performance.getMetrics. */
  mainThread: MainThreadTime;
}

interface MainThreadTime {
  task: number;
  script: number;
  layout: number;
  style: number;
}

type Cdp = Parameters<typeof measureHeap>[1];

async function mainThreadTime(cdp: Cdp): Promise<MainThreadTime> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
  return { task: value('TaskDuration'), script: value('ScriptDuration'), layout: value('LayoutDuration'), style: value('RecalcStyleDuration') };
}

/** The most records rendered in any one-second window. */
function peakRate(counts: [number, number][], base: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < counts.length; end++) {
    while (counts[end]![0] - counts[start]![0] > 1000) start++;
    const before = start > 0 ? counts[start - 1]![1] : base;
    best = Math.max(best, counts[end]![1] - before);
  }
  return best;
}

async function runRound(round: number, page: Page, cdp: Cdp, server: AppServer, input: string): Promise<RoundResult> {
  const before = await page.evaluate(() => ({ now: performance.now(), total: (globalThis as unknown as PageGlobals).__benchProbe!.total }));
  const timeBefore = await mainThreadTime(cdp);
  await takeProbe(page, before.now);
  const target = before.total + RECORDS * LANES;
  const produceStarted = performance.now();
  const produced = kcatProduce(server.brokerBootstrap, TOPIC, input).then(() => (performance.now() - produceStarted) / 1000);
  const deadline = Date.now() + ROUND_DEADLINE_MS;
  let total = before.total;
  while (total < target) {
    if (Date.now() > deadline) throw new Error(`round ${round}: ${total - before.total} of ${RECORDS * LANES} records rendered after ${ROUND_DEADLINE_MS / 1000} s`);
    await new Promise((r) => setTimeout(r, 250));
    total = await page.evaluate(() => (globalThis as unknown as PageGlobals).__benchProbe!.total);
  }
  const produceSeconds = await produced;
  const probed = await takeProbe(page, before.now);
  const lastAt = probed.counts.at(-1)![0];
  const renderSeconds = (lastAt - before.now) / 1000;
  const rendered = total - before.total;
  const timeAfter = await mainThreadTime(cdp);
  const mainThread = {
    task: timeAfter.task - timeBefore.task,
    script: timeAfter.script - timeBefore.script,
    layout: timeAfter.layout - timeBefore.layout,
    style: timeAfter.style - timeBefore.style,
  };
  const badges = await readLanes(page);
  const heap = await measureHeap(page, cdp);
  return {
    round,
    produceSeconds,
    renderSeconds,
    rendered,
    ratePerSecond: rendered / renderSeconds,
    peakRatePerSecond: peakRate(probed.counts, before.total),
    longTasks: probed.longTasks.length,
    longestTaskMs: Math.max(0, ...probed.longTasks.map((t) => t.duration)),
    topTasksMs: probed.longTasks.map((t) => t.duration).sort((a, b) => b - a).slice(0, 5),
    slowFrames: probed.slowFrames.length,
    longestFrameGapMs: Math.max(0, ...probed.slowFrames.map(([, gap]) => gap)),
    frames: probed.frames,
    heap,
    badges,
    mainThread,
  };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

/** Writes the round's profile and prints the functions with the most self time. */
function reportProfile(round: number, profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }): void {
  const file = join(work, `ui-round-${round}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const frame = byId.get(samples[i]!)!.callFrame;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + (deltas[i] ?? 0) / 1000);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 12);
  console.log(`  round ${round} CPU profile (${file}), most self time:`);
  for (const [name, ms] of top) console.log(`    ${format(ms).padStart(6)} ms  ${name}`);
}

const format = (n: number) => Math.round(n).toLocaleString('en-US');
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function printTable(results: RoundResult[], baseline: Heap): void {
  const rows = [
    ['round', 'rendered', 'kcat s', 'render s', 'records/s', 'peak 1 s', 'long tasks', 'longest task', 'frames >50 ms', 'longest frame gap', 'heap used', 'heap after GC'],
    ['start', '', '', '', '', '', '', '', '', '', mib(baseline.used), mib(baseline.afterGc)],
    ...results.map((r) => [
      String(r.round),
      format(r.rendered),
      r.produceSeconds.toFixed(2),
      r.renderSeconds.toFixed(2),
      format(r.ratePerSecond),
      format(r.peakRatePerSecond),
      String(r.longTasks),
      r.longTasks > 0 ? `${format(r.longestTaskMs)} ms` : '< 50 ms',
      `${r.slowFrames} of ${format(r.frames)}`,
      `${format(r.longestFrameGapMs)} ms`,
      mib(r.heap.used),
      mib(r.heap.afterGc),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows) console.log('  ' + row.map((cell, column) => cell.padStart(widths[column]!)).join('  '));
  for (const r of results) console.log(`  round ${r.round} long tasks (longest five): ${r.topTasksMs.map((ms) => `${format(ms)} ms`).join(', ') || 'none'}`);
  for (const r of results) {
    const { task, script, layout, style } = r.mainThread;
    console.log(`  round ${r.round} main thread busy ${task.toFixed(2)} s of ${r.renderSeconds.toFixed(2)} s: script ${script.toFixed(2)} s, style ${style.toFixed(2)} s, layout ${layout.toFixed(2)} s, other ${(task - script - style - layout).toFixed(2)} s`);
  }
  for (const r of results) console.log(`  round ${r.round} lanes: counts ${r.badges.counts.map(format).join(' / ')}; ${r.badges.trimmed.join(' / ')}; backpressure ${r.badges.backpressure.join(' / ')}`);
}

function printSummary(results: RoundResult[]): void {
  const longest = Math.max(...results.map((r) => r.longestTaskMs));
  const first = results[0]!.heap.afterGc;
  const last = results.at(-1)!.heap.afterGc;
  const growth = (last - first) / first;
  console.log('\nSummary against the targets');
  console.log(
    `  longest main-thread task: ${longest > 0 ? `${format(longest)} ms` : 'none reported (every task < 50 ms)'} — target ≤ ${LONG_TASK_TARGET_MS} ms: ${longest <= LONG_TASK_TARGET_MS ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  heap after GC, round 1 → round ${results.length}: ${mib(first)} → ${mib(last)} (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%) — flat within ${FLAT_HEAP_TOLERANCE * 100}%: ${Math.abs(growth) <= FLAT_HEAP_TOLERANCE ? 'met' : 'MISSED'}`,
  );
  console.log(`  records rendered per second (all lanes, produce start → last counter update): ${results.map((r) => format(r.ratePerSecond)).join(', ')}`);
}

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  const input = recordsFile(work, 'ui', RECORDS, RECORD_BYTES);
  // Build first (as the e2e global setup does), so the server starts within its deadline.
  await ensureBrokerBuild(root, console.log);
  await ensureRendererBuild(root, join(root, 'out/web'), console.log);
  const server = await startAppServer();
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: !HEADED,
    args: ['--enable-precise-memory-info'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, colorScheme: 'light' });
    // tsx names functions with an `__name` helper; the page has none, so give it a no-op one.
    await page.addInitScript('globalThis.__name = (target) => target;');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const app = new AppPage(page);
    await app.open(server.url);
    await app.goTo('Topics');
    const topics = new TopicsPage(page);
    const lanes = await lanesOnNewTopic(topics, TOPIC, PARTITIONS);
    for (let i = 1; i <= LANES; i++) await lanes.addLane({ groupId: `bench_${i}` });

    await page.evaluate(installProbe);
    const baseline = await measureHeap(page, cdp);
    console.log(
      `Chromium ${browser.version()} (${HEADED ? 'headed' : 'headless'}), ${LANES} lanes of 1 member on a ${PARTITIONS}-partition topic, ` +
        `${format(RECORDS)} × ${RECORD_BYTES}-byte records per round from kcat; load average before: ${loadavg().map((n) => n.toFixed(2)).join(' ')}`,
    );
    const results: RoundResult[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      if (CPU_PROFILE) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
      if (TRACE) await startTrace(browser, page);
      const result = await runRound(round, page, cdp, server, input);
      if (TRACE) await stopTrace(browser, round, work);
      if (CPU_PROFILE) reportProfile(round, (await cdp.send('Profiler.stop')).profile);
      results.push(result);
      console.log(`  round ${round} done: ${format(result.rendered)} records rendered in ${result.renderSeconds.toFixed(2)} s`);
    }
    console.log('');
    printTable(results, baseline);
    printSummary(results);
    console.log(`  load average after: ${loadavg().map((n) => n.toFixed(2)).join(' ')} (the machine's other work shares these cores)`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
