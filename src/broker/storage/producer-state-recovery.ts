// Opens the idempotent-producer table and brings it up to date with the logs.
// Snapshots are periodic, so after a crash the one on disk can miss the last
// seconds of appends; a producer continuing its sequence would then be
// refused as out of order, and a retry of a missed batch stored twice. Like
// Kafka on an unclean start, the state is rebuilt from the log past the
// snapshot: each snapshot says how far every partition's log had got, and
// only the batch headers after that point are read (never the records, never
// decompressed). After a clean close the snapshot covers every log to its
// end, so nothing is read.

import type { Clock, Logger } from '../ports.js';
import type { Fs } from './fs.js';
import type { LogManager } from './log-manager.js';
import { batchIdentity, ProducerStateTable, type PartitionEnd } from './producer-state.js';

export interface OpenProducerStateOptions {
  dataDir: string;
  fs: Fs;
  clock: Clock;
  logger: Logger;
  snapshotIntervalMs?: number;
  logs: LogManager;
}

function* partitionEnds(logs: LogManager): Generator<PartitionEnd> {
  for (const topic of logs.topics()) {
    for (let partition = 0; partition < topic.partitionCount; partition++) {
      const log = logs.partition(topic.name, partition);
      if (log) yield { topic: topic.name, partition, logEndOffset: log.logEndOffset() };
    }
  }
}

export function openProducerState(options: OpenProducerStateOptions): ProducerStateTable {
  const { logs } = options;
  const table = ProducerStateTable.open({ ...options, logEndOffsets: () => partitionEnds(logs) });
  try {
    rebuildProducerState(table, logs, options.logger);
  } catch (error) {
    table.close();
    throw error;
  }
  return table;
}

/** Replays the batch headers each partition gained since the snapshot (once: replaying twice would record batches twice). */
function rebuildProducerState(table: ProducerStateTable, logs: LogManager, logger: Logger): void {
  for (const { topic, partition } of table.partitionsWithState()) {
    // A topic deleted after the snapshot was written.
    if (!logs.partition(topic, partition)) table.clearPartition(topic, partition);
  }
  let replayed = 0;
  for (const { topic, partition, logEndOffset } of partitionEnds(logs)) {
    const log = logs.partition(topic, partition)!;
    const snapshotEnd = table.snapshotLogEnd(topic, partition) ?? log.logStartOffset();
    if (snapshotEnd > logEndOffset) {
      // The log lost a tail the snapshot had seen (a torn write cut on recovery).
      table.truncateFrom(topic, partition, logEndOffset);
      continue;
    }
    for (const header of log.batchHeaders(snapshotEnd)) {
      replayed++;
      if (header.producerId < 0n) continue;
      const lastOffset = header.baseOffset + BigInt(header.lastOffsetDelta);
      table.record(topic, partition, batchIdentity(header), header.baseOffset, lastOffset, Number(header.maxTimestamp));
    }
  }
  if (replayed > 0) logger.info('rebuilt idempotent producer state from the log tail', { batches: replayed });
}
