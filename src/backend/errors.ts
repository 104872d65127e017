// The backend's error codes: stable names the UI renders from, never from the
// message text. Kafka's own failures are mapped onto these in kafka/map-error.ts.
import { appError, type AppError } from '../shared/app-error.js';
import { AppFailure } from '../shared/rpc/result.js';

export const ErrorCode = {
  BROKER_UNREACHABLE: 'BROKER_UNREACHABLE',
  TIMEOUT: 'TIMEOUT',
  AUTH_FAILED: 'AUTH_FAILED',
  TLS_FAILED: 'TLS_FAILED',
  NOT_KAFKA: 'NOT_KAFKA',
  CONNECTION_NOT_FOUND: 'CONNECTION_NOT_FOUND',
  BUILT_IN_CONNECTION: 'BUILT_IN_CONNECTION',
  READ_ONLY_CONNECTION: 'READ_ONLY_CONNECTION',
  LOCAL_BROKER_NOT_RUNNING: 'LOCAL_BROKER_NOT_RUNNING',
  LOCAL_BROKER_FAILED: 'LOCAL_BROKER_FAILED',
  TOPIC_NOT_FOUND: 'TOPIC_NOT_FOUND',
  TOPIC_ALREADY_EXISTS: 'TOPIC_ALREADY_EXISTS',
  INVALID_TOPIC: 'INVALID_TOPIC',
  INVALID_PARTITIONS: 'INVALID_PARTITIONS',
  INVALID_REPLICATION_FACTOR: 'INVALID_REPLICATION_FACTOR',
  INVALID_CONFIG: 'INVALID_CONFIG',
  PARTITION_NOT_FOUND: 'PARTITION_NOT_FOUND',
  MESSAGE_TOO_LARGE: 'MESSAGE_TOO_LARGE',
  INVALID_JSON: 'INVALID_JSON',
  INVALID_BASE64: 'INVALID_BASE64',
  UNSUPPORTED_COMPRESSION: 'UNSUPPORTED_COMPRESSION',
  NOT_AUTHORIZED: 'NOT_AUTHORIZED',
  UNSUPPORTED_BY_BROKER: 'UNSUPPORTED_BY_BROKER',
  GROUP_ACTIVE: 'GROUP_ACTIVE',
  GROUP_NOT_FOUND: 'GROUP_NOT_FOUND',
  NO_COMMITTED_OFFSET: 'NO_COMMITTED_OFFSET',
  RECORD_NOT_FOUND: 'RECORD_NOT_FOUND',
  KAFKA_ERROR: 'KAFKA_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Builds the AppError and throws it; the dispatcher hands it to the caller as a value. */
export function fail(code: ErrorCode, message: string, options: { kafkaCode?: number; retriable?: boolean } = {}): never {
  throw new AppFailure(appError(code, message, options));
}

export function failWith(error: AppError): never {
  throw new AppFailure(error);
}
