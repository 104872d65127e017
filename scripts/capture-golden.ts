// Records the request frames that real Kafka clients send, as golden fixtures
// for tests/unit/broker/protocol/golden-bytes.test.ts and the fuzz corpus.
//
//   npx tsx scripts/capture-golden.ts
//
// Starts the broker in memory behind a recording TCP proxy. The broker
// advertises the proxy's address, so after Metadata every client connection
// still passes through the proxy. Each client runs in its own phase; a
// connection belongs to the phase in which it was opened. The first frame seen
// per (client, API key, version) is written to
// tests/fixtures/golden/<client>/<NN>-<api-name>-v<version>.bin without its
// size prefix, and the README there is regenerated.
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import kafkajs from 'kafkajs';
import { startBroker } from '../src/broker/index.js';
import { apiNames } from '../src/broker/protocol/api-lookup.js';

// kafkajs is CommonJS; Node's ESM loader cannot see all of its named exports.
const { CompressionTypes, ConfigResourceTypes, Kafka, logLevel } = kafkajs;
const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const goldenDir = join(root, 'tests/fixtures/golden');
// The Debian packages of confluent-kafka and kafka-python exist only for the system Python.
const PYTHON = '/usr/bin/python3';
/** Big frames would bloat the repository and add nothing the small ones do not cover. */
const MAX_FIXTURE_BYTES = 64 * 1024;

type ClientName = 'kafkajs' | 'kcat' | 'confluent-kafka' | 'kafka-python';

interface CapturedFrame {
  readonly client: ClientName;
  readonly frame: Buffer;
}

/** Forwards bytes both ways and hands every complete client-to-broker frame to `onFrame`. */
class RecordingProxy {
  client: ClientName | null = null;
  targetPort = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly server: Server, private readonly onFrame: (captured: CapturedFrame) => void) {}

  static async open(onFrame: (captured: CapturedFrame) => void): Promise<RecordingProxy> {
    const server = createServer();
    const proxy = new RecordingProxy(server, onFrame);
    server.on('connection', (socket) => proxy.relay(socket));
    await new Promise<void>((done) => server.listen({ host: '127.0.0.1', port: 0 }, done));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    return new Promise((done) => this.server.close(() => done()));
  }

  private relay(downstream: Socket): void {
    const client = this.client;
    const upstream = connect({ host: '127.0.0.1', port: this.targetPort });
    for (const socket of [downstream, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    downstream.on('close', () => upstream.destroy());
    upstream.on('close', () => downstream.destroy());
    upstream.pipe(downstream);
    let pending = Buffer.alloc(0);
    downstream.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      if (client === null) return;
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 4 && pending.length >= 4 + pending.readInt32BE(0)) {
        const size = pending.readInt32BE(0);
        this.onFrame({ client, frame: Buffer.from(pending.subarray(4, 4 + size)) });
        pending = pending.subarray(4 + size);
      }
    });
  }
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

function fixtureName(apiKey: number, apiVersion: number): string {
  const name = apiNames.get(apiKey) ?? `unknown-${apiKey}`;
  return `${String(apiKey).padStart(2, '0')}-${kebab(name)}-v${apiVersion}.bin`;
}

async function driveKafkajs(bootstrap: string): Promise<void> {
  const kafka = new Kafka({ clientId: 'golden-kafkajs', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: 'golden-kafkajs', numPartitions: 2 }, { topic: 'golden-kafkajs-doomed' }] });
  await admin.fetchTopicOffsets('golden-kafkajs');
  await admin.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: 'golden-kafkajs' }], includeSynonyms: false });
  await admin.createPartitions({ topicPartitions: [{ topic: 'golden-kafkajs', count: 3 }] });
  await admin.deleteTopics({ topics: ['golden-kafkajs-doomed'] });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: 'golden-kafkajs',
    compression: CompressionTypes.GZIP,
    messages: [{ key: 'key-1', value: 'hello from kafkajs', headers: { trace: 'abc-123' } }],
  });
  await producer.disconnect();
}

async function driveKcat(bootstrap: string): Promise<void> {
  const kcat = (args: string[], input = '') => {
    const child = run('kcat', ['-b', bootstrap, ...args], { timeout: 20_000 });
    child.child.stdin?.end(input);
    return child;
  };
  await kcat(['-L']);
  const codecs = [['-z', 'gzip'], ['-z', 'snappy'], ['-z', 'lz4'], ['-X', 'compression.codec=zstd']];
  for (const codec of codecs) {
    await kcat(['-P', '-t', 'golden-kcat', '-p', '0', '-K', ':', '-H', 'trace=abc-123', ...codec], `key-1:hello from kcat ${codec.join(' ')}\n`);
  }
  await kcat(['-C', '-t', 'golden-kcat', '-p', '0', '-o', 'beginning', '-e', '-q']);
  await kcat(['-Q', '-t', `golden-kcat:0:${Date.now() - 60_000}`]);
}

const CONFLUENT_SCRIPT = `
import sys
from confluent_kafka import OFFSET_BEGINNING, Consumer, KafkaError, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic
bootstrap = sys.argv[1]
admin = AdminClient({"bootstrap.servers": bootstrap})
for future in admin.create_topics([NewTopic("golden-confluent", 1, 1), NewTopic("golden-confluent-doomed", 1, 1)]).values():
    future.result(10)
for future in admin.delete_topics(["golden-confluent-doomed"]).values():
    future.result(10)
producer = Producer({"bootstrap.servers": bootstrap})
producer.produce("golden-confluent", key=b"key-1", value=b"hello from confluent-kafka", headers=[("trace", b"abc-123")])
assert producer.flush(10) == 0
consumer = Consumer({"bootstrap.servers": bootstrap, "group.id": "golden-assign-only", "enable.auto.commit": False, "enable.partition.eof": True})
consumer.assign([TopicPartition("golden-confluent", 0, OFFSET_BEGINNING)])
while True:
    message = consumer.poll(10)
    if message is None or (message.error() and message.error().code() == KafkaError._PARTITION_EOF):
        break
consumer.close()
`;

const KAFKA_PYTHON_SCRIPT = `
import sys
from kafka import KafkaAdminClient, KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import NewTopic
bootstrap = sys.argv[1]
admin = KafkaAdminClient(bootstrap_servers=bootstrap)
admin.create_topics([NewTopic("golden-kafka-python", 1, 1)])
admin.close()
producer = KafkaProducer(bootstrap_servers=bootstrap)
producer.send("golden-kafka-python", key=b"key-1", value=b"hello from kafka-python", headers=[("trace", b"abc-123")]).get(10)
producer.close(5)
consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False, fetch_max_wait_ms=100)
partition = TopicPartition("golden-kafka-python", 0)
consumer.assign([partition])
consumer.seek_to_beginning()
consumer.poll(timeout_ms=3000)
consumer.close()
`;

async function clientVersions(): Promise<Record<ClientName, string>> {
  const kafkajsVersion = (createRequire(import.meta.url)('kafkajs/package.json') as { version: string }).version;
  const kcat = (await run('kcat', ['-V'])).stdout.match(/Version (\S+).*?librdkafka (\S+)/s);
  const python = (await run(PYTHON, ['-c', 'import confluent_kafka, kafka; print(confluent_kafka.version()[0], confluent_kafka.libversion()[0], kafka.__version__)'])).stdout.trim().split(' ');
  return {
    kafkajs: kafkajsVersion,
    kcat: kcat ? `${kcat[1]} (librdkafka ${kcat[2]})` : 'unknown',
    'confluent-kafka': `${python[0]} (librdkafka ${python[1]})`,
    'kafka-python': python[2] ?? 'unknown',
  };
}

function readme(versions: Record<ClientName, string>, written: string[], skipped: string[]): string {
  return [
    '# Golden request frames',
    '',
    'Request frames exactly as real clients sent them to the Kafka Lanes broker, one per',
    '(client, API key, version): the first one seen. Each `.bin` file is the frame without its',
    'int32 size prefix (header, then body). `tests/unit/broker/protocol/golden-bytes.test.ts`',
    'decodes and re-encodes every one, and `tests/integration/broker/fuzz.test.ts` mutates them.',
    '',
    'Captured with `npx tsx scripts/capture-golden.ts`: the broker runs in memory behind a',
    'recording TCP proxy and advertises the proxy as its address, so every connection (bootstrap',
    'and after Metadata) passes through it. Then each client runs in turn:',
    '',
    `- **kafkajs** ${versions.kafkajs}: admin createTopics, fetchTopicOffsets, describeConfigs,`,
    '  createPartitions, deleteTopics; a producer send with gzip and headers.',
    `- **kcat** ${versions.kcat}: \`-L\`; \`-P\` with gzip, snappy, lz4 and zstd; \`-C -o beginning -e\`; \`-Q\`.`,
    `- **confluent-kafka** ${versions['confluent-kafka']}: AdminClient create and delete topics;`,
    '  Producer; Consumer with assign().',
    `- **kafka-python** ${versions['kafka-python']}: KafkaAdminClient create_topics; KafkaProducer;`,
    '  KafkaConsumer with assign().',
    '',
    'The Python clients are the Debian bookworm packages (run with /usr/bin/python3).',
    `Frames over ${MAX_FIXTURE_BYTES / 1024} KiB are not kept${skipped.length > 0 ? ` (skipped: ${skipped.join(', ')})` : ''}.`,
    '',
    '## Files',
    '',
    ...written.map((file) => `- \`${file}\``),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const firstFrames = new Map<string, CapturedFrame>();
  const skipped: string[] = [];
  const proxy = await RecordingProxy.open((captured) => {
    const { client, frame } = captured;
    if (frame.length < 4) return;
    const key = `${client}/${fixtureName(frame.readInt16BE(0), frame.readInt16BE(2))}`;
    if (firstFrames.has(key)) return;
    if (frame.length > MAX_FIXTURE_BYTES) {
      if (!skipped.includes(key)) skipped.push(key);
      return;
    }
    firstFrames.set(key, captured);
  });
  const broker = await startBroker({ port: 0, advertisedHost: '127.0.0.1', advertisedPort: proxy.port });
  proxy.targetPort = broker.port;
  const bootstrap = `127.0.0.1:${proxy.port}`;
  const phases: [ClientName, () => Promise<unknown>][] = [
    ['kafkajs', () => driveKafkajs(bootstrap)],
    ['kcat', () => driveKcat(bootstrap)],
    ['confluent-kafka', () => run(PYTHON, ['-c', CONFLUENT_SCRIPT, bootstrap], { timeout: 60_000 })],
    ['kafka-python', () => run(PYTHON, ['-c', KAFKA_PYTHON_SCRIPT, bootstrap], { timeout: 60_000 })],
  ];
  try {
    for (const [client, drive] of phases) {
      proxy.client = client;
      await drive();
      // Let the last frames of closing connections arrive before the next phase.
      await new Promise((done) => setTimeout(done, 200));
    }
  } finally {
    proxy.client = null;
    await proxy.close();
    await broker.close();
  }

  mkdirSync(goldenDir, { recursive: true });
  for (const entry of readdirSync(goldenDir, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    rmSync(join(goldenDir, entry.name), { recursive: true });
  }
  const written = [...firstFrames.keys()].sort();
  for (const key of written) {
    const target = join(goldenDir, key);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, firstFrames.get(key)!.frame);
  }
  writeFileSync(join(goldenDir, 'README.md'), readme(await clientVersions(), written, skipped));
  console.log(`wrote ${written.length} fixtures to tests/fixtures/golden:`);
  for (const key of written) console.log(`  ${key} (${firstFrames.get(key)!.frame.length} bytes)`);
  if (skipped.length > 0) console.log(`skipped (over ${MAX_FIXTURE_BYTES} bytes): ${skipped.join(', ')}`);
}

await main();
