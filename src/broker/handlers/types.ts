// What every API handler file exports, and what it may touch while handling a request.
import type { BrokerConfig } from '../config/types.js';
import type { Clock, IdSource, Logger } from '../ports.js';

/** Returned by a handler that must not answer (Produce with acks=0). */
export const NO_RESPONSE: unique symbol = Symbol('no-response');

/** Thrown by a handler to close the connection without answering, as Kafka does. */
export class CloseConnection extends Error {}

export interface ConnectionInfo {
  readonly clientId: string | null;
  readonly clientHost: string;
  readonly clientPort: number;
  /**
   * This connection's SASL state. Absent where no connection exists (handler
   * unit tests); SaslHandshake and SaslAuthenticate then act as on a listener
   * without SASL.
   */
  readonly sasl?: import('../security/sasl-session.js').SaslSession;
}

export interface RequestContext<Core = unknown> {
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly connection: ConnectionInfo;
  readonly core: Core;
}

export interface ApiHandler<Req = any, Res = any, Core = any> {
  readonly apiKey: number;
  /** Kafka's name for the API, e.g. "Produce". */
  readonly name: string;
  readonly minVersion: number;
  readonly maxVersion: number;
  handle(request: Req, ctx: RequestContext<Core>): Res | typeof NO_RESPONSE | Promise<Res | typeof NO_RESPONSE>;
}

export interface CoreServices {
  readonly config: BrokerConfig;
  readonly clock: Clock;
  readonly ids: IdSource;
  readonly logger: Logger;
}

/**
 * The broker state a handler may use. The server owns and builds it; handlers
 * only read it or call its methods, synchronously, on the event loop.
 */
export interface BrokerCore extends CoreServices {
  readonly logs: import('../storage/log-manager.js').LogManager;
  /** The classic group coordinator: membership, generations, assignments. */
  readonly groups: import('../coordinator/group-coordinator.js').GroupCoordinator;
  /** Committed offsets, durable across restarts. */
  readonly offsets: import('../coordinator/offset-store.js').OffsetStore;
  /** Idempotent producers' per-partition sequence state, durable across restarts. */
  readonly producers: import('../storage/producer-state.js').ProducerStateTable;
  /** Hands out producer ids that never repeat (InitProducerId). */
  readonly producerIds: import('../storage/producer-ids.js').ProducerIdAllocator;
  /** Where clients are told to connect (Metadata, FindCoordinator, DescribeCluster). */
  readonly advertised: { readonly host: string; readonly port: number };
  /** Called after every append so that waiting Fetch long-polls can answer early. */
  notifyAppend(topic: string, partition: number): void;
  /**
   * Resolves on the next notifyAppend for any of these partitions, after
   * `timeoutMs` of the injected clock, or when the broker closes (Fetch long poll).
   */
  waitForAppend(partitions: ReadonlyArray<{ readonly topic: string; readonly partition: number }>, timeoutMs: number): Promise<void>;
  /** Every API in the handler registry, ascending by key; the ApiVersions answer. */
  readonly supportedApis: ReadonlyArray<{ readonly apiKey: number; readonly minVersion: number; readonly maxVersion: number }>;
}
