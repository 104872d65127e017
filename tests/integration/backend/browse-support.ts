// Collecting a browse.read stream in tests: every event, until it ends.
import type { AppError } from '../../../src/shared/app-error.js';
import type { BrowseEvent } from '../../../src/shared/contract/browse.js';
import type { ConsumedRecord } from '../../../src/shared/contract/common.js';
import type { StreamParams } from '../../../src/shared/contract/define.js';
import type { Contract } from '../../../src/shared/contract/index.js';
import type { ClusterHarness } from './helpers.js';

export interface BrowseOutcome {
  events: BrowseEvent[];
  records: ConsumedRecord[];
  /** How many `records` events carried them. */
  batches: number;
  done: Extract<BrowseEvent, { type: 'done' }> | undefined;
  lastProgress: Extract<BrowseEvent, { type: 'progress' }> | undefined;
  error: AppError | undefined;
}

export function outcomeOf(events: BrowseEvent[], error?: AppError): BrowseOutcome {
  const batches = events.filter((e) => e.type === 'records');
  return {
    events,
    records: batches.flatMap((e) => e.records),
    batches: batches.length,
    done: events.find((e) => e.type === 'done'),
    lastProgress: events.filter((e) => e.type === 'progress').at(-1),
    error,
  };
}

export function browseAll(h: ClusterHarness, params: Omit<StreamParams<Contract, 'browse.read'>, 'connectionId'>, timeoutMs = 20_000): Promise<BrowseOutcome> {
  return new Promise((resolve, reject) => {
    const events: BrowseEvent[] = [];
    const timer = setTimeout(() => reject(new Error(`browse did not end; ${events.length} events so far`)), timeoutMs);
    h.client.subscribe(
      'browse.read',
      { connectionId: h.connectionId, ...params },
      (event) => events.push(event),
      (error) => {
        clearTimeout(timer);
        resolve(outcomeOf(events, error));
      },
    );
  });
}

export const valuesOf = (records: ConsumedRecord[]) => records.map((r) => r.value?.data);
