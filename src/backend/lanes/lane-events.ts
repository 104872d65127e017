// A lane's subscribers: each subscription numbers its own events (seq from 0),
// so a client sees gaps as bugs, not as other subscribers' events. Also the
// conversion of consumed records to the contract's shape.
import type { LaneEvent } from '../../shared/contract/lanes.js';
import type { StreamSink } from '../../shared/rpc/dispatcher.js';
import type { ConsumedMessage } from '../kafka/lane-client.js';
import { consumedRecord } from '../records/payload.js';

type Unsequenced<E> = E extends unknown ? Omit<E, 'seq'> : never;
export type LaneEventBody = Unsequenced<LaneEvent>;
export type LaneRecord = Extract<LaneEvent, { type: 'records' }>['records'][number];

/** A subscriber's transport is backed up beyond this many bytes: hold its records and pause. */
export const BACKLOG_LIMIT_BYTES = 4 * 1024 * 1024;

export class LaneSubscriber {
  private seq = 0;

  constructor(private readonly sink: StreamSink<LaneEvent>) {}

  emit(event: LaneEventBody): void {
    this.sink.emit({ ...event, seq: this.seq++ } as LaneEvent);
  }

  /** Whether the transport holds more than the limit, as far as it can tell. */
  congested(): boolean {
    return (this.sink.backlog?.() ?? 0) > BACKLOG_LIMIT_BYTES;
  }

  end(): void {
    this.sink.end();
  }
}

export function laneRecord(member: string, message: ConsumedMessage): LaneRecord {
  return { member, ...consumedRecord(message.partition, message) };
}

/** Roughly what a record costs in memory: its text plus a fixed overhead per object. */
export function recordSize(record: LaneRecord): number {
  let size = 200 + (record.key?.data.length ?? 0) + (record.value?.data.length ?? 0);
  for (const h of record.headers) size += 64 + h.key.length + (h.value?.data.length ?? 0);
  return size;
}
