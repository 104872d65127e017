// kafkajs' internal cluster object, for the requests its public API lacks:
// Fetch without joining a group, DescribeGroups v4 (static member ids), an
// OffsetCommit as the group's admin, and ListOffsets by timestamp without the
// silent "latest" fallback. Requests travel over kafkajs' own broker
// connections, so TLS and SASL are already done. This reaches past kafkajs'
// public API: the shapes below are the few members we use, checked at runtime.
import { createRequire } from 'node:module';
import type { Kafka } from 'kafkajs';
import { connectOnce, type SharedConnection } from './connect-once.js';

export const kafkajsRequire = createRequire(import.meta.url);

export interface KafkajsEncoder {
  writeInt8(value: number): KafkajsEncoder;
  writeInt16(value: number): KafkajsEncoder;
  writeInt32(value: number): KafkajsEncoder;
  writeString(value: string | null): KafkajsEncoder;
  writeBoolean(value: boolean): KafkajsEncoder;
  writeArray(values: unknown[], type?: 'int32' | 'string' | 'object'): KafkajsEncoder;
}

export interface KafkajsDecoder {
  readInt16(): number;
  readInt32(): number;
  readInt64(): { toString(): string };
  readString(): string | null;
  readBytes(): Buffer | null;
  readBoolean(): boolean;
  readArray<T>(read: (decoder: KafkajsDecoder) => T): T[];
}

export interface KafkajsProtocolRequest {
  request: { apiKey: number; apiVersion: number; apiName: string; encode(): Promise<unknown> };
  response: { decode(raw: Buffer): Promise<unknown>; parse(data: unknown): Promise<unknown> };
  requestTimeout?: number;
}

export interface KafkajsBroker {
  versions?: Record<number, { minVersion: number; maxVersion: number }> | null;
  connectionPool: { send(request: KafkajsProtocolRequest): Promise<unknown> };
  lookupRequest(apiKey: number, definition: unknown): (args: Record<string, unknown>) => KafkajsProtocolRequest;
  offsetCommit(args: {
    groupId: string;
    groupGenerationId: number;
    memberId: string;
    topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
  }): Promise<{ responses: { topic: string; partitions: { partition: number; errorCode: number }[] }[] }>;
}

export interface KafkajsCluster {
  /** Every topic this cluster has been asked about; each metadata refresh asks for all of them. */
  targetTopics: Set<string>;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  refreshMetadata(): Promise<void>;
  getNodeIds(): number[];
  addTargetTopic(topic: string): Promise<void>;
  findTopicPartitionMetadata(topic: string): { partitionId: number; leader: number }[];
  findBroker(args: { nodeId: number }): Promise<KafkajsBroker>;
  findGroupCoordinator(args: { groupId: string }): Promise<KafkajsBroker>;
  fetchTopicsOffset(
    topics: { topic: string; fromTimestamp: string; partitions: { partition: number }[] }[],
  ): Promise<{ topic: string; partitions: { partition: number; offset: string }[] }[]>;
}

/** The connected cluster (connected once, again after a failure). */
export type InternalCluster = SharedConnection<KafkajsCluster>;

/** A broker's highest version of `apiKey` that is also within [min, max]; null when none. */
export function agreedVersion(broker: KafkajsBroker, apiKey: number, min: number, max: number): number | null {
  const range = broker.versions?.[apiKey];
  if (!range) return null;
  const version = Math.min(range.maxVersion, max);
  return version >= Math.max(range.minVersion, min) ? version : null;
}

export function internalCluster(kafka: Kafka): InternalCluster {
  return connectOnce(() => {
    const symbol = Object.getOwnPropertySymbols(kafka).find((s) => s.description === 'private:Kafka:createCluster');
    const create = symbol ? (kafka as unknown as Record<symbol, unknown>)[symbol] : undefined;
    if (typeof create !== 'function') throw new Error('this kafkajs version does not expose its cluster: reading without a group is unavailable');
    return create({ allowAutoTopicCreation: false }) as KafkajsCluster;
  });
}
