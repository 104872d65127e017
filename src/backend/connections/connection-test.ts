// "Test connection": a probe of each bootstrap address, then a real cluster
// call through the Kafka client (which is where SASL is checked). Answers
// within the time limit with one cause the UI can explain.
import type { z } from 'zod';
import type { connectionTestResult } from '../../shared/contract/connections.js';
import { ErrorCode } from '../errors.js';
import { createKafkaClient } from '../kafka/kafkajs-client.js';
import { mapKafkaError } from '../kafka/map-error.js';
import type { ConnectionSettings } from '../kafka/profile-types.js';
import type { Clock, Logger } from '../ports.js';
import { probeKafka, type ProbeOutcome } from './kafka-probe.js';

export type ConnectionTestResult = z.infer<typeof connectionTestResult>;
type Cause = Extract<ConnectionTestResult, { ok: false }>['cause'];

const CAUSE_BY_CODE: Partial<Record<string, Cause>> = {
  [ErrorCode.AUTH_FAILED]: 'auth',
  [ErrorCode.TLS_FAILED]: 'tls',
  [ErrorCode.BROKER_UNREACHABLE]: 'unreachable',
  [ErrorCode.TIMEOUT]: 'timeout',
  [ErrorCode.NOT_KAFKA]: 'not-kafka',
};

export async function testConnection(settings: ConnectionSettings, deps: { clock: Clock; logger: Logger; timeoutMs?: number }): Promise<ConnectionTestResult> {
  const started = deps.clock.now();
  const budget = deps.timeoutMs ?? 9_000;
  const elapsed = () => deps.clock.now() - started;
  const failed = (cause: Cause, message: string): ConnectionTestResult => ({ ok: false, cause, message, elapsedMs: elapsed() });

  let firstFailure: ProbeOutcome | undefined;
  let reachable = false;
  const perAddress = Math.max(1_000, Math.floor((budget / 2) / settings.bootstrapServers.length));
  for (const address of settings.bootstrapServers) {
    const outcome = await probeKafka(address, settings, perAddress);
    if (outcome.ok) {
      reachable = true;
      break;
    }
    firstFailure ??= outcome;
  }
  if (!reachable && firstFailure && !firstFailure.ok) return failed(firstFailure.cause, firstFailure.message);

  const remaining = Math.max(1_000, budget - elapsed());
  const client = createKafkaClient(settings, { logger: deps.logger, requestTimeoutMs: remaining, retries: 0 });
  try {
    const timeout = new AbortController();
    const described = client.admin.describeCluster();
    const result = await Promise.race([described, deps.clock.sleep(remaining, timeout.signal).then(() => null)]);
    timeout.abort();
    described.catch(() => undefined);
    if (result === null) return failed('timeout', `The cluster did not answer within ${Math.round(budget / 1000)} s.`);
    return { ok: true, clusterId: result.clusterId, brokers: result.brokers.length, elapsedMs: elapsed() };
  } catch (error) {
    const appError = mapKafkaError(error);
    if (appError.code === ErrorCode.BROKER_UNREACHABLE && !settings.sasl) {
      // The probe was answered, so the broker is there; a broker that wants a
      // SASL login drops a client that sends anything else first.
      return failed('auth', `The broker answered but then closed the connection: it probably requires a SASL login, and this profile has none.`);
    }
    return failed(CAUSE_BY_CODE[appError.code] ?? 'other', appError.message);
  } finally {
    void client.close();
  }
}
