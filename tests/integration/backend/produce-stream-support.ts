// Following a produce.sendStream in tests: every event, a promise for its
// end, and a wait for the first progress event that reaches a count.
import type { AppError } from '../../../src/shared/app-error.js';
import type { ProduceEvent } from '../../../src/shared/contract/produce.js';
import type { ClusterHarness } from './helpers.js';

export type Progress = Extract<ProduceEvent, { type: 'progress' }>;

export interface Subscription {
  events: ProduceEvent[];
  progress: () => Progress[];
  /** Resolves with the end's error (undefined for a normal end). */
  ended: Promise<AppError | undefined>;
  /** Resolves once a progress event reports at least `sent` records. */
  reached: (sent: number) => Promise<Progress>;
  unsubscribe: () => void;
}

export function subscribe(h: ClusterHarness, params: Record<string, unknown>): Subscription {
  const events: ProduceEvent[] = [];
  const waiters: { sent: number; resolve: (p: Progress) => void }[] = [];
  let finish: (error: AppError | undefined) => void = () => undefined;
  const ended = new Promise<AppError | undefined>((resolve) => (finish = resolve));
  const unsubscribe = h.client.subscribe(
    'produce.sendStream',
    { connectionId: h.connectionId, value: { data: 'v{{i}}' }, ...params } as never,
    (event) => {
      events.push(event);
      if (event.type !== 'progress') return;
      for (const waiter of waiters.filter((w) => event.sent >= w.sent)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    },
    (error) => finish(error),
  );
  const progress = () => events.filter((e): e is Progress => e.type === 'progress');
  const reached = (sent: number) => {
    const already = progress().find((p) => p.sent >= sent);
    return already ? Promise.resolve(already) : new Promise<Progress>((resolve) => waiters.push({ sent, resolve }));
  };
  return { events, progress, ended, reached, unsubscribe };
}

export const messageCount = async (h: ClusterHarness, topic: string) => Number((await h.client.call('topics.describe', { connectionId: h.connectionId, topic })).messageCount);
