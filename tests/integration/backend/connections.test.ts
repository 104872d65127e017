import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOk } from '../support/run-process.js';
import { makeTempDir, startTestBroker, type TestBroker } from '../broker/helpers.js';
import { failureOf, startBackend, unusedPort, type BackendHarness } from './helpers.js';

const profile = (bootstrap: string, extra: Record<string, unknown> = {}) => ({ name: 'Under test', bootstrapServers: [bootstrap], color: '#445566', ...extra });

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as { port: number }).port;
}


async function selfSignedCert(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const certPath = join(dir, `${name}.pem`);
  const keyPath = join(dir, `${name}.key`);
  await runOk('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '1', '-subj', `/CN=${name}`, '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost']);
  return { cert: readFileSync(certPath, 'utf8'), key: readFileSync(keyPath, 'utf8') };
}

describe('connection profiles', () => {
  let h: BackendHarness;
  beforeAll(() => {
    h = startBackend({ localBrokerPort: 19092 });
  });
  afterAll(() => h?.stop());

  it('lists the built-in local broker profile first, pointing at the preferred port while it is stopped', async () => {
    const [local] = await h.client.call('connections.list', {});
    expect(local).toMatchObject({ id: 'local', name: 'Local broker', builtIn: true, readOnly: false, bootstrapServers: ['127.0.0.1:19092'] });
    expect(local.color).toMatch(/^#[0-9a-f]{6}$/);
    expect(await failureOf(h.client.call('connections.remove', { id: 'local' }))).toMatchObject({ code: 'BUILT_IN_CONNECTION' });
    expect(await failureOf(h.client.call('connections.save', { ...profile('x:1'), id: 'local' }))).toMatchObject({ code: 'BUILT_IN_CONNECTION' });
  });

  it('saves a profile with secrets that never come back, in a 0600 file', async () => {
    const saved = await h.client.call('connections.save', {
      ...profile('kafka.example:9093', { readOnly: true }),
      tls: { enabled: true, ca: '-----BEGIN CERTIFICATE-----\nTOP-SECRET-CA\n-----END CERTIFICATE-----', key: 'TOP-SECRET-KEY' },
      sasl: { mechanism: 'scram-sha-256', username: 'alice', password: 'TOP-SECRET-PASSWORD' },
    });
    expect(saved).toMatchObject({ builtIn: false, readOnly: true, clientId: 'kafka-lanes', tls: { enabled: true, hasCa: true, hasCert: false, hasKey: true, rejectUnauthorized: true } });
    expect(saved.sasl).toEqual({ mechanism: 'scram-sha-256', username: 'alice', hasPassword: true });
    const listed = await h.client.call('connections.list', {});
    expect(listed.map((p) => p.id)).toEqual(['local', saved.id]);
    expect(JSON.stringify([saved, listed])).not.toMatch(/TOP-SECRET/);
    expect(statSync(join(h.userDataDir, 'connections.json')).mode & 0o777).toBe(0o600);
  });

  it('removes a profile, and names an unknown one', async () => {
    const saved = await h.client.call('connections.save', profile('gone.example:9092'));
    await h.client.call('connections.remove', { id: saved.id });
    expect((await h.client.call('connections.list', {})).map((p) => p.id)).not.toContain(saved.id);
    expect(await failureOf(h.client.call('connections.remove', { id: saved.id }))).toMatchObject({ code: 'CONNECTION_NOT_FOUND' });
  });

  it('refuses a malformed bootstrap address as invalid input', async () => {
    expect(await failureOf(h.client.call('connections.save', profile('no-port')))).toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('connections.test', () => {
  let h: BackendHarness;
  let plain: TestBroker;
  const temp = makeTempDir('kafka-lanes-conn-test-');
  const servers: Server[] = [];
  beforeAll(async () => {
    h = startBackend();
    plain = await startTestBroker();
  });
  afterAll(async () => {
    for (const server of servers) server.close();
    await h?.stop();
    await plain?.stop();
    temp.remove();
  });

  it('succeeds against a broker, by id and as an unsaved profile', async () => {
    const saved = await h.client.call('connections.save', profile(plain.bootstrap));
    const byId = await h.client.call('connections.test', { id: saved.id });
    expect(byId).toMatchObject({ ok: true, clusterId: plain.clusterId, brokers: 1 });
    expect(await h.client.call('connections.test', { profile: profile(plain.bootstrap) })).toMatchObject({ ok: true, clusterId: plain.clusterId });
  });

  it('says unreachable for a closed port, and other calls say BROKER_UNREACHABLE', async () => {
    const address = `127.0.0.1:${await unusedPort()}`;
    const result = await h.client.call('connections.test', { profile: profile(address) });
    expect(result).toMatchObject({ ok: false, cause: 'unreachable' });
    if (!result.ok) expect(result.message).toMatch(/nothing is listening/);

    const saved = await h.client.call('connections.save', profile(address));
    expect(await failureOf(h.client.call('topics.list', { connectionId: saved.id }))).toMatchObject({ code: 'BROKER_UNREACHABLE', retriable: true });
  });

  it('says unreachable for a host name that does not resolve', async () => {
    const result = await h.client.call('connections.test', { profile: profile('no-such-host.invalid:9092') });
    expect(result).toMatchObject({ ok: false, cause: 'unreachable' });
  });

  it('says not-kafka for a server that answers something else', async () => {
    const http = createServer((socket) => socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')));
    servers.push(http);
    const result = await h.client.call('connections.test', { profile: profile(`127.0.0.1:${await listen(http)}`) });
    expect(result).toMatchObject({ ok: false, cause: 'not-kafka' });
    if (!result.ok) expect(result.message).toMatch(/not in the Kafka protocol.*HTTP/);
  });

  it('answers within 10 s when a server accepts and then says nothing', async () => {
    const silent = createServer(() => undefined);
    servers.push(silent);
    const started = Date.now();
    const result = await h.client.call('connections.test', { profile: profile(`127.0.0.1:${await listen(silent)}`) });
    expect(result).toMatchObject({ ok: false, cause: 'timeout' });
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 15_000);

  describe('against TLS and SASL brokers', () => {
    let ca: { cert: string; key: string };
    let otherCa: { cert: string; key: string };
    let tlsBroker: TestBroker;
    let saslBroker: TestBroker;
    beforeAll(async () => {
      ca = await selfSignedCert(temp.path, 'broker');
      otherCa = await selfSignedCert(temp.path, 'stranger');
      tlsBroker = await startTestBroker({ tls: ca });
      saslBroker = await startTestBroker({ sasl: { users: { alice: 'alice-secret' } } });
    });
    afterAll(async () => {
      await tlsBroker?.stop();
      await saslBroker?.stop();
    });

    it('succeeds over TLS with the right CA', async () => {
      expect(await h.client.call('connections.test', { profile: profile(tlsBroker.bootstrap, { tls: { enabled: true, ca: ca.cert } }) })).toMatchObject({ ok: true, brokers: 1 });
    });

    it('says tls when the profile has TLS off but the listener wants it', async () => {
      const result = await h.client.call('connections.test', { profile: profile(tlsBroker.bootstrap) });
      expect(result).toMatchObject({ ok: false, cause: 'tls' });
      if (!result.ok) expect(result.message).toMatch(/expects TLS/);
    });

    it('says tls when the certificate is signed by another CA', async () => {
      const result = await h.client.call('connections.test', { profile: profile(tlsBroker.bootstrap, { tls: { enabled: true, ca: otherCa.cert } }) });
      expect(result).toMatchObject({ ok: false, cause: 'tls' });
    });

    it('says tls when the profile uses TLS against a plaintext listener', async () => {
      const result = await h.client.call('connections.test', { profile: profile(plain.bootstrap, { tls: { enabled: true } }) });
      expect(result).toMatchObject({ ok: false, cause: 'tls' });
    });

    it('says auth for a wrong SASL password, and succeeds with the right one', async () => {
      const sasl = (password: string) => ({ mechanism: 'scram-sha-256' as const, username: 'alice', password });
      const wrong = await h.client.call('connections.test', { profile: profile(saslBroker.bootstrap, { sasl: sasl('nope') }) });
      expect(wrong).toMatchObject({ ok: false, cause: 'auth' });
      expect(await h.client.call('connections.test', { profile: profile(saslBroker.bootstrap, { sasl: sasl('alice-secret') }) })).toMatchObject({ ok: true });
    });

    it('says auth when the broker wants a SASL login and the profile has none', async () => {
      const result = await h.client.call('connections.test', { profile: profile(saslBroker.bootstrap) });
      expect(result).toMatchObject({ ok: false, cause: 'auth' });
      if (!result.ok) expect(result.message).toMatch(/requires a SASL login/);
    });

    it('keeps the stored password when a profile is saved or tested without it', async () => {
      const saved = await h.client.call('connections.save', profile(saslBroker.bootstrap, { sasl: { mechanism: 'plain', username: 'alice', password: 'alice-secret' } }));
      const edit = { ...profile(saslBroker.bootstrap, { sasl: { mechanism: 'plain', username: 'alice' } }), id: saved.id, name: 'Renamed' };
      expect(await h.client.call('connections.test', { profile: edit })).toMatchObject({ ok: true });
      const resaved = await h.client.call('connections.save', edit);
      expect(resaved.sasl?.hasPassword).toBe(true);
      expect(await h.client.call('connections.test', { id: saved.id })).toMatchObject({ ok: true });
      expect(await h.client.call('cluster.describe', { connectionId: saved.id })).toMatchObject({ clusterId: saslBroker.clusterId });
      // Sizes come over the same logged-in connections as everything else.
      await h.client.call('topics.create', { connectionId: saved.id, topic: 'behind-sasl', partitions: 1, replicationFactor: 1 });
      await h.client.call('produce.send', { connectionId: saved.id, topic: 'behind-sasl', value: { data: 'secret stuff' } });
      const [topic] = await h.client.call('topics.list', { connectionId: saved.id });
      expect(topic).toMatchObject({ name: 'behind-sasl', messageCount: '1' });
      expect(Number(topic.sizeBytes)).toBeGreaterThan(0);
    });

    it('gives topic calls AUTH_FAILED with a wrong password', async () => {
      const saved = await h.client.call('connections.save', profile(saslBroker.bootstrap, { sasl: { mechanism: 'plain', username: 'alice', password: 'wrong' } }));
      expect(await failureOf(h.client.call('topics.list', { connectionId: saved.id }))).toMatchObject({ code: 'AUTH_FAILED' });
    });
  });
});
