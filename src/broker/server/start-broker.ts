// Wires one broker together: configuration, storage, the handler registry, the
// TCP (or TLS) listener with its SASL users, and the retention schedule; and
// takes it apart again on close.
import { randomBytes } from 'node:crypto';
import { resolve as resolvePath } from 'node:path';
import type { Duplex } from 'node:stream';
import { parseBrokerConfig } from '../config/parse-broker-config.js';
import { topicSettings } from '../config/topic-config.js';
import type { BrokerConfig } from '../config/types.js';
import { GroupCoordinator, groupSettingsFrom } from '../coordinator/group-coordinator.js';
import { OffsetStore } from '../coordinator/offset-store.js';
import { apiHandlers } from '../handlers/index.js';
import { silentLogger, systemClock, type Clock, type IdSource, type Logger } from '../ports.js';
import { MemFs, nodeFs, type Fs } from '../storage/fs.js';
import { LogManager } from '../storage/log-manager.js';
import { ProducerIdAllocator } from '../storage/producer-ids.js';
import type { ProducerStateTable } from '../storage/producer-state.js';
import { openProducerState } from '../storage/producer-state-recovery.js';
import { isLoopbackHost } from '../security/loopback.js';
import { SaslSession, SaslUserStore } from '../security/sasl-session.js';
import { isSaslMechanism, SASL_MECHANISMS, type SaslMechanism, type SaslSettings } from '../security/sasl-settings.js';
import { AppendWaiters } from './append-waiters.js';
import { createBrokerCore } from './broker-core.js';
import type { ConnectionLimits } from './connection.js';
import { Listener } from './listener.js';
import { RequestRouter } from './request-router.js';
import { RetentionSchedule } from './retention-schedule.js';

export interface BrokerOptions {
  /** Address to bind. Default 127.0.0.1, so nothing outside this machine can connect. */
  host?: string;
  /** Port to bind. Default 9092; 0 picks a free port (read it back from `port`). */
  port?: number;
  /** Directory holding the topics. Omitted: everything lives in memory and is gone on close. */
  dataDir?: string;
  /** server.properties settings, e.g. `{ 'num.partitions': '3' }`. Unknown keys or bad values throw. */
  config?: Record<string, string>;
  /** Host clients are told to connect to. Default: the bound host (127.0.0.1 when bound to all interfaces). */
  advertisedHost?: string;
  /** Port clients are told to connect to. Default: the bound port. */
  advertisedPort?: number;
  /** Where the broker reports warnings and errors. Default: nowhere. */
  logger?: Logger;
  /** Time source for timestamps, long polls and retention. Default: the system clock. */
  clock?: Clock;
  /**
   * Require a SASL login from every TCP client (off by default). Replaces the
   * sasl.users / sasl.enabled.mechanisms config keys when both are given.
   * In-process streams (acceptConnection) never log in.
   */
  sasl?: BrokerSaslOptions;
  /** Serve TLS only on the port, with this PEM certificate (chain) and private key. Default: plaintext. */
  tls?: BrokerTlsOptions;
}

export interface BrokerSaslOptions {
  /** Username to password; at least one user. */
  users: Record<string, string>;
  /** Mechanisms offered. Default: PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512. */
  mechanisms?: SaslMechanism[];
}

export interface BrokerTlsOptions {
  /** PEM text of the certificate, optionally followed by its chain. */
  cert: string | Buffer;
  /** PEM text of the private key. */
  key: string | Buffer;
}

export interface RunningBroker {
  /** The bound address. */
  readonly host: string;
  /** The bound port (the chosen one when started with port 0). */
  readonly port: number;
  /** "host:port" to hand to clients as their bootstrap server. */
  readonly bootstrap: string;
  /** Stable for the life of the data directory. */
  readonly clusterId: string;
  /**
   * Serves one client over an already-connected byte stream instead of TCP
   * (e.g. an in-process pipe): the same framing, ordering and limits as a TCP
   * connection. Destroying the stream disconnects the client. After close(),
   * streams are destroyed at once. Such a stream is trusted: it never has to
   * log in, even when SASL is on.
   */
  acceptConnection(stream: Duplex): void;
  /** Stops listening, drops every connection, cancels timers and closes the logs cleanly. */
  close(): Promise<void>;
}

const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_PORT = 9092;
/** A virtual directory inside the in-memory filesystem. */
const IN_MEMORY_DATA_DIR = 'kafka-lanes-data';
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

const connectionLimits = (maxFrameBytes: number): ConnectionLimits => ({
  maxFrameBytes,
  // Clients keep at most a handful of requests in flight (Java and librdkafka
  // default to 5); beyond this a client is flooding us and may wait.
  maxInFlightRequests: 64,
  maxQueuedWriteBytes: 16 * 1024 * 1024,
});

/** How often idempotent producer state is snapshotted when it changed. */
const PRODUCER_STATE_SNAPSHOT_MS = 10_000;

const randomIds: IdSource = { randomBytes16: () => randomBytes(16) };

function hostForClients(boundHost: string): string {
  return WILDCARD_HOSTS.has(boundHost) ? DEFAULT_HOST : boundHost;
}

function saslSettingsFrom(options: BrokerSaslOptions): SaslSettings {
  const users = new Map(Object.entries(options.users));
  if (users.size === 0) throw new Error('the sasl option must name at least one user, or nobody could log in');
  const mechanisms = options.mechanisms ?? [...SASL_MECHANISMS];
  const unknown = mechanisms.filter((name) => !isSaslMechanism(name));
  if (unknown.length > 0 || mechanisms.length === 0) {
    throw new Error(`sasl.mechanisms of startBroker must be a non-empty list of ${SASL_MECHANISMS.join(', ')}; got ${mechanisms.join(', ') || 'none'}`);
  }
  return { mechanisms, users };
}

function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

interface CoordinatorState {
  readonly groups: GroupCoordinator;
  readonly offsets: OffsetStore;
  readonly producers: ProducerStateTable;
  readonly producerIds: ProducerIdAllocator;
}

function openCoordinatorState(dataDir: string, fs: Fs, config: BrokerConfig, clock: Clock, logger: Logger, logs: LogManager): CoordinatorState {
  // A failed start closes what it had already opened, newest first, so no file handle is left behind.
  let offsets: OffsetStore | undefined;
  let producers: ReturnType<typeof openProducerState> | undefined;
  try {
    offsets = OffsetStore.open({ dataDir, fs, clock, logger, metadataMaxBytes: config.offsetMetadataMaxBytes });
    producers = openProducerState({ dataDir, fs, clock, logger, snapshotIntervalMs: PRODUCER_STATE_SNAPSHOT_MS, logs });
    const producerIds = ProducerIdAllocator.open({ dataDir, fs });
    const groups = new GroupCoordinator({ settings: groupSettingsFrom(config), clock, ids: randomIds, logger });
    return { groups, offsets, producers, producerIds };
  } catch (error) {
    producers?.close();
    offsets?.close();
    logs.close();
    throw error;
  }
}

function closeCoordinatorState(state: CoordinatorState): void {
  state.groups.close();
  state.producers.close();
  state.offsets.close();
}

/** offsets.retention.minutes: only groups without members lose their offsets. */
function expireOffsets(state: CoordinatorState, clock: Clock, retentionMs: number): void {
  const isEmpty = (group: string) => {
    const current = state.groups.stateOf(group);
    return current === undefined || current === 'Empty';
  };
  state.offsets.expire(clock.now(), retentionMs, isEmpty);
  for (const group of state.groups.emptyGroupIds()) {
    // Kafka removes an Empty group once its last offset is gone.
    if (!state.offsets.hasGroup(group)) state.groups.delete(group);
  }
}

/**
 * Starts a broker and resolves once its port is listening.
 *
 * Rejects when `config` holds an unknown key or a bad value, when the data
 * directory cannot be opened, or when the port cannot be bound (the error's
 * `code` is then Node's, e.g. `EADDRINUSE`).
 */
export async function startBroker(options: BrokerOptions = {}): Promise<RunningBroker> {
  const host = options.host ?? DEFAULT_HOST;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const config = parseBrokerConfig(options.config ?? {}, { logDir: options.dataDir === undefined ? null : resolvePath(options.dataDir) });
  const sasl = options.sasl ? saslSettingsFrom(options.sasl) : config.sasl;
  const saslUsers = sasl ? new SaslUserStore(sasl) : null;
  const fs = options.dataDir === undefined ? new MemFs() : nodeFs;
  const dataDir = options.dataDir ?? IN_MEMORY_DATA_DIR;
  const logs = LogManager.open({
    dataDir,
    fs,
    clock,
    ids: randomIds,
    logger,
    logConfig: (overrides) => topicSettings(config, overrides).log,
  });
  const state = openCoordinatorState(dataDir, fs, config, clock, logger, logs);

  const waiters = new AppendWaiters(clock);
  let listener: Listener;
  try {
    listener = await Listener.open({
      host,
      port: options.port ?? DEFAULT_PORT,
      ...(options.tls ? { tls: options.tls } : {}),
      newSession: (trusted) => new SaslSession(trusted ? null : saslUsers),
      createRoute: (boundPort) => {
        const core = createBrokerCore({
          config,
          clock,
          ids: randomIds,
          logger,
          logs,
          ...state,
          advertised: { host: options.advertisedHost ?? hostForClients(host), port: options.advertisedPort ?? boundPort },
          waiters,
          handlers: apiHandlers,
        });
        const router = new RequestRouter(apiHandlers, core);
        return (frame, peer, session) => router.route(frame, peer, session);
      },
      limits: connectionLimits(config.socketRequestMaxBytes),
      logger,
    });
  } catch (error) {
    closeCoordinatorState(state);
    logs.close();
    throw error;
  }

  const port = listener.port;
  const retention = new RetentionSchedule(clock, config.logRetentionCheckIntervalMs, () => logs.enforceRetention(), logger);
  retention.start();
  const offsetExpiry = new RetentionSchedule(clock, config.offsetsRetentionCheckIntervalMs, () => expireOffsets(state, clock, config.offsetsRetentionMs), logger);
  offsetExpiry.start();
  logger.info('broker started', {
    host,
    port,
    clusterId: logs.clusterId,
    tls: options.tls !== undefined,
    sasl: sasl ? sasl.mechanisms.join(',') : 'off',
  });
  if (!sasl && !isLoopbackHost(host)) {
    logger.warn(`listening on ${host}, reachable from other machines, without authentication: anyone who can reach port ${port} can read and write every topic. Set sasl.users (and a TLS certificate) or bind 127.0.0.1.`, { host, port });
  }

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      retention.stop();
      offsetExpiry.stop();
      const stopped = listener.close();
      // Parked Fetch long-polls finish now; their connections are gone, so the
      // answers are discarded. Let them run before the logs close under them.
      waiters.close();
      await new Promise((resolve) => setImmediate(resolve));
      await stopped;
      closeCoordinatorState(state);
      logs.close();
      logger.info('broker stopped', { host, port });
    })());

  return {
    host,
    port,
    bootstrap: joinHostPort(hostForClients(host), port),
    clusterId: logs.clusterId,
    acceptConnection: (stream) => listener.accept(stream, true),
    close,
  };
}
