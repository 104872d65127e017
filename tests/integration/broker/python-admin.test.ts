// The Python admin clients against the real broker: confluent-kafka 1.7.0
// (librdkafka 2.0.2: CreateTopics v4, DeleteTopics v1, CreatePartitions v0,
// DescribeConfigs v1, AlterConfigs v0) and kafka-python 2.0.2 (CreateTopics
// v3, DescribeConfigs v2, CreatePartitions v1, DeleteTopics v3). Each client
// runs a small script under ./python that prints its outcomes as JSON.
// librdkafka names errors its own way (TOPIC_EXCEPTION, UNKNOWN_TOPIC_OR_PART).
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOk } from '../support/run-process.js';
import { startTestBroker, type TestBroker } from './helpers.js';

// The Debian packages of both clients are installed for the system Python only.
const PYTHON = '/usr/bin/python3';
const scripts = resolve(import.meta.dirname, 'python');
// ConfigSource values as the Python clients print them.
const DYNAMIC_TOPIC_CONFIG = 1;
const STATIC_BROKER_CONFIG = 4;
const DEFAULT_CONFIG = 5;

let broker: TestBroker;

beforeAll(async () => {
  broker = await startTestBroker({ config: { 'num.partitions': '2', 'log.segment.bytes': '1048576', 'auto.create.topics.enable': 'false' } });
});

afterAll(async () => {
  await broker?.stop();
});

async function runScript<T>(script: string, prefix: string): Promise<T> {
  const stdout = await runOk(PYTHON, [resolve(scripts, script), broker.bootstrap, prefix], { timeoutMs: 30_000 });
  return JSON.parse(stdout) as T;
}

interface Outcome {
  ok: boolean;
  error?: string;
  message?: string;
}

interface ConfluentReport {
  create: Record<string, Outcome>;
  create_again: Record<string, Outcome>;
  validate_only: Record<string, Outcome>;
  describe_topic: Record<string, { value: string; source: number; is_default: boolean; read_only: boolean }>;
  describe_broker: Record<string, { value: string; source: number; read_only: boolean }>;
  alter: Record<string, Outcome>;
  after_alter: Record<string, { value: string; source: number }>;
  grow: Record<string, Outcome>;
  shrink: Record<string, Outcome>;
  partitions_after_grow: number;
  validate_only_created: boolean;
  delete: Record<string, Outcome>;
  exists_after_delete: boolean;
}

describe('confluent-kafka AdminClient (librdkafka 2.0.2)', () => {
  let report: ConfluentReport;
  const prefix = 'ck';

  beforeAll(async () => {
    report = await runScript<ConfluentReport>('confluent_admin.py', prefix);
  });

  it('creates topics and refuses bad ones with readable messages', () => {
    expect(report.create[`${prefix}-created`]).toEqual({ ok: true });
    expect(report.create[`${prefix}-bad name`]).toMatchObject({ ok: false, error: 'TOPIC_EXCEPTION' });
    expect(report.create[`${prefix}-bad name`]!.message).toContain('may only contain');
    expect(report.create[`${prefix}-three-replicas`]).toMatchObject({ ok: false, error: 'INVALID_REPLICATION_FACTOR' });
    expect(report.create[`${prefix}-three-replicas`]!.message).toContain('single broker');
    expect(report.create[`${prefix}-bad-config`]).toMatchObject({ ok: false, error: 'INVALID_CONFIG' });
    expect(report.create[`${prefix}-bad-config`]!.message).toContain('retention.ms');
    expect(report.create_again[`${prefix}-created`]).toMatchObject({ ok: false, error: 'TOPIC_ALREADY_EXISTS' });
  });

  it('validates without creating', () => {
    expect(report.validate_only[`${prefix}-validate-only`]).toEqual({ ok: true });
    expect(report.validate_only_created).toBe(false);
  });

  it('describes topic and broker configs', () => {
    expect(report.describe_topic['retention.ms']).toMatchObject({ value: '3600000', source: DYNAMIC_TOPIC_CONFIG, is_default: false, read_only: false });
    expect(report.describe_topic['cleanup.policy']).toMatchObject({ value: 'compact', source: DYNAMIC_TOPIC_CONFIG });
    expect(report.describe_topic['segment.bytes']).toMatchObject({ value: '1048576', source: STATIC_BROKER_CONFIG });
    expect(report.describe_broker['num.partitions']).toMatchObject({ value: '2', source: STATIC_BROKER_CONFIG, read_only: true });
    expect(report.describe_broker['log.segment.bytes']).toMatchObject({ value: '1048576', source: STATIC_BROKER_CONFIG });
  });

  it('replaces topic configs with alter_configs', () => {
    expect(report.alter).toEqual({ [`ConfigResource(Type.TOPIC,${prefix}-created)`]: { ok: true } });
    expect(report.after_alter['retention.ms']).toMatchObject({ value: '1000', source: DYNAMIC_TOPIC_CONFIG });
    // AlterConfigs replaces the whole set, so the compact override is gone.
    expect(report.after_alter['cleanup.policy']).toMatchObject({ value: 'delete', source: DEFAULT_CONFIG });
  });

  it('grows partitions and refuses to shrink them, saying why', () => {
    expect(report.grow[`${prefix}-created`]).toEqual({ ok: true });
    expect(report.partitions_after_grow).toBe(4);
    expect(report.shrink[`${prefix}-created`]).toMatchObject({ ok: false, error: 'INVALID_PARTITIONS' });
    expect(report.shrink[`${prefix}-created`]!.message).toContain('Topic currently has 4 partitions, which is higher than the requested 3. Partitions can only grow.');
  });

  it('deletes topics and reports unknown ones', () => {
    expect(report.delete[`${prefix}-created`]).toEqual({ ok: true });
    expect(report.delete[`${prefix}-never-existed`]).toMatchObject({ ok: false, error: 'UNKNOWN_TOPIC_OR_PART' });
    expect(report.exists_after_delete).toBe(false);
  });
});

interface KafkaPythonReport {
  create: [string, number, string | null][];
  create_again: Outcome;
  create_bad_name: Outcome;
  describe_topic: { error_code: number; 'max.message.bytes': [string, number]; 'retention.ms': [string, number] };
  describe_filtered: string[];
  describe_missing_error_code: number;
  grow: { ok: boolean; value: [string, number, string | null][] };
  delete: { ok: boolean; value: [string, number][] };
}

describe('kafka-python 2.0.2 KafkaAdminClient', () => {
  let report: KafkaPythonReport;
  const prefix = 'kp';

  beforeAll(async () => {
    report = await runScript<KafkaPythonReport>('kafka_python_admin.py', prefix);
  });

  it('creates topics and surfaces errors', () => {
    expect(report.create).toEqual([[`${prefix}-created`, 0, null]]);
    expect(report.create_again).toEqual({ ok: false, error: 'TopicAlreadyExistsError' });
    expect(report.create_bad_name).toEqual({ ok: false, error: 'InvalidTopicError' });
  });

  it('describes configs, filtered and unfiltered', () => {
    expect(report.describe_topic.error_code).toBe(0);
    expect(report.describe_topic['max.message.bytes']).toEqual(['2048', DYNAMIC_TOPIC_CONFIG]);
    expect(report.describe_topic['retention.ms']).toEqual(['604800000', DEFAULT_CONFIG]);
    expect(report.describe_filtered).toEqual(['segment.bytes']);
    expect(report.describe_missing_error_code).toBe(3);
  });

  it('grows partitions and deletes the topic', () => {
    expect(report.grow).toEqual({ ok: true, value: [[`${prefix}-created`, 0, null]] });
    expect(report.delete).toEqual({ ok: true, value: [[`${prefix}-created`, 0]] });
  });
});
