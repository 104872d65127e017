// `kafka-lanes/broker` is a product of its own: a plain Node program (no
// TypeScript loader) imports it by package name, starts it and a real client
// talks to it.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { runOk } from '../support/run-process.js';

const root = resolve(import.meta.dirname, '../../..');

beforeAll(() => {
  execFileSync('npm', ['run', '--silent', 'build:broker'], { cwd: root, stdio: 'pipe' });
}, 120_000);

it('starts from the compiled package export in plain Node and serves kafkajs', async () => {
  const program = `
    import { startBroker } from 'kafka-lanes/broker';
    import { Kafka, logLevel } from 'kafkajs';
    const broker = await startBroker({ port: 0 });
    const admin = new Kafka({ brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'from-package', numPartitions: 2 }] });
    const cluster = await admin.describeCluster();
    const topics = await admin.listTopics();
    await admin.disconnect();
    await broker.close();
    console.log(JSON.stringify({ clusterId: cluster.clusterId, expected: broker.clusterId, brokers: cluster.brokers.length, topics }));
  `;
  const out = await runOk(process.execPath, ['--input-type=module', '-e', program], { timeoutMs: 30_000 });
  const result = JSON.parse(out) as { clusterId: string; expected: string; brokers: number; topics: string[] };
  expect(result.clusterId).toBe(result.expected);
  expect(result.brokers).toBe(1);
  expect(result.topics).toContain('from-package');
});
