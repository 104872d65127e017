// Every version of every admin API, over the wire with hand-built requests:
// the clients in the other suites each pick one version, and the rest of each
// advertised range must work too (Java and newer clients use the top ones).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeResponseFrame, encodeRequestFrame, ErrorCode, type RequestByApiKey } from '../../../src/broker/protocol/index.js';
import { kafkaFor, startTestBroker, type TestBroker } from './helpers.js';
import { RawClient } from './raw-client.js';

const NO_TOPIC_ID = Buffer.alloc(16);
const TOPIC = 2;
const BROKER = 4;
const DYNAMIC_TOPIC_CONFIG = 1;
const SET = 0;
const DELETE = 1;
const APPEND = 2;
const SUBTRACT = 3;

let broker: TestBroker;
let client: RawClient;
let correlationId = 0;

beforeAll(async () => {
  broker = await startTestBroker({ config: { 'num.partitions': '3', 'auto.create.topics.enable': 'false' } });
  client = await RawClient.connect(broker.port);
});

afterAll(async () => {
  client?.close();
  await broker?.stop();
});

async function call<K extends keyof RequestByApiKey>(apiKey: K, version: number, body: RequestByApiKey[K]) {
  client.send(Buffer.concat(encodeRequestFrame(apiKey, version, ++correlationId, 'admin-versions', body)));
  const { correlationId: answered, body: response } = decodeResponseFrame(apiKey, version, await client.nextResponse());
  expect(answered).toBe(correlationId);
  return response;
}

function createTopic(version: number, name: string, extra: Partial<RequestByApiKey[19]['topics'][number]> = {}) {
  return call(19, version, {
    topics: [{ name, numPartitions: 2, replicationFactor: 1, assignments: [], configs: [{ name: 'retention.ms', value: '5000' }], ...extra }],
    timeoutMs: 5000,
  });
}

async function partitionCountOf(name: string): Promise<number | undefined> {
  const response = await call(3, 1, { topics: [{ name }] });
  const topic = response.topics[0]!;
  return topic.errorCode === ErrorCode.NONE ? topic.partitions.length : undefined;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('CreateTopics v2-v7', () => {
  it.each(range(2, 7))('v%i creates a topic and reports what it created', async (version) => {
    const [result] = (await createTopic(version, `ct-v${version}`)).topics;
    expect(result).toMatchObject({ name: `ct-v${version}`, errorCode: ErrorCode.NONE, errorMessage: null });
    expect(await partitionCountOf(`ct-v${version}`)).toBe(2);
    if (version >= 5) {
      expect(result!.numPartitions).toBe(2);
      expect(result!.replicationFactor).toBe(1);
      expect(result!.configs?.find((c) => c.name === 'retention.ms')).toMatchObject({ value: '5000', configSource: DYNAMIC_TOPIC_CONFIG, readOnly: false });
    }
    if (version >= 7) {
      const metadata = await call(3, 10, { topics: [{ name: `ct-v${version}`, topicId: NO_TOPIC_ID }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
      expect(result!.topicId.equals(NO_TOPIC_ID)).toBe(false);
      expect(result!.topicId.equals(metadata.topics[0]!.topicId)).toBe(true);
    }
  });

  it.each(range(2, 7))('v%i explains each refusal', async (version) => {
    const refused = async (name: string, extra: Partial<RequestByApiKey[19]['topics'][number]>) => (await createTopic(version, name, extra)).topics[0]!;
    expect(await refused(`ct-v${version}`, {})).toMatchObject({ errorCode: ErrorCode.TOPIC_ALREADY_EXISTS });
    expect(await refused('a/b', {})).toMatchObject({ errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION });
    await createTopic(version, `ct.dot${version}`);
    const collision = await refused(`ct_dot${version}`, {});
    expect(collision).toMatchObject({ errorCode: ErrorCode.INVALID_TOPIC_EXCEPTION });
    expect(collision.errorMessage).toContain(`collides with existing topic ct.dot${version}`);
    expect(await refused('ct-zero', { numPartitions: 0 })).toMatchObject({ errorCode: ErrorCode.INVALID_PARTITIONS });
    const tooMany = await refused('ct-huge', { numPartitions: 10_001 });
    expect(tooMany).toMatchObject({ errorCode: ErrorCode.INVALID_PARTITIONS });
    expect(tooMany.errorMessage).toContain('at most 10000 partitions per topic');
    expect(await refused('ct-rf2', { replicationFactor: 2 })).toMatchObject({ errorCode: ErrorCode.INVALID_REPLICATION_FACTOR });
    expect(await refused('ct-config', { configs: [{ name: 'retention.ms', value: 'forever' }] })).toMatchObject({ errorCode: ErrorCode.INVALID_CONFIG });
    const unknownConfig = await refused('ct-config', { configs: [{ name: 'retention.forever', value: '1' }] });
    expect(unknownConfig).toMatchObject({ errorCode: ErrorCode.INVALID_CONFIG, errorMessage: 'Unknown topic config name: retention.forever.' });
    if (version >= 5) expect(unknownConfig).toMatchObject({ numPartitions: -1, replicationFactor: -1 });
  });

  it('takes -1 for the broker defaults and validates without creating', async () => {
    const [result] = (await call(19, 4, {
      topics: [{ name: 'ct-defaults', numPartitions: -1, replicationFactor: -1, assignments: [], configs: [] }],
      timeoutMs: 5000,
      validateOnly: true,
    })).topics;
    expect(result!.errorCode).toBe(ErrorCode.NONE);
    expect(await partitionCountOf('ct-defaults')).toBeUndefined();
    await createTopic(4, 'ct-defaults', { numPartitions: -1, replicationFactor: -1, configs: [] });
    expect(await partitionCountOf('ct-defaults')).toBe(3);
  });

  it('accepts a manual assignment onto this broker only', async () => {
    const assignments = [{ partitionIndex: 1, brokerIds: [1] }, { partitionIndex: 0, brokerIds: [1] }];
    const ok = await createTopic(7, 'ct-assigned', { numPartitions: -1, replicationFactor: -1, assignments });
    expect(ok.topics[0]).toMatchObject({ errorCode: ErrorCode.NONE, numPartitions: 2 });
    const elsewhere = await createTopic(7, 'ct-elsewhere', { numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 0, brokerIds: [2] }] });
    expect(elsewhere.topics[0]).toMatchObject({ errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT });
    const gap = await createTopic(7, 'ct-gap', { numPartitions: -1, replicationFactor: -1, assignments: [{ partitionIndex: 1, brokerIds: [1] }] });
    expect(gap.topics[0]).toMatchObject({ errorCode: ErrorCode.INVALID_REPLICA_ASSIGNMENT });
  });

  it('reports a name given twice once, as INVALID_REQUEST', async () => {
    const topic = { name: 'ct-dup', numPartitions: 1, replicationFactor: 1, assignments: [], configs: [] };
    const response = await call(19, 5, { topics: [topic, topic], timeoutMs: 5000 });
    expect(response.topics).toHaveLength(1);
    expect(response.topics[0]).toMatchObject({ name: 'ct-dup', errorCode: ErrorCode.INVALID_REQUEST });
  });
});

describe('CreatePartitions v0-v3', () => {
  it.each(range(0, 3))('v%i grows, and says why it will not shrink', async (version) => {
    const name = `cp-v${version}`;
    await createTopic(7, name);
    const grow = await call(37, version, { topics: [{ name, count: 4, assignments: null }], timeoutMs: 5000, validateOnly: false });
    expect(grow.results).toEqual([expect.objectContaining({ name, errorCode: ErrorCode.NONE, errorMessage: null })]);
    expect(await partitionCountOf(name)).toBe(4);
    const shrink = await call(37, version, { topics: [{ name, count: 3, assignments: null }], timeoutMs: 5000, validateOnly: false });
    expect(shrink.results[0]).toMatchObject({
      errorCode: ErrorCode.INVALID_PARTITIONS,
      errorMessage: 'Topic currently has 4 partitions, which is higher than the requested 3. Partitions can only grow.',
    });
    const validateOnly = await call(37, version, { topics: [{ name, count: 6, assignments: [{ brokerIds: [1] }, { brokerIds: [1] }] }], timeoutMs: 5000, validateOnly: true });
    expect(validateOnly.results[0]!.errorCode).toBe(ErrorCode.NONE);
    expect(await partitionCountOf(name)).toBe(4);
    const badAssignment = await call(37, version, { topics: [{ name, count: 5, assignments: [{ brokerIds: [7] }] }], timeoutMs: 5000, validateOnly: false });
    expect(badAssignment.results[0]!.errorCode).toBe(ErrorCode.INVALID_REPLICA_ASSIGNMENT);
    const missing = await call(37, version, { topics: [{ name: 'cp-missing', count: 5, assignments: null }], timeoutMs: 5000, validateOnly: false });
    expect(missing.results[0]!.errorCode).toBe(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
  });
});

describe('DescribeConfigs v1-v4', () => {
  it.each(range(1, 4))('v%i describes a topic, with synonyms and documentation when asked', async (version) => {
    await createTopic(7, `dc-v${version}`);
    const response = await call(32, version, {
      resources: [{ resourceType: TOPIC, resourceName: `dc-v${version}`, configurationKeys: ['retention.ms', 'compression.type'] }],
      includeSynonyms: true,
      includeDocumentation: version >= 3,
    });
    const [result] = response.results;
    expect(result).toMatchObject({ errorCode: ErrorCode.NONE, resourceType: TOPIC, resourceName: `dc-v${version}` });
    expect(result!.configs.map((c) => c.name)).toEqual(['compression.type', 'retention.ms']);
    const retention = result!.configs.find((c) => c.name === 'retention.ms')!;
    expect(retention).toMatchObject({ value: '5000', readOnly: false, configSource: DYNAMIC_TOPIC_CONFIG, isSensitive: false });
    expect(retention.synonyms.map((s) => s.name)).toEqual(['retention.ms', 'log.retention.hours']);
    if (version >= 3) {
      expect(retention.configType).toBe(5);
      expect(result!.configs.find((c) => c.name === 'compression.type')!.documentation).toContain('Only producer is honoured');
    }
  });

  it('answers per resource: unknown topic, other broker ids, unsupported types', async () => {
    const response = await call(32, 4, {
      resources: [
        { resourceType: TOPIC, resourceName: 'dc-missing', configurationKeys: null },
        { resourceType: BROKER, resourceName: '1', configurationKeys: ['num.partitions'] },
        { resourceType: BROKER, resourceName: '2', configurationKeys: null },
        { resourceType: BROKER, resourceName: '', configurationKeys: null },
        { resourceType: 8, resourceName: '1', configurationKeys: null },
        { resourceType: 16, resourceName: 'x', configurationKeys: null },
      ],
      includeSynonyms: false,
      includeDocumentation: false,
    });
    expect(response.results.map((r) => r.errorCode)).toEqual([
      ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.NONE, ErrorCode.INVALID_REQUEST, ErrorCode.NONE, ErrorCode.NONE, ErrorCode.INVALID_REQUEST,
    ]);
    expect(response.results[1]!.configs).toEqual([expect.objectContaining({ name: 'num.partitions', value: '3', readOnly: true, synonyms: [] })]);
    expect(response.results[3]!.configs).toEqual([]);
  });
});

describe('AlterConfigs v0-v2 and IncrementalAlterConfigs v0-v1', () => {
  async function overrides(name: string): Promise<Record<string, string | null>> {
    const response = await call(32, 1, { resources: [{ resourceType: TOPIC, resourceName: name, configurationKeys: null }], includeSynonyms: false });
    return Object.fromEntries(response.results[0]!.configs.filter((c) => c.configSource === DYNAMIC_TOPIC_CONFIG).map((c) => [c.name, c.value]));
  }

  it.each(range(0, 2))('AlterConfigs v%i replaces the overrides', async (version) => {
    const name = `ac-v${version}`;
    await createTopic(7, name);
    const response = await call(33, version, { resources: [{ resourceType: TOPIC, resourceName: name, configs: [{ name: 'segment.ms', value: '60000' }] }], validateOnly: false });
    expect(response.responses).toEqual([expect.objectContaining({ errorCode: ErrorCode.NONE, errorMessage: null, resourceType: TOPIC, resourceName: name })]);
    expect(await overrides(name)).toEqual({ 'segment.ms': '60000' });
    const refused = await call(33, version, { resources: [{ resourceType: BROKER, resourceName: '1', configs: [{ name: 'num.partitions', value: '5' }] }], validateOnly: false });
    expect(refused.responses[0]).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST });
    expect(refused.responses[0]!.errorMessage).toContain('fixed at startup');
  });

  it.each(range(0, 1))('IncrementalAlterConfigs v%i sets, deletes, appends and subtracts', async (version) => {
    const name = `iac-v${version}`;
    await createTopic(7, name);
    const alter = (configs: { name: string; configOperation: number; value: string | null }[], validateOnly = false) =>
      call(44, version, { resources: [{ resourceType: TOPIC, resourceName: name, configs }], validateOnly });
    expect((await alter([{ name: 'segment.bytes', configOperation: SET, value: '1048576' }, { name: 'retention.ms', configOperation: DELETE, value: null }])).responses[0]!.errorCode).toBe(ErrorCode.NONE);
    expect(await overrides(name)).toEqual({ 'segment.bytes': '1048576' });
    await alter([{ name: 'cleanup.policy', configOperation: APPEND, value: 'compact' }]);
    expect((await overrides(name))['cleanup.policy']).toBe('delete,compact');
    await alter([{ name: 'cleanup.policy', configOperation: SUBTRACT, value: 'delete' }]);
    expect((await overrides(name))['cleanup.policy']).toBe('compact');
    await alter([{ name: 'segment.bytes', configOperation: SET, value: '2097152' }], true);
    expect((await overrides(name))['segment.bytes']).toBe('1048576');
    const notAList = await alter([{ name: 'segment.bytes', configOperation: APPEND, value: '1' }]);
    expect(notAList.responses[0]).toMatchObject({ errorCode: ErrorCode.INVALID_CONFIG });
    const badOperation = await alter([{ name: 'segment.bytes', configOperation: 7, value: '1' }]);
    expect(badOperation.responses[0]).toMatchObject({ errorCode: ErrorCode.INVALID_REQUEST });
  });
});

describe('DeleteTopics v1-v6', () => {
  it.each(range(1, 5))('v%i deletes by name', async (version) => {
    const name = `dt-v${version}`;
    await createTopic(7, name);
    const response = await call(20, version, { topicNames: [name, 'dt-missing'], timeoutMs: 5000 });
    expect(response.responses.map((r) => [r.name, r.errorCode])).toEqual([[name, ErrorCode.NONE], ['dt-missing', ErrorCode.UNKNOWN_TOPIC_OR_PARTITION]]);
    if (version >= 5) expect(response.responses[1]!.errorMessage).toBe('Topic dt-missing does not exist.');
    expect(await partitionCountOf(name)).toBeUndefined();
  });

  it('v6 deletes by name or by id', async () => {
    const byIdCreated = (await createTopic(7, 'dt-by-id')).topics[0]!;
    await createTopic(7, 'dt-by-name');
    const unknownId = Buffer.alloc(16, 7);
    const response = await call(20, 6, {
      topics: [{ name: null, topicId: byIdCreated.topicId }, { name: 'dt-by-name', topicId: NO_TOPIC_ID }, { name: null, topicId: unknownId }],
      timeoutMs: 5000,
    });
    expect(response.responses.map((r) => [r.name, r.errorCode])).toEqual([
      ['dt-by-id', ErrorCode.NONE], ['dt-by-name', ErrorCode.NONE], [null, ErrorCode.UNKNOWN_TOPIC_ID],
    ]);
    expect(response.responses[0]!.topicId.equals(byIdCreated.topicId)).toBe(true);
    expect(response.responses[2]!.topicId.equals(unknownId)).toBe(true);
  });
});

describe('DescribeCluster v0-v1', () => {
  it.each(range(0, 1))('v%i describes this broker as the whole cluster', async (version) => {
    const response = await call(60, version, { includeClusterAuthorizedOperations: true, endpointType: 1 });
    expect(response).toMatchObject({ errorCode: ErrorCode.NONE, clusterId: broker.clusterId, controllerId: 1 });
    expect(response.brokers).toEqual([expect.objectContaining({ brokerId: 1, host: '127.0.0.1', port: broker.port, rack: null })]);
    expect(response.clusterAuthorizedOperations).toBeGreaterThan(0);
    const notRequested = await call(60, version, { includeClusterAuthorizedOperations: false });
    expect(notRequested.clusterAuthorizedOperations).toBe(-2147483648);
  });

  it('v1 refuses to describe controllers', async () => {
    const response = await call(60, 1, { includeClusterAuthorizedOperations: false, endpointType: 2 });
    expect(response).toMatchObject({ errorCode: ErrorCode.MISMATCHED_ENDPOINT_TYPE, endpointType: 2, brokers: [] });
  });
});

describe('DescribeLogDirs v1-v4', () => {
  beforeAll(async () => {
    await createTopic(7, 'ld-data');
    const producer = kafkaFor(broker).producer();
    await producer.connect();
    await producer.send({ topic: 'ld-data', messages: [{ value: 'x'.repeat(1000), partition: 1 }] });
    await producer.disconnect();
  });

  it.each(range(1, 4))('v%i reports the data directory and partition sizes', async (version) => {
    const response = await call(35, version, { topics: [{ topic: 'ld-data', partitions: [0, 1, 9] }, { topic: 'ld-missing', partitions: [0] }] });
    const [dir] = response.results;
    expect(dir).toMatchObject({ errorCode: ErrorCode.NONE, logDir: broker.dataDir });
    expect(dir!.topics).toHaveLength(1);
    const sizes = new Map(dir!.topics[0]!.partitions.map((p) => [p.partitionIndex, p]));
    expect([...sizes.keys()].sort()).toEqual([0, 1]);
    expect(sizes.get(0)!.partitionSize).toBe(0n);
    expect(sizes.get(1)!.partitionSize).toBeGreaterThan(1000n);
    expect(sizes.get(1)).toMatchObject({ offsetLag: 0n, isFutureKey: false });
    if (version >= 4) {
      expect(dir!.totalBytes).toBeGreaterThan(0n);
      expect(dir!.usableBytes).toBeGreaterThan(0n);
    }
    const all = await call(35, version, { topics: null });
    expect(all.results[0]!.topics.map((t) => t.name)).toContain('ld-data');
  });
});
