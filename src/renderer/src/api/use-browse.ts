// Browsing a topic without a group: the browse.read stream folded into state
// once per animation frame, and browse.value for a truncated key or value.
import { useQuery } from '@tanstack/react-query';
import type { BrowseEvent } from '../../../shared/contract/browse';
import type { ConsumedRecord } from '../../../shared/contract/common';
import type { StreamParams } from '../../../shared/contract/define';
import type { Contract } from '../../../shared/contract/index';
import { useApiClient } from './client';
import { browseKeys } from './query-keys';
import { useStream, type FrameScheduler } from './use-stream';

export type BrowseRequest = StreamParams<Contract, 'browse.read'>;

export interface PartitionProgress {
  partition: number;
  start: string;
  position: string;
  end: string;
}

export interface BrowseState {
  records: ConsumedRecord[];
  progress: PartitionProgress[];
  done: Extract<BrowseEvent, { type: 'done' }> | null;
}

export const initialBrowseState: BrowseState = { records: [], progress: [], done: null };

/** Folds one frame's events: records append (the backend already merged them by timestamp), the latest progress wins. */
export function reduceBrowse(state: BrowseState, events: BrowseEvent[]): BrowseState {
  let records: ConsumedRecord[] | null = null;
  let { progress, done } = state;
  for (const event of events) {
    if (event.type === 'records') (records ??= state.records.slice()).push(...event.records);
    else if (event.type === 'progress') progress = event.partitions;
    else done = event;
  }
  return { records: records ?? state.records, progress, done };
}

/** Null request: not reading (never started, or cancelled — what was read stays). */
export function useBrowse(request: BrowseRequest | null, scheduler?: FrameScheduler) {
  return useStream('browse.read', { params: request, initial: initialBrowseState, reduce: reduceBrowse, scheduler });
}

export interface FullValueTarget {
  connectionId: string;
  topic: string;
  partition: number;
  offset: string;
  part: 'key' | 'value';
}

/** The whole key or value of one record, fetched only once `enabled` (the user asked for it). */
export function useFullValue(target: FullValueTarget, enabled: boolean) {
  const client = useApiClient();
  return useQuery({
    queryKey: browseKeys.value(target.connectionId, target.topic, target.partition, target.offset, target.part),
    queryFn: () => client.call('browse.value', target),
    enabled,
    staleTime: Infinity,
  });
}
