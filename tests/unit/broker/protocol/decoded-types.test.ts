// Type-level checks: decoded messages have every field, records decode to one Buffer.
import { describe, expectTypeOf, it } from 'vitest';
import type { Decoded } from '../../../../src/broker/protocol/descriptor.js';
import type { decodeRequestBody } from '../../../../src/broker/protocol/frame.js';
import type { FetchResponse, MetadataRequest, ProduceRequest, UnknownTaggedField } from '../../../../src/broker/protocol/index.js';

describe('Decoded<T>', () => {
  it('makes version-dependent fields required, recursively', () => {
    expectTypeOf<Decoded<ProduceRequest>['transactionalId']>().toEqualTypeOf<string | null>();
    expectTypeOf<Decoded<MetadataRequest>['allowAutoTopicCreation']>().toEqualTypeOf<boolean>();
    expectTypeOf<NonNullable<Decoded<MetadataRequest>['topics']>[number]['topicId']>().toEqualTypeOf<Buffer>();
    expectTypeOf<Decoded<ProduceRequest>['unknownTaggedFields']>().toEqualTypeOf<UnknownTaggedField[] | undefined>();
  });

  it('decodes records as a single Buffer view', () => {
    expectTypeOf<Decoded<ProduceRequest>['topicData'][number]['partitionData'][number]['records']>().toEqualTypeOf<Buffer | null>();
    expectTypeOf<Decoded<FetchResponse>['responses'][number]['partitions'][number]['records']>().toEqualTypeOf<Buffer | null>();
    expectTypeOf<Decoded<FetchResponse>['responses'][number]['partitions'][number]['highWatermark']>().toEqualTypeOf<bigint>();
  });

  it('is what decodeRequestBody returns for a literal api key', () => {
    expectTypeOf<ReturnType<typeof decodeRequestBody<0>>>().toEqualTypeOf<Decoded<ProduceRequest>>();
  });
});
