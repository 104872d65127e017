// Lane members on kafkajs: each member is a real kafkajs consumer in the
// lane's group, with its own Kafka instance so its log stream is its own.
//
// The generation id: kafkajs' GROUP_JOIN event does not carry it, and
// DescribeGroups does not return it either. kafkajs does log it, at debug
// level, right after SyncGroup ("Received assignment", with generationId,
// memberId and the decoded assignment), before it emits GROUP_JOIN. So each
// member's logger runs at debug level and this adapter picks that one entry
// out; everything else at warn or above goes to the app's logger as debug.
import type { Consumer, EachBatchPayload, IHeaders, LogEntry } from 'kafkajs';
import type { Logger } from '../ports.js';
import { registerCompressionCodecs } from './codecs.js';
import { Kafka, logLevel } from './kafkajs-module.js';
import { toKafkaConfig } from './kafkajs-client.js';
import type { ConsumedMessage, GroupMember, GroupMemberOptions, LaneKafka, MemberAssignment, MemberListener } from './lane-client.js';
import { mapKafkaError, mapped } from './map-error.js';
import type { ConnectionSettings } from './profile-types.js';

export interface LaneKafkaOptions {
  logger: Logger;
  /** Consumer session timeout: how long the group keeps a member that vanished without leaving. */
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  /** The broker's long-poll wait; short, so stop and pause take effect quickly. */
  maxWaitTimeMs?: number;
}

const ASSIGNMENT_LOG = 'Received assignment';

function headersOf(headers: IHeaders | undefined): ConsumedMessage['headers'] {
  const out: ConsumedMessage['headers'] = [];
  for (const [key, raw] of Object.entries(headers ?? {})) {
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values) out.push({ key, value: value === undefined ? null : Buffer.isBuffer(value) ? value : Buffer.from(value) });
  }
  return out;
}

function messagesOf({ batch }: EachBatchPayload): ConsumedMessage[] {
  return batch.messages.map((m) => ({
    partition: batch.partition,
    offset: BigInt(m.offset),
    timestamp: BigInt(m.timestamp),
    key: m.key ?? null,
    value: m.value ?? null,
    headers: headersOf(m.headers),
  }));
}

function createMember(settings: ConnectionSettings, options: LaneKafkaOptions, member: GroupMemberOptions, listener: MemberListener): GroupMember {
  let pendingAssignment: MemberAssignment | null = null;
  let awaitingFirstFetch = false;
  let paused = false;
  let stopped = false;
  const base = toKafkaConfig({ ...settings, clientId: member.clientId }, { logger: options.logger, retries: 3 });
  const kafka = new Kafka({
    ...base,
    logLevel: logLevel.DEBUG,
    logCreator:
      () =>
      ({ namespace, level, log }: LogEntry) => {
        if (log.message === ASSIGNMENT_LOG) {
          const fields = log as unknown as { generationId: number; memberId: string; memberAssignment: Record<string, number[]> };
          const partitions = [...(fields.memberAssignment[member.topic] ?? [])].sort((a, b) => a - b);
          pendingAssignment = { generationId: fields.generationId, memberId: fields.memberId, partitions };
        } else if (level <= logLevel.WARN) {
          options.logger.debug(`kafkajs: ${log.message}`, { namespace, member: member.clientId });
        }
      },
  });
  const consumer: Consumer = kafka.consumer({
    groupId: member.groupId,
    sessionTimeout: options.sessionTimeoutMs ?? 10_000,
    heartbeatInterval: options.heartbeatIntervalMs ?? 1_000,
    maxWaitTimeInMs: options.maxWaitTimeMs ?? 250,
    maxBytes: 1024 * 1024,
    // kafkajs' default is 5 minutes; partitions added to the topic should join the lane sooner.
    metadataMaxAge: 5_000,
    allowAutoTopicCreation: false,
    // Few retries: a lost broker shows as a crash (and the lane as reconnecting) within
    // about a second; kafkajs then restarts the consumer until the broker is back.
    retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 2_000, restartOnFailure: async () => !stopped },
  });

  const applyPause = () => {
    try {
      if (paused) consumer.pause([{ topic: member.topic }]);
      else consumer.resume([{ topic: member.topic }]);
    } catch {
      // Not running yet (or restarting): applied again on the next join.
    }
  };

  consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
    if (stopped) return;
    applyPause();
    // Without the log entry (KAFKAJS_LOG_LEVEL forces a level) the join still
    // counts, with the partitions from the event and an unknown generation (-1).
    const fromEvent = { generationId: -1, memberId: payload.memberId, partitions: [...(payload.memberAssignment[member.topic] ?? [])].sort((a, b) => a - b) };
    const assignment = pendingAssignment?.memberId === payload.memberId ? pendingAssignment : fromEvent;
    pendingAssignment = null;
    listener.assigned(assignment);
    awaitingFirstFetch = assignment.partitions.length > 0;
    if (!awaitingFirstFetch) listener.fetching();
  });
  consumer.on(consumer.events.FETCH, () => {
    if (stopped || !awaitingFirstFetch) return;
    awaitingFirstFetch = false;
    listener.fetching();
  });
  consumer.on(consumer.events.CRASH, (event) => {
    if (stopped) return;
    listener.crashed(mapKafkaError(event.payload.error), event.payload.restart);
  });

  return {
    async start() {
      stopped = false;
      await mapped(async () => {
        await consumer.connect();
        await consumer.subscribe({ topic: member.topic, fromBeginning: member.fromBeginning });
        await consumer.run({
          autoCommit: member.autoCommit,
          eachBatchAutoResolve: true,
          eachBatch: async (payload) => {
            if (payload.batch.messages.length > 0) listener.records(messagesOf(payload));
          },
        });
      });
      applyPause();
    },
    setPaused(next) {
      paused = next;
      applyPause();
    },
    async stop() {
      stopped = true;
      await consumer.disconnect().catch((error: unknown) => options.logger.debug('lane member did not disconnect cleanly', { error: String(error) }));
    },
  };
}

export function createLaneKafka(settings: ConnectionSettings, options: LaneKafkaOptions): LaneKafka {
  registerCompressionCodecs();
  return { member: (member, listener) => createMember(settings, options, member, listener) };
}
