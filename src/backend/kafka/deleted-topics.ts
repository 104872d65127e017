// kafkajs clients remember every topic they were asked about and refresh
// metadata for all of them at once. Once one of those topics is deleted (here
// or by any other client) every such refresh fails with
// UNKNOWN_TOPIC_OR_PARTITION, and the client can no longer reach any topic it
// had not seen yet. These recover by forgetting the remembered topics.
import type { SharedConnection } from './connect-once.js';
import type { KafkajsCluster } from './kafkajs-internals.js';
import { rootCause } from './map-error.js';

/** Also under kafkajs' wrappers (retries exhausted, aggregates). */
export const isUnknownTopic = (error: unknown): boolean => rootCause(error).type === 'UNKNOWN_TOPIC_OR_PARTITION';

/**
 * Runs a metadata step for `topic` on a cluster we hold directly: on failure the
 * remembered topics are dropped and only `topic` is asked for again (the others
 * come back when next read). If `topic` itself is gone, that error stands.
 */
export async function withFreshTargets(cluster: KafkajsCluster, topic: string, step: () => Promise<void>): Promise<void> {
  try {
    await step();
  } catch (error) {
    if (!isUnknownTopic(error) || cluster.targetTopics.size <= 1) throw error;
    cluster.targetTopics = new Set();
    await cluster.addTargetTopic(topic);
  }
}

/** For a client whose cluster kafkajs keeps private (the producer): a new client remembers nothing, so reconnect once and retry. */
export async function withFreshClient<T, R>(connection: SharedConnection<T>, run: (client: T) => Promise<R>): Promise<R> {
  try {
    return await run(await connection.get());
  } catch (error) {
    if (!isUnknownTopic(error)) throw error;
    await connection.close();
    return run(await connection.get());
  }
}
