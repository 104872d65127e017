// Errors cross every boundary (IPC, WebSocket) as plain values with a stable
// code, never as thrown exceptions whose text the UI would have to parse.

export interface AppError {
  /** Stable, machine-readable code, e.g. "TOPIC_ALREADY_EXISTS" or "BROKER_UNREACHABLE". */
  code: string;
  /** A sentence for people: what happened. */
  message: string;
  /** The Kafka protocol error code, when Kafka reported one. */
  kafkaCode?: number;
  /** Whether trying again unchanged may succeed. */
  retriable: boolean;
}

export function appError(code: string, message: string, options: { kafkaCode?: number; retriable?: boolean } = {}): AppError {
  return { code, message, retriable: options.retriable ?? false, ...(options.kafkaCode === undefined ? {} : { kafkaCode: options.kafkaCode }) };
}
