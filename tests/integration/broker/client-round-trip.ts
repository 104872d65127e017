// Shared pieces of the cross-client round-trip tests: sample messages with the
// awkward cases (binary keys, values and header values that are not UTF-8,
// null and empty values, duplicate header keys), the Python producer and
// consumer scripts under ./python, and the byte-exact comparison. Bytes cross
// the process boundary as hex so nothing is lost to a text encoding.
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { decodeResponseFrame, encodeRequestFrame } from '../../../src/broker/protocol/index.js';
import { batchCompression, iterateBatches } from '../../../src/broker/records/record-batch.js';
import { runOk } from '../support/run-process.js';
import { RawClient } from './raw-client.js';

// The Debian packages of both Python clients are installed for the system Python only.
const PYTHON = '/usr/bin/python3';
const scripts = resolve(import.meta.dirname, 'python');

export type PythonClient = 'confluent' | 'kafka_python';

export interface SampleMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers: [string, Buffer | null][];
  partition?: number;
  timestamp?: number;
}

export interface Delivery {
  partition: number;
  offset: number;
  timestamp: number;
  error?: string | null;
}

/** A consumed record as the scripts print it: bytes as hex, null kept. */
export interface HexRecord {
  partition: number;
  offset: number;
  key: string | null;
  value: string | null;
  headers: [string, string | null][];
  timestamp: number;
  timestamp_type: string;
}

export const hex = (bytes: Buffer | null): string | null => (bytes === null ? null : bytes.toString('hex'));

/**
 * Messages keyed by six keys (half of them not UTF-8), with values that are
 * not UTF-8, one null and one empty value, and headers that repeat a key and
 * carry binary and empty values. `seq` identifies each message for clients
 * that report no per-message delivery. kafka-python 2.0.2 refuses null
 * header values, so they are opt-in.
 */
export function sampleMessages(count: number, options: { nullHeaderValue?: boolean; timestamps?: 'some' | 'all' } = {}): SampleMessage[] {
  return Array.from({ length: count }, (_, i) => {
    const k = i % 6;
    const key = k % 2 === 0 ? Buffer.from(`key-${k}-ключ`) : Buffer.from([0xff, 0xfe, 0x00, 0x80, k]);
    // Repetitive enough that every codec shrinks the batch; clients send
    // batches that would not shrink uncompressed.
    const value = i === 3 ? null : i === 4 ? Buffer.alloc(0) : Buffer.concat([Buffer.from([0xff, 0x00, 0xc3, 0x28, i]), Buffer.from(`välue ${i} `.repeat(6 + (i % 5)))]);
    const headers: [string, Buffer | null][] = [
      ['seq', Buffer.from(String(i))],
      ['bin', Buffer.from([0x00, 0xff, 0xc3, 0x28, i])],
      ['dup', Buffer.from('first')],
      ['dup', Buffer.from('second')],
      ['ünï-kéy', Buffer.from('värde ✓')],
      ['empty', Buffer.alloc(0)],
    ];
    if (options.nullHeaderValue) headers.push(['null', null]);
    const explicit = options.timestamps === 'all' || (options.timestamps === 'some' && i % 3 === 0);
    return { key, value, headers, ...(explicit ? { timestamp: 1_600_000_000_000 + i * 1000 } : {}) };
  });
}

/** The produce spec the *_produce.py scripts read from stdin. */
function produceSpec(topic: string, compression: string, messages: SampleMessage[]): string {
  return JSON.stringify({
    topic,
    compression,
    messages: messages.map((m) => ({
      key: hex(m.key),
      value: hex(m.value),
      headers: m.headers.map(([name, value]) => [name, hex(value)]),
      ...(m.partition === undefined ? {} : { partition: m.partition }),
      ...(m.timestamp === undefined ? {} : { timestamp: m.timestamp }),
    })),
  });
}

async function runPython<T>(script: string, args: string[], input?: string): Promise<T> {
  // Each script bounds its own client timeouts well below this.
  const stdout = await runOk(PYTHON, [resolve(scripts, script), ...args], { input, timeoutMs: 15_000 });
  return JSON.parse(stdout) as T;
}

/** Produces with a Python client and returns its delivery reports, in send order. */
export async function producePython(client: PythonClient, bootstrap: string, topic: string, compression: string, messages: SampleMessage[]): Promise<Delivery[]> {
  const report = await runPython<{ delivered: (Delivery | null)[]; undelivered?: number }>(`${client}_produce.py`, [bootstrap], produceSpec(topic, compression, messages));
  expect(report.undelivered ?? 0).toBe(0);
  expect(report.delivered.every((d) => d !== null && (d.error ?? null) === null)).toBe(true);
  return report.delivered as Delivery[];
}

/** Reads every partition of the topic from the beginning with a Python client (assign, no group). */
export async function consumePython(client: PythonClient, bootstrap: string, topic: string, partitions: number): Promise<HexRecord[]> {
  return (await runPython<{ records: HexRecord[] }>(`${client}_consume.py`, [bootstrap, topic, String(partitions)])).records;
}

/** offsets_for_times of every partition at each timestamp: {timestamp: {partition: answer}}. */
export function offsetsForTimesPython<T>(client: PythonClient, bootstrap: string, topic: string, partitions: number, timestamps: number[]): Promise<Record<string, Record<string, T>>> {
  return runPython(`${client}_offsets_for_times.py`, [bootstrap, topic, String(partitions), ...timestamps.map(String)]);
}

/** What a consumer must report for a message stored at `at`. */
export function expectedRecord(message: SampleMessage, at: { partition: number; offset: number; timestamp: number }): HexRecord {
  return {
    partition: at.partition,
    offset: at.offset,
    key: hex(message.key),
    value: hex(message.value),
    headers: message.headers.map(([name, value]) => [name, hex(value)]),
    timestamp: message.timestamp ?? at.timestamp,
    timestamp_type: 'create',
  };
}

const byPosition = (a: { partition: number; offset: number }, b: { partition: number; offset: number }) => a.partition - b.partition || a.offset - b.offset;

/**
 * The delivery reports are consistent (offsets 0..n-1 in every partition, one
 * partition per key, more than one partition used) and the consumed records
 * are exactly the sent messages at the reported positions.
 */
export function expectRoundTrip(messages: SampleMessage[], delivered: Delivery[], consumed: HexRecord[]): void {
  expect(delivered).toHaveLength(messages.length);
  const offsetsByPartition = new Map<number, number[]>();
  for (const d of delivered) offsetsByPartition.set(d.partition, [...(offsetsByPartition.get(d.partition) ?? []), d.offset]);
  for (const offsets of offsetsByPartition.values()) expect([...offsets].sort((a, b) => a - b)).toEqual(offsets.map((_, i) => i));
  expect(offsetsByPartition.size).toBeGreaterThan(1);
  const partitionsByKey = new Map<string | null, Set<number>>();
  messages.forEach((m, i) => partitionsByKey.set(hex(m.key), (partitionsByKey.get(hex(m.key)) ?? new Set()).add(delivered[i]!.partition)));
  for (const partitions of partitionsByKey.values()) expect(partitions.size).toBe(1);

  const expected = messages.map((m, i) => expectedRecord(m, delivered[i]!)).sort(byPosition);
  expect([...consumed].sort(byPosition)).toEqual(expected);
}

/**
 * The codec was really used: at least one stored batch has it, and any other
 * batch is uncompressed (clients skip compression when it would not shrink a
 * batch). A client that believes the broker lacks a codec silently sends
 * none instead, which this catches.
 */
export async function expectStoredWith(port: number, topic: string, partitions: number, codec: string): Promise<void> {
  const codecs = await storedCodecs(port, topic, partitions);
  expect(codecs.has(codec), `stored codecs of ${topic}: ${[...codecs].join(', ')}`).toBe(true);
  expect([...codecs].filter((c) => c !== codec && c !== 'none')).toEqual([]);
}

/** The codec of every batch stored for the topic, read with a Fetch v11 (which may carry zstd). */
export async function storedCodecs(port: number, topic: string, partitions: number): Promise<Set<string>> {
  const client = await RawClient.connect(port);
  try {
    const body = {
      replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 8 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1, rackId: '', forgottenTopicsData: [],
      topics: [{ topic, partitions: Array.from({ length: partitions }, (_, partition) => ({ partition, currentLeaderEpoch: -1, fetchOffset: 0n, logStartOffset: -1n, partitionMaxBytes: 1 << 20 })) }],
    };
    client.send(Buffer.concat(encodeRequestFrame(1, 11, 1, 'codec-check', body)));
    const answer = decodeResponseFrame(1, 11, await client.nextResponse()).body as { responses: { partitions: { errorCode: number; records: Buffer | null }[] }[] };
    const codecs = new Set<string>();
    for (const partition of answer.responses[0]!.partitions) {
      expect(partition.errorCode).toBe(0);
      for (const { header } of iterateBatches(partition.records ?? Buffer.alloc(0))) codecs.add(batchCompression(header));
    }
    return codecs;
  } finally {
    client.close();
  }
}
