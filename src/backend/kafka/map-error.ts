// The one place where a Kafka client's failures become AppErrors. kafkajs
// wraps the real cause (retries exhausted, aggregates from multi-topic calls),
// so the chain is unwrapped first; then Kafka's protocol error names and
// Node's socket error codes are matched to our stable codes.
import { appError, type AppError } from '../../shared/app-error.js';
import { ErrorCode } from '../errors.js';
import { AppFailure } from '../../shared/rpc/result.js';

interface ErrorLike {
  name?: string;
  message?: string;
  /** Kafka's numeric code on protocol errors; Node's string code on socket errors. */
  code?: number | string;
  /** Kafka's error name on protocol errors, e.g. "TOPIC_ALREADY_EXISTS". */
  type?: string;
  retriable?: boolean;
  cause?: unknown;
  originalError?: unknown;
  errors?: unknown[];
}

/** Kafka protocol error names → our codes, with whether trying again may help. */
const PROTOCOL_ERRORS: Record<string, { code: ErrorCode; retriable?: boolean }> = {
  UNKNOWN_TOPIC_OR_PARTITION: { code: ErrorCode.TOPIC_NOT_FOUND },
  UNKNOWN_TOPIC_ID: { code: ErrorCode.TOPIC_NOT_FOUND },
  TOPIC_ALREADY_EXISTS: { code: ErrorCode.TOPIC_ALREADY_EXISTS },
  INVALID_TOPIC_EXCEPTION: { code: ErrorCode.INVALID_TOPIC },
  INVALID_PARTITIONS: { code: ErrorCode.INVALID_PARTITIONS },
  INVALID_REPLICATION_FACTOR: { code: ErrorCode.INVALID_REPLICATION_FACTOR },
  INVALID_CONFIG: { code: ErrorCode.INVALID_CONFIG },
  MESSAGE_TOO_LARGE: { code: ErrorCode.MESSAGE_TOO_LARGE },
  RECORD_LIST_TOO_LARGE: { code: ErrorCode.MESSAGE_TOO_LARGE },
  SASL_AUTHENTICATION_FAILED: { code: ErrorCode.AUTH_FAILED },
  UNSUPPORTED_SASL_MECHANISM: { code: ErrorCode.AUTH_FAILED },
  ILLEGAL_SASL_STATE: { code: ErrorCode.AUTH_FAILED },
  TOPIC_AUTHORIZATION_FAILED: { code: ErrorCode.NOT_AUTHORIZED },
  GROUP_AUTHORIZATION_FAILED: { code: ErrorCode.NOT_AUTHORIZED },
  CLUSTER_AUTHORIZATION_FAILED: { code: ErrorCode.NOT_AUTHORIZED },
  UNSUPPORTED_VERSION: { code: ErrorCode.UNSUPPORTED_BY_BROKER },
  UNSUPPORTED_COMPRESSION_TYPE: { code: ErrorCode.UNSUPPORTED_COMPRESSION },
  REQUEST_TIMED_OUT: { code: ErrorCode.TIMEOUT, retriable: true },
};

const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE']);
const TLS_HINT = /certificate|ssl|tls|self[- ]signed|handshake|wrong version number|altname|UNABLE_TO_VERIFY|CERT_|DEPTH_ZERO/i;

function asErrorLike(value: unknown): ErrorLike {
  return typeof value === 'object' && value !== null ? (value as ErrorLike) : { message: String(value) };
}

/** The innermost error that says what went wrong: past retry wrappers and aggregates. */
export function rootCause(error: unknown): ErrorLike {
  let current = asErrorLike(error);
  for (let depth = 0; depth < 10; depth++) {
    const next = current.name === 'KafkaJSAggregateError' && current.errors?.length ? current.errors[0] : current.originalError ?? (current.name === 'KafkaJSNumberOfRetriesExceeded' ? current.cause : undefined);
    if (next === undefined || next === null || next === current) return current;
    current = asErrorLike(next);
  }
  return current;
}

function describeProtocolError(type: string, message: string | undefined): string {
  const detail = message && message !== type ? message : type.toLowerCase().replace(/_/g, ' ');
  return `The broker refused the request: ${detail} (${type}).`;
}

export function mapKafkaError(error: unknown): AppError {
  if (error instanceof AppFailure) return error.error;
  const cause = rootCause(error);
  const message = cause.message ?? 'unknown error';

  if (cause.name === 'KafkaJSProtocolError' || cause.name === 'KafkaJSCreateTopicError' || (typeof cause.type === 'string' && typeof cause.code === 'number')) {
    const type = cause.type ?? 'UNKNOWN';
    const kafkaCode = typeof cause.code === 'number' ? cause.code : undefined;
    const known = PROTOCOL_ERRORS[type];
    const code = known?.code ?? ErrorCode.KAFKA_ERROR;
    return appError(code, describeProtocolError(type, message), { kafkaCode, retriable: known?.retriable ?? cause.retriable ?? false });
  }
  if (cause.name === 'KafkaJSSASLAuthenticationError') {
    return appError(ErrorCode.AUTH_FAILED, `The broker refused the login (${message}).`);
  }
  if (cause.name === 'KafkaJSRequestTimeoutError' || cause.name === 'KafkaJSTimeout') {
    return appError(ErrorCode.TIMEOUT, `The broker did not answer in time: ${message}`, { retriable: true });
  }
  if (cause.name === 'KafkaJSServerDoesNotSupportApiKey') {
    return appError(ErrorCode.UNSUPPORTED_BY_BROKER, `The broker does not support this operation: ${message}`);
  }
  if (/zstd compression is not available/.test(message)) {
    return appError(ErrorCode.UNSUPPORTED_COMPRESSION, message);
  }
  const socketCode = typeof cause.code === 'string' ? cause.code : undefined;
  if (TLS_HINT.test(message) || (socketCode !== undefined && TLS_HINT.test(socketCode))) {
    return appError(ErrorCode.TLS_FAILED, `The TLS handshake failed: ${message}`);
  }
  if (
    (socketCode !== undefined && UNREACHABLE_SOCKET_CODES.has(socketCode)) ||
    cause.name === 'KafkaJSConnectionError' ||
    cause.name === 'KafkaJSConnectionClosedError' ||
    cause.name === 'KafkaJSBrokerNotFound' ||
    cause.name === 'KafkaJSNoBrokerAvailableError'
  ) {
    return appError(ErrorCode.BROKER_UNREACHABLE, `Cannot reach the broker: ${message}`, { retriable: true });
  }
  if (cause.name?.startsWith('KafkaJS')) {
    return appError(ErrorCode.KAFKA_ERROR, `Kafka client error: ${message}`, { retriable: cause.retriable ?? false });
  }
  return appError('INTERNAL_ERROR', `Unexpected error: ${message}`);
}

/** Runs a client call and turns any failure into an AppFailure with a mapped code. */
export async function mapped<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw new AppFailure(mapKafkaError(error));
  }
}
