// BENCH_TRACE=1 for bench:ui: a Chrome trace of each round, saved beside the
// other bench output, and for every main-thread task over 50 ms what ran
// inside it (GC phases, script, parsing, layout), so a long task can be
// explained rather than guessed at.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';

const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.gc', 'blink.user_timing'];
const LONG_TASK_US = 50_000;

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string };
}

export async function startTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, { categories: CATEGORIES });
}

export async function stopTrace(browser: Browser, round: number, workDir: string): Promise<void> {
  const buffer = await browser.stopTracing();
  const file = join(workDir, `ui-round-${round}.trace.json`);
  writeFileSync(file, buffer);
  const parsed = JSON.parse(buffer.toString('utf8')) as TraceEvent[] | { traceEvents: TraceEvent[] };
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) {
    console.log(`  round ${round} trace (${file}): no renderer main thread found`);
    return;
  }
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined);
  const long = onMain.filter((e) => e.name === 'RunTask' && e.dur! > LONG_TASK_US);
  const gc = (name: string) => onMain.filter((e) => e.name === name).reduce((sum, e) => ({ count: sum.count + 1, ms: sum.ms + e.dur! / 1000 }), { count: 0, ms: 0 });
  const minor = gc('MinorGC');
  const major = gc('MajorGC');
  console.log(
    `  round ${round} trace (${file}): ${long.length} main-thread task(s) over ${LONG_TASK_US / 1000} ms; ` +
      `GC on the main thread: ${minor.count} minor (${minor.ms.toFixed(0)} ms), ${major.count} major (${major.ms.toFixed(0)} ms, the last one forced by the heap measurement)`,
  );
  for (const task of long) {
    const end = task.ts + task.dur!;
    const inside = new Map<string, number>();
    for (const e of onMain) {
      if (e === task || e.ts < task.ts || e.ts + e.dur! > end) continue;
      inside.set(e.name, (inside.get(e.name) ?? 0) + e.dur! / 1000);
    }
    const top = [...inside].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(`    ${(task.dur! / 1000).toFixed(0)} ms task: ${top.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(', ')} (ms; nested events overlap)`);
  }
}
