// Watching a lane through the contract in tests: every event kept in order,
// and waits with a deadline for the event a step needs.
import { expect } from 'vitest';
import type { Contract } from '../../../src/shared/contract/index.js';
import type { LaneEvent } from '../../../src/shared/contract/lanes.js';
import type { AppError } from '../../../src/shared/app-error.js';
import type { ContractClient } from '../../../src/shared/rpc/client.js';

export type LaneRecordEvent = Extract<LaneEvent, { type: 'records' }>;
export type Assignment = Extract<LaneEvent, { type: 'assignment' }>;

export interface LaneWatch {
  readonly events: LaneEvent[];
  ended: { error?: AppError } | null;
  /** Every record value received so far, as text. */
  values(): string[];
  records(): LaneRecordEvent['records'];
  of<T extends LaneEvent['type']>(type: T): Extract<LaneEvent, { type: T }>[];
  /** Resolves with the first event (from `from` on) matching, or fails after the deadline. */
  waitFor<T extends LaneEvent['type']>(type: T, match?: (event: Extract<LaneEvent, { type: T }>) => boolean, timeoutMs?: number, from?: number): Promise<Extract<LaneEvent, { type: T }>>;
  waitForValues(count: number, timeoutMs?: number): Promise<string[]>;
  stop(): void;
}

export function watchLane(client: ContractClient<Contract>, laneId: string): LaneWatch {
  const events: LaneEvent[] = [];
  const waiters = new Set<() => void>();
  const watch: LaneWatch = {
    events,
    ended: null,
    records: () => events.flatMap((e) => (e.type === 'records' ? e.records : [])),
    values: () => watch.records().map((r) => (r.value === null ? '<null>' : r.value.encoding === 'utf8' ? r.value.data : Buffer.from(r.value.data, 'base64').toString())),
    of: (type) => events.filter((e) => e.type === type) as never,
    waitFor(type, match = () => true, timeoutMs = 20_000, from = 0) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.slice(from).find((e) => e.type === type && match(e as never));
          if (found) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve(found as never);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching ${type} event within ${timeoutMs} ms; saw: ${summary(events)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async waitForValues(count, timeoutMs = 20_000) {
      await watch.waitFor('records', () => watch.records().length >= count, timeoutMs);
      return watch.values();
    },
    stop: () => unsubscribe(),
  };
  const unsubscribe = client.subscribe(
    'lanes.events',
    { laneId },
    (event) => {
      events.push(event);
      for (const waiter of [...waiters]) waiter();
    },
    (error) => {
      watch.ended = error ? { error } : {};
    },
  );
  return watch;
}

function summary(events: LaneEvent[]): string {
  return events
    .slice(-30)
    .map((e) => (e.type === 'records' ? `records(${e.records.length})` : e.type === 'state' ? `state(${e.state})` : e.type === 'error' ? `error(${e.code})` : e.type === 'assignment' ? `assignment(g${e.generationId} ${e.members.map((m) => `${m.member}:${m.partitions.join('/')}`).join(' ')})` : e.type))
    .join(', ');
}

/** Seq numbers start at 0 and have no gaps. */
export function expectContiguousSeq(events: LaneEvent[]): void {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i));
}

/** The number of times each value arrived more than once. */
export function duplicates(values: string[]): number {
  return values.length - new Set(values).size;
}
