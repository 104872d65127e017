// Puts data on a test's own local broker from the test process (kafkajs over
// its bootstrap address): topics, records on chosen partitions, a group's
// committed offsets, and a live group member, so the Groups and Browse
// screens have something real to show.
import { Kafka, logLevel, type Consumer, type IHeaders } from 'kafkajs';

export interface SeedRecord {
  partition: number;
  key?: string | null;
  value: string | null;
  headers?: IHeaders;
}

export class KafkaSeed {
  private readonly kafka: Kafka;

  constructor(bootstrap: string) {
    this.kafka = new Kafka({ clientId: 'e2e-seed', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  }

  async createTopic(topic: string, partitions: number): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }], waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
  }

  async produce(topic: string, records: SeedRecord[]): Promise<void> {
    const producer = this.kafka.producer();
    await producer.connect();
    try {
      for (const record of records) {
        await producer.send({ topic, messages: [{ partition: record.partition, key: record.key ?? null, value: record.value, headers: record.headers }] });
      }
    } finally {
      await producer.disconnect();
    }
  }

  /** Commits offsets for a group that has no members (an admin commit, as kafka-consumer-groups does). */
  async commit(groupId: string, topic: string, offsets: Record<number, number>): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.setOffsets({ groupId, topic, partitions: Object.entries(offsets).map(([partition, offset]) => ({ partition: Number(partition), offset: String(offset) })) });
    } finally {
      await admin.disconnect();
    }
  }

  /** A member that joins the group and reads nothing it commits; resolves once it has its assignment. */
  async joinGroup(groupId: string, topic: string): Promise<Consumer> {
    const consumer = this.kafka.consumer({ groupId, sessionTimeout: 10_000, rebalanceTimeout: 10_000 });
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: false });
    await consumer.run({ autoCommit: false, eachMessage: async () => undefined });
    await joined;
    return consumer;
  }
}
