/**
 * The Kafka Lanes local broker: a single-node, Kafka-compatible broker that
 * runs inside a Node process. Any Kafka client can use it as its bootstrap
 * server.
 *
 * @example
 * ```ts
 * import { startBroker } from 'kafka-lanes/broker';
 *
 * const broker = await startBroker({ port: 0 }); // in memory, on a free port
 * // ... point a client at broker.bootstrap ...
 * await broker.close();
 * ```
 *
 * @packageDocumentation
 */

export {
  startBroker,
  type BrokerOptions,
  type BrokerSaslOptions,
  type BrokerTlsOptions,
  type RunningBroker,
} from './server/start-broker.js';
export type { SaslMechanism } from './security/sasl-settings.js';
export { silentLogger, systemClock, type Clock, type IdSource, type Logger, type Timer } from './ports.js';
