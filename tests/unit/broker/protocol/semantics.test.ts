// Codec rules beyond plain round trips: version gating, ignorable fields,
// nullability, defaults, tagged fields and their unknown-tag preservation.
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../../../src/broker/protocol/byte-reader.js';
import { concatChunks } from '../../../../src/broker/protocol/byte-writer.js';
import { decodeMessage } from '../../../../src/broker/protocol/decode.js';
import type { MessageDescriptor } from '../../../../src/broker/protocol/descriptor.js';
import { encodeMessage } from '../../../../src/broker/protocol/encode.js';
import { EncodeError, MalformedFrameError, UnsupportedVersionError } from '../../../../src/broker/protocol/errors.js';
import {
  apiVersionsResponseDescriptor,
  deleteGroupsRequestDescriptor,
  describeTopicPartitionsRequestDescriptor,
  fetchRequestDescriptor,
  metadataRequestDescriptor,
  offsetCommitRequestDescriptor,
  produceRequestDescriptor,
  produceResponseDescriptor,
} from '../../../../src/broker/protocol/generated/index.js';

function hex<T>(d: MessageDescriptor<T>, version: number, value: T): string {
  return concatChunks(encodeMessage(d, version, value).finish()).toString('hex');
}

function decodeHex<T>(d: MessageDescriptor<T>, version: number, h: string) {
  return decodeMessage(d, version, new ByteReader(Buffer.from(h, 'hex')));
}

describe('classic vs compact encodings inside messages', () => {
  it('string arrays use int32 count + int16 strings before the first flexible version', () => {
    expect(hex(deleteGroupsRequestDescriptor, 1, { groupsNames: ['a', 'bc'] })).toBe('00000002' + '000161' + '00026263');
  });

  it('string arrays use uvarint count + compact strings and a tag block in flexible versions', () => {
    expect(hex(deleteGroupsRequestDescriptor, 2, { groupsNames: ['a', 'bc'] })).toBe('03' + '0261' + '036263' + '00');
  });

  it('nullable arrays encode null as -1 (classic) or 0 (compact)', () => {
    expect(hex(metadataRequestDescriptor, 1, { topics: null })).toBe('ffffffff');
    expect(hex(metadataRequestDescriptor, 9, { topics: null, allowAutoTopicCreation: true, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false })).toBe(
      '00' + '01' + '00' + '00' + '00',
    );
  });

  it('records use int32 length (classic) or uvarint length + 1 (compact)', () => {
    const records = Buffer.from([9, 9, 9]);
    const classic = hex(produceRequestDescriptor, 3, { transactionalId: null, acks: 1, timeoutMs: 5, topicData: [{ name: 't', partitionData: [{ index: 0, records }] }] });
    expect(classic).toBe('ffff' + '0001' + '00000005' + '00000001' + '000174' + '00000001' + '00000000' + '00000003090909');
    const compact = hex(produceRequestDescriptor, 9, { transactionalId: null, acks: 1, timeoutMs: 5, topicData: [{ name: 't', partitionData: [{ index: 0, records: null }] }] });
    expect(compact).toBe('00' + '0001' + '00000005' + '02' + '0274' + '02' + '00000000' + '00' + '00' + '00' + '00');
  });
});

describe('fields the chosen version lacks', () => {
  it('throws naming message, field and version for a non-default value', () => {
    const value = { transactionalId: 'tx', acks: 1, timeoutMs: 0, topicData: [] };
    expect(() => hex(produceRequestDescriptor, 2, value)).toThrow(EncodeError);
    expect(() => hex(produceRequestDescriptor, 2, value)).toThrow('ProduceRequest.transactionalId is not supported in v2');
  });

  it('names nested fields by message and field', () => {
    const value = {
      groupId: 'g',
      generationIdOrMemberEpoch: 1,
      memberId: 'm',
      retentionTimeMs: -1n,
      topics: [{ name: 't', partitions: [{ partitionIndex: 0, committedOffset: 1n, commitTimestamp: 5n, committedMetadata: null }] }],
    };
    expect(() => hex(offsetCommitRequestDescriptor, 2, value)).toThrow('OffsetCommitRequest.commitTimestamp is not supported in v2');
    value.topics[0].partitions[0].commitTimestamp = -1n;
    expect(() => hex(offsetCommitRequestDescriptor, 2, value)).not.toThrow();
  });

  it('accepts the default value', () => {
    expect(() => hex(produceRequestDescriptor, 2, { transactionalId: null, acks: 1, timeoutMs: 0, topicData: [] })).not.toThrow();
  });

  it('drops ignorable fields silently', () => {
    const partition = { index: 0, errorCode: 0, baseOffset: 7n, logAppendTimeMs: -1n, logStartOffset: 0n };
    const plain = hex(produceResponseDescriptor, 7, { responses: [{ name: 't', partitionResponses: [partition] }], throttleTimeMs: 0 });
    const withExtras = hex(produceResponseDescriptor, 7, {
      responses: [{ name: 't', partitionResponses: [{ ...partition, recordErrors: [{ batchIndex: 1, batchIndexErrorMessage: 'bad' }], errorMessage: 'boom' }] }],
      throttleTimeMs: 0,
    });
    expect(withExtras).toBe(plain);
    const v8 = hex(produceResponseDescriptor, 8, {
      responses: [{ name: 't', partitionResponses: [{ ...partition, recordErrors: [{ batchIndex: 1, batchIndexErrorMessage: 'bad' }], errorMessage: 'boom' }] }],
      throttleTimeMs: 0,
    });
    expect(v8.length).toBeGreaterThan(plain.length);
  });

  it('decodes them as their defaults', () => {
    const decoded = decodeHex(metadataRequestDescriptor, 0, '00000000');
    expect(decoded).toStrictEqual({ topics: [], allowAutoTopicCreation: true, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false });
    const fetch = decodeHex(fetchRequestDescriptor, 0, 'ffffffff' + '00000064' + '00000001' + '00000000');
    expect(fetch.clusterId).toBeNull();
    expect(fetch.maxBytes).toBe(0x7fffffff);
    expect(fetch.sessionEpoch).toBe(-1);
    expect(fetch.rackId).toBe('');
    expect(fetch.forgottenTopicsData).toEqual([]);
    expect(fetch.replicaState).toStrictEqual({ replicaId: -1, replicaEpoch: -1n });
  });
});

describe('out-of-range values', () => {
  it('throw EncodeError naming message, field and version', () => {
    expect(() => hex(produceRequestDescriptor, 3, { acks: 70000, timeoutMs: 0, topicData: [] })).toThrow('ProduceRequest.acks in v3: 70000 is not a valid int16');
    expect(() => hex(produceRequestDescriptor, 3, { acks: 1, timeoutMs: 1.5, topicData: [] })).toThrow(EncodeError);
    expect(() => hex(produceResponseDescriptor, 3, { responses: [{ name: 't', partitionResponses: [{ index: 0, errorCode: 0, baseOffset: 5 as never }] }] })).toThrow(
      'ProduceResponse.baseOffset in v3: 5 is not a valid int64',
    );
  });
});

describe('undefined fields', () => {
  it('encode as their defaults, and a null default becomes empty where null is not allowed', () => {
    expect(hex(metadataRequestDescriptor, 0, {} as never)).toBe('00000000');
    expect(hex(metadataRequestDescriptor, 1, {} as never)).toBe('ffffffff');
  });
});

describe('nullability', () => {
  it('rejects null where the version does not allow it, naming message, field and version', () => {
    expect(() => hex(metadataRequestDescriptor, 0, { topics: null })).toThrow('MetadataRequest.topics cannot be null in v0');
    expect(() => hex(metadataRequestDescriptor, 9, { topics: [{ name: null }] })).toThrow('MetadataRequest.name cannot be null in v9');
    expect(() => hex(metadataRequestDescriptor, 10, { topics: [{ name: null }] })).not.toThrow();
    expect(() => hex(produceRequestDescriptor, 3, { acks: null as never, timeoutMs: 0, topicData: [] })).toThrow('ProduceRequest.acks cannot be null in v3');
  });

  it('rejects null on decode where the version does not allow it', () => {
    expect(() => decodeHex(metadataRequestDescriptor, 0, 'ffffffff')).toThrow(MalformedFrameError);
    expect(decodeHex(metadataRequestDescriptor, 1, 'ffffffff').topics).toBeNull();
  });

  it('marks nullable structs with a signed byte', () => {
    const base = { topics: [], responsePartitionLimit: 10 };
    expect(hex(describeTopicPartitionsRequestDescriptor, 0, { ...base, cursor: null })).toBe('01' + '0000000a' + 'ff' + '00');
    expect(hex(describeTopicPartitionsRequestDescriptor, 0, { ...base, cursor: { topicName: 't', partitionIndex: 2 } })).toBe(
      '01' + '0000000a' + '01' + '0274' + '00000002' + '00' + '00',
    );
  });
});

describe('tagged fields', () => {
  const fetchV12 = {
    clusterId: 'c',
    replicaId: -1,
    maxWaitMs: 0,
    minBytes: 0,
    maxBytes: 0,
    isolationLevel: 0,
    sessionId: 0,
    sessionEpoch: -1,
    topics: [],
    forgottenTopicsData: [],
    rackId: '',
  };
  const body = 'ffffffff' + '00000000' + '00000000' + '00000000' + '00' + '00000000' + 'ffffffff' + '01' + '01' + '01';

  it('are written only when non-default', () => {
    expect(hex(fetchRequestDescriptor, 12, { ...fetchV12, clusterId: null })).toBe(body + '00');
    expect(hex(fetchRequestDescriptor, 12, fetchV12)).toBe(body + '01' + '00' + '02' + '0263');
  });

  it('merge unknown tags with known ones in ascending tag order', () => {
    const value = { ...fetchV12, unknownTaggedFields: [{ tag: 5, data: Buffer.from('ff', 'hex') }, { tag: 1, data: Buffer.from('aabb', 'hex') }] };
    const encoded = hex(fetchRequestDescriptor, 12, value);
    expect(encoded).toBe(body + '03' + '00' + '02' + '0263' + '01' + '02' + 'aabb' + '05' + '01' + 'ff');
    const decoded = decodeHex(fetchRequestDescriptor, 12, encoded);
    expect(decoded.clusterId).toBe('c');
    // Tag 1 is ReplicaState only from v15, so at v12 it is unknown and kept verbatim.
    expect(decoded.unknownTaggedFields).toEqual([
      { tag: 1, data: Buffer.from('aabb', 'hex') },
      { tag: 5, data: Buffer.from('ff', 'hex') },
    ]);
    expect(hex(fetchRequestDescriptor, 12, decoded)).toBe(encoded);
  });

  it('round-trip unknown tags in nested structs byte-identically', () => {
    const wire =
      '0000' + // error code
      '02' + '0012' + '0000' + '0004' + '01' + '07' + '02' + 'beef' + // one api key entry with unknown tag 7
      '00000000' + // throttle
      '02' + '03' + '01' + '01' + '09' + '00'; // zkMigrationReady (tag 3) = true, unknown tag 9 empty
    const decoded = decodeHex(apiVersionsResponseDescriptor, 3, wire);
    expect(decoded.apiKeys).toStrictEqual([{ apiKey: 18, minVersion: 0, maxVersion: 4, unknownTaggedFields: [{ tag: 7, data: Buffer.from('beef', 'hex') }] }]);
    expect(decoded.zkMigrationReady).toBe(true);
    expect(decoded.finalizedFeaturesEpoch).toBe(-1n);
    expect(decoded.unknownTaggedFields).toStrictEqual([{ tag: 9, data: Buffer.alloc(0) }]);
    expect(hex(apiVersionsResponseDescriptor, 3, decoded)).toBe(wire);
  });

  it('rejects tags out of order and tagged fields on non-flexible versions', () => {
    expect(() => decodeHex(deleteGroupsRequestDescriptor, 2, '01' + '02' + '0500' + '0100')).toThrow(/out of order/);
    expect(() => hex(deleteGroupsRequestDescriptor, 1, { groupsNames: [], unknownTaggedFields: [{ tag: 1, data: Buffer.alloc(0) }] })).toThrow(EncodeError);
  });
});

describe('versions', () => {
  it('refuses versions outside the schema range', () => {
    expect(() => hex(produceRequestDescriptor, 12, { acks: 1, timeoutMs: 0, topicData: [] })).toThrow(UnsupportedVersionError);
    expect(() => decodeHex(produceRequestDescriptor, -1, '')).toThrow(UnsupportedVersionError);
  });
});
