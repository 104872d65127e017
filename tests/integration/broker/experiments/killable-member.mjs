// A kafkajs group member run as its own process so a test can SIGKILL it: it
// never sends LeaveGroup, and the broker only learns of its death when its
// session times out. It reports on stdout, one JSON object a line: its
// assignment on every join, each delivery, and each commit.
// kafkajs auto-commit commits after every batch whatever its interval, so this
// member commits by hand every <commitEveryMs>: it then dies holding an
// uncommitted tail, the part at-least-once allows to be delivered again.
// Usage: node killable-member.mjs <bootstrap> <topic> <groupId> <sessionTimeoutMs> <commitEveryMs>
import process from 'node:process';
import { setInterval } from 'node:timers';
import kafkajs from 'kafkajs';

const [bootstrap, topic, groupId, sessionTimeout, commitEveryMs] = process.argv.slice(2);
const { Kafka, logLevel } = kafkajs;
const report = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);

const kafka = new Kafka({ clientId: 'killable-member', brokers: [bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 2, initialRetryTime: 50 } });
const consumer = kafka.consumer({ groupId, sessionTimeout: Number(sessionTimeout), heartbeatInterval: 500, maxWaitTimeInMs: 100 });
/** Next offset to read per partition of the current assignment, not yet committed. */
let pending = new Map();
consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
  pending = new Map();
  report({ type: 'join', partitions: payload.memberAssignment[topic] ?? [] });
});
consumer.on(consumer.events.COMMIT_OFFSETS, ({ payload }) => {
  for (const t of payload.topics) {
    if (t.topic !== topic) continue;
    for (const p of t.partitions) report({ type: 'commit', partition: Number(p.partition), offset: String(p.offset) });
  }
});
consumer.on(consumer.events.CRASH, ({ payload }) => report({ type: 'crash', error: String(payload.error) }));

await consumer.connect();
await consumer.subscribe({ topic, fromBeginning: true });
await consumer.run({
  autoCommit: false,
  eachMessage: async ({ partition, message }) => {
    report({ type: 'message', partition, offset: message.offset, value: message.value.toString() });
    pending.set(partition, (BigInt(message.offset) + 1n).toString());
  },
});
setInterval(() => {
  const offsets = [...pending].map(([partition, offset]) => ({ topic, partition, offset }));
  pending = new Map();
  if (offsets.length > 0) consumer.commitOffsets(offsets).catch((error) => report({ type: 'commit-failed', error: String(error) }));
}, Number(commitEveryMs));
