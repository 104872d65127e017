// Every error the backend can answer, rendered from its stable code: what
// happened, and what to do about it. The backend's own message (which names
// the topic, group or address involved) is shown beside it as the detail.
import type { AppError } from '../../../shared/app-error';
import { AppFailure } from '../../../shared/rpc/result';

export interface ErrorSentence {
  /** What happened. */
  what: string;
  /** What to do next. */
  todo: string;
}

export const ERROR_SENTENCES: Readonly<Record<string, ErrorSentence>> = {
  BROKER_UNREACHABLE: { what: 'The cluster could not be reached.', todo: 'Check the bootstrap servers and that the cluster is running, then try again.' },
  TIMEOUT: { what: 'The cluster did not answer in time.', todo: 'Try again; if it keeps happening, check the network and the cluster’s load.' },
  AUTH_FAILED: { what: 'The cluster refused the credentials.', todo: 'Check the SASL mechanism, user name and password in the connection settings.' },
  TLS_FAILED: { what: 'The secure (TLS) connection could not be set up.', todo: 'Check that TLS is on for this cluster and that the CA certificate, client certificate and key match it.' },
  NOT_KAFKA: { what: 'Something answered at that address, but it does not speak Kafka.', todo: 'Check the host and port in the bootstrap servers.' },
  CONNECTION_NOT_FOUND: { what: 'That connection no longer exists.', todo: 'Pick another connection, or add it again under Connections.' },
  BUILT_IN_CONNECTION: { what: 'The built-in local broker connection cannot be changed or removed.', todo: 'Add a new connection if you need different settings.' },
  READ_ONLY_CONNECTION: { what: 'This connection is read-only, so the change was refused.', todo: 'Switch off “Read-only” in its settings under Connections if you really mean to write to this cluster.' },
  LOCAL_BROKER_NOT_RUNNING: { what: 'The local broker is not running.', todo: 'Start it under Connections, or pick another connection.' },
  LOCAL_BROKER_FAILED: { what: 'The local broker failed to start.', todo: 'Read the notice under Connections → Local broker, then start it again.' },
  TOPIC_NOT_FOUND: { what: 'The topic does not exist (any more).', todo: 'Refresh the topic list, or create the topic first.' },
  TOPIC_ALREADY_EXISTS: { what: 'A topic with that name already exists.', todo: 'Pick another name, or use the existing topic.' },
  INVALID_TOPIC: { what: 'That topic name is not allowed.', todo: 'Use up to 249 letters, digits, “.”, “_” or “-”; “.” and “..” alone are not allowed.' },
  INVALID_PARTITIONS: { what: 'That partition count was refused.', todo: 'Partitions can only grow: enter more than the topic has now.' },
  INVALID_REPLICATION_FACTOR: { what: 'That replication factor was refused.', todo: 'Use at most as many replicas as the cluster has brokers (1 for the local broker).' },
  INVALID_CONFIG: { what: 'The cluster refused a topic setting.', todo: 'Check the setting’s name and value (for example retention.ms takes milliseconds).' },
  PARTITION_NOT_FOUND: { what: 'The topic has no such partition.', todo: 'Pick a partition between 0 and the topic’s partition count − 1.' },
  MESSAGE_TOO_LARGE: { what: 'The message is larger than the cluster accepts.', todo: 'Send a smaller value, or raise max.message.bytes on the topic.' },
  INVALID_JSON: { what: 'The value is not valid JSON.', todo: 'Fix the JSON (the detail says where), or send it as text.' },
  INVALID_BASE64: { what: 'The binary value is not valid base64.', todo: 'Paste base64 text, or send the value as text.' },
  UNSUPPORTED_COMPRESSION: { what: 'The records use a compression this app cannot read.', todo: 'Read them with a client that supports that codec.' },
  NOT_AUTHORIZED: { what: 'The cluster did not allow this for your user.', todo: 'Ask the cluster’s administrator for the ACL, or use another user.' },
  UNSUPPORTED_BY_BROKER: { what: 'The cluster’s Kafka version does not support this.', todo: 'Use a newer cluster, or do it another way.' },
  GROUP_ACTIVE: { what: 'The consumer group has active members, so its offsets cannot be changed now.', todo: 'Stop the group’s consumers (and lanes), then try again.' },
  GROUP_NOT_FOUND: { what: 'The consumer group does not exist.', todo: 'Refresh the group list.' },
  NO_COMMITTED_OFFSET: { what: 'The group has no committed offset there to shift from.', todo: 'Reset to earliest, latest, a timestamp or an offset instead.' },
  RECORD_NOT_FOUND: { what: 'That record is no longer in the topic.', todo: 'It may have been deleted by retention; browse again.' },
  KAFKA_ERROR: { what: 'The cluster answered with an error.', todo: 'The detail below names it; try again or check the cluster.' },
  MEMBER_LIMIT: { what: 'A lane has between 1 and 16 members.', todo: 'Remove or add members within that range, or stop the lane.' },
  LANE_NOT_FOUND: { what: 'That lane is closed.', todo: 'Open the lane again.' },
  MEMBER_NOT_FOUND: { what: 'That lane member has already left.', todo: 'Refresh the lane and pick a current member.' },
  TRANSPORT_ERROR: { what: 'The connection to the Kafka Lanes backend was lost.', todo: 'Check that the app (or `npm run web`) is still running, then try again.' },
  INVALID_INPUT: { what: 'The request was refused as malformed.', todo: 'Check the fields named in the detail.' },
  INVALID_MESSAGE: { what: 'The backend could not read the request.', todo: 'Reload the page; if it persists, report it as a bug.' },
  UNKNOWN_METHOD: { what: 'The backend does not know this request.', todo: 'The app and its backend are different versions: restart the app.' },
  UNKNOWN_STREAM: { what: 'The backend does not know this live view.', todo: 'The app and its backend are different versions: restart the app.' },
  INTERNAL_ERROR: { what: 'Kafka Lanes hit an unexpected error.', todo: 'Try again; if it repeats, report it with the detail below.' },
};

const UNKNOWN: ErrorSentence = { what: 'Something went wrong.', todo: 'Try again; the detail below says what the backend reported.' };

/** The AppError inside whatever a query or mutation rejected with. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppFailure) return error.error;
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) return error as AppError;
  return { code: 'INTERNAL_ERROR', message: error instanceof Error ? error.message : String(error), retriable: false };
}

export interface DescribedError extends ErrorSentence {
  code: string;
  detail: string;
  retriable: boolean;
}

export function describeError(error: unknown): DescribedError {
  const appError = toAppError(error);
  const sentence = ERROR_SENTENCES[appError.code] ?? UNKNOWN;
  return { ...sentence, code: appError.code, detail: appError.message, retriable: appError.retriable };
}
