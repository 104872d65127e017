import { describe, expect, it } from 'vitest';
import { buildRecordBatch } from '../../../../src/broker/records/record-batch.js';
import type { LogManager } from '../../../../src/broker/storage/log-manager.js';
import { openProducerState } from '../../../../src/broker/storage/producer-state-recovery.js';
import { batchIdentity, PRODUCER_STATE_FILE, type ProducerStateTable } from '../../../../src/broker/storage/producer-state.js';
import { readBatchHeader } from '../../../../src/broker/records/record-batch.js';
import { DATA_DIR, harness, openLog, openManager, type Harness } from './storage-fixtures.js';

const SNAPSHOT_MS = 10_000;
const PID = 42n;
const SNAPSHOT_PATH = `${DATA_DIR}/meta/${PRODUCER_STATE_FILE}`;
/** The fake clock's start: records this recent are not expired by the periodic check. */
const TIMESTAMP = 1_700_000_000_000;

function idempotentBatch(baseSequence: number, records = 2, producerEpoch = 0, producerId = PID): Buffer {
  const inputs = Array.from({ length: records }, (_, i) => ({ value: `s${baseSequence + i}`, timestamp: BigInt(TIMESTAMP + baseSequence + i) }));
  return buildRecordBatch(inputs, { producerId, producerEpoch, baseSequence });
}

/** What the Produce handler does for an accepted batch. */
function produce(logs: LogManager, table: ProducerStateTable, batch: Buffer, topic = 'events', partition = 0): bigint {
  const header = readBatchHeader(batch);
  const identity = header.producerId >= 0n ? batchIdentity(header) : undefined;
  if (identity) expect(table.check(topic, partition, identity).kind).toBe('append');
  const { baseOffset, lastOffset } = logs.partition(topic, partition)!.append(batch);
  if (identity) table.record(topic, partition, identity, baseOffset, lastOffset, Number(header.maxTimestamp));
  return baseOffset;
}

function openState(h: Harness, logs: LogManager): ProducerStateTable {
  return openProducerState({ dataDir: DATA_DIR, fs: h.fs, clock: h.clock, logger: h.logger, snapshotIntervalMs: SNAPSHOT_MS, logs });
}

/** The batch counts of every replay logged so far. */
function replayLines(h: Harness): unknown[] {
  return h.logger.lines.filter((line) => line.message.startsWith('rebuilt idempotent producer state')).map((line) => line.fields);
}

function snapshotFile(h: Harness): { version: number; logEndOffsets?: [string, number, string][] } {
  return JSON.parse(h.fs.readFile(SNAPSHOT_PATH).toString('utf8'));
}

describe('DiskPartitionLog.batchHeaders', () => {
  it('walks the headers from the batch holding an offset across segments, and from the log start below it', () => {
    const h = harness();
    const log = openLog(h, { segmentBytes: 200 });
    for (let i = 0; i < 6; i++) log.append(idempotentBatch(i * 2));
    expect(log.segmentCount()).toBeGreaterThan(2);
    const bases = (from: bigint) => [...log.batchHeaders(from)].map((header) => header.baseOffset);
    expect(bases(0n)).toEqual([0n, 2n, 4n, 6n, 8n, 10n]);
    expect(bases(5n)).toEqual([4n, 6n, 8n, 10n]);
    expect([...log.batchHeaders(5n)].map((header) => header.baseSequence)).toEqual([4, 6, 8, 10]);
    expect(bases(12n)).toEqual([]);
    log.advanceLogStart(7n);
    expect(bases(0n)).toEqual([6n, 8n, 10n]);
  });
});

describe('producer state recovery', () => {
  it('records every log end offset in the snapshot, so a clean restart reads no batch', () => {
    const h = harness();
    let logs = openManager(h);
    logs.createTopic('events', 2, {});
    let table = openState(h, logs);
    produce(logs, table, idempotentBatch(0));
    produce(logs, table, buildRecordBatch([{ value: 'plain' }]), 'events', 1);
    table.close();
    logs.close();
    expect(snapshotFile(h)).toMatchObject({ version: 2, logEndOffsets: [['events', 0, '2'], ['events', 1, '1']] });

    logs = openManager(h);
    table = openState(h, logs);
    expect(replayLines(h)).toEqual([]);
    expect(table.check('events', 0, batchIdentity(readBatchHeader(idempotentBatch(0))))).toMatchObject({ kind: 'duplicate', baseOffset: 0n });
  });

  it('after a crash, replays the batches appended since the last periodic snapshot', () => {
    const h = harness();
    let logs = openManager(h);
    logs.createTopic('events', 1, {});
    let table = openState(h, logs);
    produce(logs, table, idempotentBatch(0));
    h.clock.advance(SNAPSHOT_MS);
    expect(snapshotFile(h).logEndOffsets).toEqual([['events', 0, '2']]);
    // Appended after the snapshot, then the process dies: neither the table nor the logs are closed.
    produce(logs, table, idempotentBatch(2));
    produce(logs, table, buildRecordBatch([{ value: 'plain' }]));
    const lastBase = produce(logs, table, idempotentBatch(4, 3));
    expect(lastBase).toBe(5n);

    logs = openManager(h);
    table = openState(h, logs);
    expect(replayLines(h)).toEqual([{ batches: 3 }]);
    // The retry of the last batch is a duplicate at its original offset; the next sequence is in order.
    expect(table.check('events', 0, batchIdentity(readBatchHeader(idempotentBatch(4, 3))))).toEqual({ kind: 'duplicate', baseOffset: 5n, lastOffset: 7n, timestampMs: TIMESTAMP + 6 });
    expect(table.check('events', 0, batchIdentity(readBatchHeader(idempotentBatch(7))))).toEqual({ kind: 'append' });
    expect(table.check('events', 0, batchIdentity(readBatchHeader(idempotentBatch(8))))).toEqual({ kind: 'error', errorCode: 45 });
    expect(table.entry('events', 0, PID)?.batches.map((b) => b.firstOffset)).toEqual([0n, 2n, 5n]);
  });

  it('without any snapshot, replays each log from its start', () => {
    const h = harness();
    const logs = openManager(h);
    logs.createTopic('events', 1, {});
    for (let i = 0; i < 3; i++) logs.partition('events', 0)!.append(idempotentBatch(i * 2, 2, 3));
    const table = openState(h, logs);
    expect(table.entry('events', 0, PID)).toEqual({
      epoch: 3,
      batches: [0, 2, 4].map((seq) => ({ firstSeq: seq, lastSeq: seq + 1, firstOffset: BigInt(seq), lastOffset: BigInt(seq + 1), timestampMs: TIMESTAMP + 1 + seq })),
    });
  });

  it('snapshots when only the log ends moved, which keeps the replay after a crash short', () => {
    const h = harness();
    const logs = openManager(h);
    logs.createTopic('events', 1, {});
    openState(h, logs);
    h.clock.advance(SNAPSHOT_MS);
    expect(snapshotFile(h).logEndOffsets).toEqual([['events', 0, '0']]);
    logs.partition('events', 0)!.append(buildRecordBatch([{ value: 'a' }, { value: 'b' }]));
    h.clock.advance(SNAPSHOT_MS);
    expect(snapshotFile(h).logEndOffsets).toEqual([['events', 0, '2']]);
  });

  it('drops the state of topics deleted after the snapshot, and of batches a shortened log no longer holds', () => {
    const h = harness();
    let logs = openManager(h);
    logs.createTopic('events', 1, {});
    logs.createTopic('gone', 1, {});
    let table = openState(h, logs);
    produce(logs, table, idempotentBatch(0));
    produce(logs, table, idempotentBatch(2));
    produce(logs, table, idempotentBatch(0, 2, 0, 9n), 'gone');
    table.close();
    logs.deleteTopic('gone');
    logs.deleteTopic('events');
    logs.createTopic('events', 1, {});
    logs.partition('events', 0)!.append(buildRecordBatch([{ value: 'only' }]));
    logs.close();

    logs = openManager(h);
    table = openState(h, logs);
    expect(table.partitionsWithState()).toEqual([{ topic: 'events', partition: 0 }]);
    expect(table.entry('events', 0, PID)).toEqual({ epoch: 0, batches: [] });
    expect(table.entry('gone', 0, 9n)).toBeUndefined();
  });

  it('reads a version 1 snapshot, which has no log ends, and replays everything', () => {
    const h = harness();
    const logs = openManager(h);
    logs.createTopic('events', 1, {});
    logs.partition('events', 0)!.append(idempotentBatch(0));
    h.fs.mkdirp(`${DATA_DIR}/meta`);
    h.fs.writeFile(SNAPSHOT_PATH, Buffer.from(JSON.stringify({ version: 1, producers: [] })));
    const table = openState(h, logs);
    expect(table.check('events', 0, batchIdentity(readBatchHeader(idempotentBatch(0))))).toMatchObject({ kind: 'duplicate', baseOffset: 0n });
  });
});
