// The error mapping is checked against kafkajs' real error classes, built the
// way kafkajs builds them, so a kafkajs upgrade that renames one fails here.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { mapKafkaError } from '../../../src/backend/kafka/map-error.js';
import { appError } from '../../../src/shared/app-error.js';
import { AppFailure } from '../../../src/shared/rpc/result.js';

const require = createRequire(import.meta.url);
const errors = require('kafkajs/src/errors.js');
const { createErrorFromCode } = require('kafkajs/src/protocol/error.js');

function protocolError(kafkaCode: number) {
  return new errors.KafkaJSProtocolError(createErrorFromCode(kafkaCode));
}

describe('mapKafkaError', () => {
  it.each([
    [3, 'TOPIC_NOT_FOUND'],
    [36, 'TOPIC_ALREADY_EXISTS'],
    [37, 'INVALID_PARTITIONS'],
    [38, 'INVALID_REPLICATION_FACTOR'],
    [10, 'MESSAGE_TOO_LARGE'],
    [40, 'INVALID_CONFIG'],
    [58, 'AUTH_FAILED'],
    [29, 'NOT_AUTHORIZED'],
    [35, 'UNSUPPORTED_BY_BROKER'],
  ])('maps Kafka error %i to %s with the Kafka code', (kafkaCode, code) => {
    expect(mapKafkaError(protocolError(kafkaCode))).toMatchObject({ code, kafkaCode });
  });

  it('keeps unknown protocol errors as KAFKA_ERROR with their code and retriability', () => {
    const mapped = mapKafkaError(protocolError(6)); // not the leader: retriable
    expect(mapped).toMatchObject({ code: 'KAFKA_ERROR', kafkaCode: 6, retriable: true });
    expect(mapped.message).toMatch(/NOT_LEADER/);
  });

  it('looks through retry wrappers and aggregates to the cause', () => {
    const wrapped = new errors.KafkaJSNumberOfRetriesExceeded(protocolError(37), { retryCount: 2, retryTime: 100 });
    expect(mapKafkaError(wrapped).code).toBe('INVALID_PARTITIONS');
    const aggregate = new errors.KafkaJSAggregateError('Topic creation errors', [new errors.KafkaJSCreateTopicError(createErrorFromCode(36), { topicName: 't' })]);
    expect(mapKafkaError(aggregate).code).toBe('TOPIC_ALREADY_EXISTS');
  });

  it('maps refused and closed connections to BROKER_UNREACHABLE, retriable', () => {
    const refused = new errors.KafkaJSConnectionError('Connection error: connect ECONNREFUSED 127.0.0.1:1', { broker: '127.0.0.1:1', code: 'ECONNREFUSED' });
    expect(mapKafkaError(new errors.KafkaJSNumberOfRetriesExceeded(refused, { retryCount: 2, retryTime: 1 }))).toMatchObject({ code: 'BROKER_UNREACHABLE', retriable: true });
    expect(mapKafkaError(new errors.KafkaJSConnectionClosedError('Closed connection', { host: 'h', port: 1 })).code).toBe('BROKER_UNREACHABLE');
  });

  it('maps TLS, SASL and timeout failures', () => {
    const tls = new errors.KafkaJSConnectionError('Connection error: self-signed certificate', { broker: 'h:1', code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(mapKafkaError(tls).code).toBe('TLS_FAILED');
    expect(mapKafkaError(new errors.KafkaJSSASLAuthenticationError('SASL PLAIN authentication failed')).code).toBe('AUTH_FAILED');
    expect(mapKafkaError(new errors.KafkaJSRequestTimeoutError('Request Metadata(key: 3, version: 6) timed out')).code).toBe('TIMEOUT');
  });

  it('passes AppFailures through and reports anything else as INTERNAL_ERROR', () => {
    expect(mapKafkaError(new AppFailure(appError('READ_ONLY_CONNECTION', 'no')))).toMatchObject({ code: 'READ_ONLY_CONNECTION' });
    expect(mapKafkaError(new TypeError('x is undefined')).code).toBe('INTERNAL_ERROR');
  });

  it('says clearly that zstd cannot be written', () => {
    expect(mapKafkaError(new Error('zstd compression is not available: Kafka Lanes can read zstd batches but cannot write them')).code).toBe('UNSUPPORTED_COMPRESSION');
  });
});
