// SASL (PLAIN, SCRAM-SHA-256, SCRAM-SHA-512) and TLS against real clients:
// kafkajs, kcat (librdkafka 2.0.2) and kafka-python 2.0.2, whose SaslHandshake
// v0 makes the broker switch to bare SASL tokens for the login.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBroker, type Logger } from '../../../src/broker/index.js';
import { ErrorCode } from '../../../src/broker/protocol/error-codes.js';
import { decodeResponseFrame, encodeRequestFrame } from '../../../src/broker/protocol/index.js';
import { runOk, runProcess } from '../support/run-process.js';
import { BROKER_CLI, kafkaFor, makeTempDir, spawnCliBroker, startTestBroker, type TestBroker } from './helpers.js';
import { RawClient, requestFrame, str } from './raw-client.js';

const PYTHON = '/usr/bin/python3';
const scripts = resolve(import.meta.dirname, 'python');
const USERS = { alice: 'alice-secret', bob: 'b0b,pass'.replace(',', ':') };
const SASL_CONFIG = { 'sasl.users': Object.entries(USERS).map(([user, password]) => `${user}:${password}`).join(',') };

const kcatMechanisms = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
const kafkajsMechanisms = [['plain', 'alice'], ['scram-sha-256', 'bob'], ['scram-sha-512', 'alice']] as const;

function kcatSasl(broker: TestBroker, mechanism: string, user: keyof typeof USERS, password = USERS[user]): string[] {
  return ['-b', broker.bootstrap, '-X', 'security.protocol=SASL_PLAINTEXT', '-X', `sasl.mechanisms=${mechanism}`,
    '-X', `sasl.username=${user}`, '-X', `sasl.password=${password}`];
}

async function kcatRoundTrip(connect: string[], topic: string, values: string[]): Promise<string[]> {
  await runOk('kcat', ['-P', ...connect, '-t', topic, '-p', '0', '-q'], { input: values.join('\n') + '\n' });
  const out = await runOk('kcat', ['-C', ...connect, '-t', topic, '-p', '0', '-o', 'beginning', '-c', String(values.length), '-f', '%s\n', '-q']);
  return out.split('\n').filter((line) => line.length > 0);
}

describe('SASL_PLAINTEXT', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker({ config: SASL_CONFIG });
  });
  afterAll(() => broker?.stop());

  it.each(kafkajsMechanisms)('kafkajs logs in with %s, produces and lists topics', async (mechanism, user) => {
    const kafka = kafkaFor(broker, { sasl: { mechanism, username: user, password: USERS[user] } as never });
    const topic = `kafkajs-${mechanism}`;
    const producer = kafka.producer();
    await producer.connect();
    const [sent] = await producer.send({ topic, messages: [{ value: 'hello' }] });
    await producer.disconnect();
    expect(sent?.errorCode).toBe(0);
    const admin = kafka.admin();
    await admin.connect();
    expect(await admin.listTopics()).toContain(topic);
    await admin.disconnect();
  });

  it.each(kcatMechanisms)('kcat produces and consumes with %s', async (mechanism) => {
    const values = ['one', 'two', `three ${mechanism}`];
    expect(await kcatRoundTrip(kcatSasl(broker, mechanism, 'bob'), `kcat-${mechanism}`, values)).toEqual(values);
  });

  it.each(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'])('kafka-python 2.0.2 logs in with %s over the v0 (bare token) flow', async (mechanism) => {
    const topic = `kafka-python-${mechanism}`;
    const out = await runOk(PYTHON, [join(scripts, 'kafka_python_sasl.py'), broker.bootstrap, mechanism, 'alice', USERS.alice, topic, 'a', 'b'],
      { timeoutMs: 30_000 });
    expect(JSON.parse(out)).toEqual({ offsets: [0, 1], values: ['a', 'b'] });
  });

  it('kafkajs with a wrong password fails fast with SASL_AUTHENTICATION_FAILED', async () => {
    for (const mechanism of ['plain', 'scram-sha-256'] as const) {
      const admin = kafkaFor(broker, { sasl: { mechanism, username: 'alice', password: 'nope' } as never }).admin();
      const started = Date.now();
      const failure = await admin.connect().then(() => null, (error: Error) => error);
      expect(failure?.name).toBe('KafkaJSSASLAuthenticationError');
      expect(failure?.message).toMatch(/SASL_AUTHENTICATION_FAILED|Authentication failed/);
      expect(Date.now() - started).toBeLessThan(3000);
      await admin.disconnect();
    }
  });

  it('kcat with a wrong password exits non-zero', async () => {
    for (const mechanism of ['PLAIN', 'SCRAM-SHA-512']) {
      const result = await runProcess('kcat', ['-L', ...kcatSasl(broker, mechanism, 'alice', 'wrong'), '-m', '2'], { timeoutMs: 15_000 });
      expect(result.code).not.toBe(0);
      expect(result.stderr).toMatch(/Authentication failed|SASL/i);
    }
  });

  it('closes a connection that sends Metadata before logging in', async () => {
    const client = await RawClient.connect(broker.port);
    try {
      client.send(requestFrame(3, 1, 7, Buffer.from([0xff, 0xff, 0xff, 0xff])));
      expect(await client.closedWithin(3000)).toBe(true);
      expect(client.unreadFrames).toBe(0);
    } finally {
      client.close();
    }
  });

  it('on the wire, v0: bare tokens after the handshake, then Kafka framing again; a wrong password just closes', async () => {
    const bare = (text: string) => Buffer.concat([Buffer.from([0, 0, 0, text.length]), Buffer.from(text)]);
    const client = await RawClient.connect(broker.port);
    try {
      client.send(Buffer.concat(encodeRequestFrame(17, 0, 1, 'raw', { mechanism: 'PLAIN' })));
      expect(decodeResponseFrame(17, 0, await client.nextResponse()).body.errorCode).toBe(ErrorCode.NONE);
      client.send(bare(`\0alice\0${USERS.alice}`));
      expect((await client.nextResponse()).length).toBe(0);
      client.send(Buffer.concat(encodeRequestFrame(3, 1, 2, 'raw', { topics: [] })));
      expect(decodeResponseFrame(3, 1, await client.nextResponse()).correlationId).toBe(2);
    } finally {
      client.close();
    }

    const wrong = await RawClient.connect(broker.port);
    try {
      wrong.send(Buffer.concat(encodeRequestFrame(17, 0, 1, 'raw', { mechanism: 'PLAIN' })));
      await wrong.nextResponse();
      wrong.send(bare('\0alice\0wrong'));
      expect(await wrong.closedWithin(3000)).toBe(true);
      expect(wrong.unreadFrames).toBe(0);
    } finally {
      wrong.close();
    }
  });

  it('on the wire, SaslAuthenticate v2 (flexible): a login with a pipelined Metadata, and a failure answered before the close', async () => {
    const client = await RawClient.connect(broker.port);
    try {
      client.send(Buffer.concat(encodeRequestFrame(17, 1, 1, 'raw', { mechanism: 'PLAIN' })));
      await client.nextResponse();
      client.send(Buffer.concat([
        ...encodeRequestFrame(36, 2, 2, 'raw', { authBytes: Buffer.from(`\0bob\0${USERS.bob}`) }),
        ...encodeRequestFrame(3, 12, 3, 'raw', { topics: [], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false }),
      ]));
      const login = decodeResponseFrame(36, 2, await client.nextResponse());
      expect(login.body).toMatchObject({ errorCode: ErrorCode.NONE, errorMessage: null, sessionLifetimeMs: 0n });
      expect(decodeResponseFrame(3, 12, await client.nextResponse()).correlationId).toBe(3);
    } finally {
      client.close();
    }

    const wrong = await RawClient.connect(broker.port);
    try {
      wrong.send(Buffer.concat(encodeRequestFrame(17, 1, 1, 'raw', { mechanism: 'SCRAM-SHA-256' })));
      await wrong.nextResponse();
      wrong.send(Buffer.concat(encodeRequestFrame(36, 2, 2, 'raw', { authBytes: Buffer.from('n,,n=mallory,r=abc') })));
      const refused = decodeResponseFrame(36, 2, await wrong.nextResponse());
      expect(refused.body).toMatchObject({ errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED, errorMessage: expect.stringMatching(/Invalid user credentials/) });
      expect(await wrong.closedWithin(3000)).toBe(true);
    } finally {
      wrong.close();
    }
  });

  it('refuses frames over 512 KiB before the login, as Kafka does (sasl.server.max.receive.size)', async () => {
    const client = await RawClient.connect(broker.port);
    try {
      client.send(Buffer.from([0x00, 0x08, 0x00, 0x01])); // announces 524289 bytes
      expect(await client.closedWithin(3000)).toBe(true);
    } finally {
      client.close();
    }
  });

  it('answers an unknown mechanism with UNSUPPORTED_SASL_MECHANISM and the enabled list, then closes', async () => {
    const client = await RawClient.connect(broker.port);
    try {
      client.send(requestFrame(17, 1, 9, str('GSSAPI')));
      const response = await client.nextResponse();
      expect(response.readInt32BE(0)).toBe(9);
      expect(response.readInt16BE(4)).toBe(ErrorCode.UNSUPPORTED_SASL_MECHANISM);
      expect(response.readInt32BE(6)).toBe(3);
      expect(response.subarray(10).toString('latin1')).toContain('SCRAM-SHA-512');
      expect(await client.closedWithin(3000)).toBe(true);
    } finally {
      client.close();
    }
  });

  it('still serves in-process streams without a login', async () => {
    const { PassThrough, Duplex } = await import('node:stream');
    const toBroker = new PassThrough();
    const fromBroker = new PassThrough();
    const stream = Duplex.from({ readable: toBroker, writable: fromBroker });
    broker.acceptConnection(stream);
    const answered = new Promise<Buffer>((resolveAnswer) => fromBroker.once('data', resolveAnswer));
    toBroker.write(requestFrame(3, 1, 11, Buffer.from([0xff, 0xff, 0xff, 0xff])));
    const answer = await answered;
    expect(answer.readInt32BE(4)).toBe(11);
    stream.destroy();
  });
});

describe('TLS', () => {
  const temp = makeTempDir('kafka-lanes-tls-');
  const certPath = join(temp.path, 'cert.pem');
  const keyPath = join(temp.path, 'key.pem');
  let cert: string;
  let key: string;

  beforeAll(async () => {
    await runOk('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']);
    cert = readFileSync(certPath, 'utf8');
    key = readFileSync(keyPath, 'utf8');
  });
  afterAll(() => temp.remove());

  it('refuses to start with a key that does not match the certificate, or text that is not PEM', async () => {
    const otherKey = join(temp.path, 'other-key.pem');
    await runOk('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-out', otherKey]);
    await expect(startBroker({ port: 0, tls: { cert, key: readFileSync(otherKey, 'utf8') } })).rejects.toThrow(/TLS certificate and key cannot be used/);
    await expect(startBroker({ port: 0, tls: { cert: 'not a certificate', key } })).rejects.toThrow(/TLS certificate and key cannot be used/);
  });

  it('SSL: kafkajs and kcat trust the test CA and round-trip messages', async () => {
    const broker = await startTestBroker({ tls: { cert, key } });
    try {
      const kafka = kafkaFor(broker, { ssl: { ca: [cert] } });
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: 'tls-kafkajs', messages: [{ value: 'over tls' }] });
      await producer.disconnect();
      const admin = kafka.admin();
      await admin.connect();
      expect(await admin.listTopics()).toContain('tls-kafkajs');
      await admin.disconnect();

      const connect = ['-b', broker.bootstrap, '-X', 'security.protocol=SSL', '-X', `ssl.ca.location=${certPath}`];
      expect(await kcatRoundTrip(connect, 'tls-kcat', ['x', 'y'])).toEqual(['x', 'y']);

      // A plaintext client gets nothing it can read, and no answer.
      const plain = await RawClient.connect(broker.port);
      plain.send(requestFrame(18, 0, 1, Buffer.alloc(0)));
      expect(await plain.closedWithin(3000)).toBe(true);
      expect(plain.unreadFrames).toBe(0);
      plain.close();
    } finally {
      await broker.stop();
    }
  });

  it('SASL_SSL: kafkajs logs in over TLS with SCRAM-SHA-512, and a wrong password is refused', async () => {
    const broker = await startTestBroker({ tls: { cert, key }, sasl: { users: { carol: 'c4rol' }, mechanisms: ['SCRAM-SHA-512'] } });
    try {
      const kafka = kafkaFor(broker, { ssl: { ca: [cert] }, sasl: { mechanism: 'scram-sha-512', username: 'carol', password: 'c4rol' } });
      const admin = kafka.admin();
      await admin.connect();
      await admin.createTopics({ topics: [{ topic: 'sasl-ssl' }] });
      expect(await admin.listTopics()).toContain('sasl-ssl');
      await admin.disconnect();

      const wrong = kafkaFor(broker, { ssl: { ca: [cert] }, sasl: { mechanism: 'scram-sha-512', username: 'carol', password: 'x' } }).admin();
      await expect(wrong.connect()).rejects.toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
      await wrong.disconnect();

      // PLAIN is not enabled on this broker.
      const plain = kafkaFor(broker, { ssl: { ca: [cert] }, sasl: { mechanism: 'plain', username: 'carol', password: 'c4rol' } }).admin();
      await expect(plain.connect()).rejects.toThrow(/SASL mechanism/);
      await plain.disconnect();
    } finally {
      await broker.stop();
    }
  });
  it('CLI: --config-file users and --tls-cert/--tls-key give a SASL_SSL broker that does not warn on 0.0.0.0', async () => {
    const properties = join(temp.path, 'server.properties');
    writeFileSync(properties, '# SASL users for the test\nsasl.users=dave:d4ve\nsasl.enabled.mechanisms=SCRAM-SHA-256\n');
    const broker = await spawnCliBroker(['--host', '0.0.0.0', '--config-file', properties, '--tls-cert', certPath, '--tls-key', keyPath]);
    try {
      const admin = kafkaFor(broker, { ssl: { ca: [cert] }, sasl: { mechanism: 'scram-sha-256', username: 'dave', password: 'd4ve' } }).admin();
      await admin.connect();
      await admin.listTopics();
      await admin.disconnect();
      expect(broker.stderr()).not.toMatch(/without authentication/);
    } finally {
      await broker.stop();
    }

    const half = await runProcess(process.execPath, ['--import', 'tsx', BROKER_CLI, '--port', '0', '--tls-cert', certPath], { timeoutMs: 15_000 });
    expect(half.code).toBe(1);
    expect(half.stderr).toMatch(/--tls-cert and --tls-key go together/);
  });
});

describe('bind warning', () => {
  function capturingLogger(): { logger: Logger; warnings: string[] } {
    const warnings: string[] = [];
    const ignore = () => undefined;
    return { warnings, logger: { debug: ignore, info: ignore, error: ignore, warn: (message) => warnings.push(message) } };
  }

  it('the CLI prints the warning for --host 0.0.0.0 without users', async () => {
    const broker = await spawnCliBroker(['--host', '0.0.0.0']);
    try {
      // stderr and stdout are separate pipes: the warning may arrive just after the address line.
      const warning = /WARN listening on 0\.0\.0\.0, reachable from other machines, without authentication/;
      const deadline = Date.now() + 5000;
      while (!warning.test(broker.stderr()) && Date.now() < deadline) await new Promise((wake) => setTimeout(wake, 20));
      expect(broker.stderr()).toMatch(warning);
    } finally {
      await broker.stop();
    }
  });

  it('warns when listening beyond loopback without SASL, and not with SASL or on loopback', async () => {
    for (const [host, config, expected] of [
      ['0.0.0.0', {}, 1],
      ['0.0.0.0', SASL_CONFIG, 0],
      ['127.0.0.1', {}, 0],
    ] as const) {
      const { logger, warnings } = capturingLogger();
      const broker = await startBroker({ host, port: 0, config, logger });
      await broker.close();
      expect(warnings.filter((warning) => /without authentication/.test(warning)), `${host} ${JSON.stringify(config)}`).toHaveLength(expected);
    }
  });
});
