import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProfileStore, viewOf, type ProfileDraft } from '../../../src/backend/connections/profile-store.js';
import { silentLogger } from '../../../src/backend/ports.js';
import { profileView } from '../../../src/shared/contract/connections.js';
import { AppFailure } from '../../../src/shared/rpc/result.js';

const CA = '-----BEGIN CERTIFICATE-----\nCA-PEM\n-----END CERTIFICATE-----';
const KEY = '-----BEGIN PRIVATE KEY-----\nKEY-PEM\n-----END PRIVATE KEY-----';

function draft(overrides: Partial<ProfileDraft> = {}): ProfileDraft {
  return {
    name: 'Staging',
    bootstrapServers: ['kafka-1.example:9093'],
    clientId: 'kafka-lanes',
    readOnly: true,
    color: '#3b82f6',
    tls: { enabled: true, ca: CA, cert: 'CERT-PEM', key: KEY, rejectUnauthorized: true },
    sasl: { mechanism: 'scram-sha-512', username: 'alice', password: 's3cret' },
    ...overrides,
  };
}

describe('ProfileStore', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kafka-lanes-profiles-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes connections.json readable by its owner only, with no temp file left behind', () => {
    new ProfileStore(dir, silentLogger).save(draft());
    const file = join(dir, 'connections.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['connections.json']);
  });

  it('keeps profiles across restarts of the store', () => {
    const saved = new ProfileStore(dir, silentLogger).save(draft());
    const reopened = new ProfileStore(dir, silentLogger);
    expect(reopened.get(saved.id)).toEqual(saved);
  });

  it('shows only whether secrets are set, never their values', () => {
    const saved = new ProfileStore(dir, silentLogger).save(draft());
    const view = viewOf(saved, false);
    expect(profileView.parse(view)).toEqual(view);
    expect(view.tls).toEqual({ enabled: true, hasCa: true, hasCert: true, hasKey: true, rejectUnauthorized: true });
    expect(view.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'alice', hasPassword: true });
    const shown = JSON.stringify(view);
    for (const secret of ['s3cret', 'KEY-PEM', 'CA-PEM', 'CERT-PEM']) expect(shown).not.toContain(secret);
  });

  it('keeps stored secrets when a save leaves them out, and clears one given as empty', () => {
    const store = new ProfileStore(dir, silentLogger);
    const saved = store.save(draft());
    const edited = store.save({ ...draft({ name: 'Staging 2' }), id: saved.id, tls: { enabled: true, rejectUnauthorized: true, key: '' }, sasl: { mechanism: 'scram-sha-512', username: 'alice' } });
    expect(edited.name).toBe('Staging 2');
    expect(edited.sasl?.password).toBe('s3cret');
    expect(edited.tls).toEqual({ enabled: true, rejectUnauthorized: true, ca: CA, cert: 'CERT-PEM' });
    expect(JSON.parse(readFileSync(join(dir, 'connections.json'), 'utf8')).profiles).toHaveLength(1);
  });

  it('does not carry a password over to another user name', () => {
    const store = new ProfileStore(dir, silentLogger);
    const saved = store.save(draft());
    const edited = store.save({ ...draft(), id: saved.id, sasl: { mechanism: 'plain', username: 'bob' } });
    expect(edited.sasl).toEqual({ mechanism: 'plain', username: 'bob' });
  });

  it('refuses to change or remove a reserved (built-in) id', () => {
    const store = new ProfileStore(dir, silentLogger, new Set(['local']));
    expect(() => store.save({ ...draft(), id: 'local' })).toThrow(AppFailure);
    try {
      store.remove('local');
    } catch (error) {
      expect((error as AppFailure).error.code).toBe('BUILT_IN_CONNECTION');
    }
    expect(() => store.remove('missing')).toThrow(/no saved connection/);
  });

  it('removes profiles', () => {
    const store = new ProfileStore(dir, silentLogger);
    const a = store.save(draft({ name: 'A' }));
    const b = store.save(draft({ name: 'B' }));
    store.remove(a.id);
    expect(new ProfileStore(dir, silentLogger).list().map((p) => p.id)).toEqual([b.id]);
  });

  it('moves an unreadable file aside instead of failing or overwriting it', () => {
    writeFileSync(join(dir, 'connections.json'), '{ not json');
    const store = new ProfileStore(dir, silentLogger);
    expect(store.list()).toEqual([]);
    expect(readdirSync(dir).some((name) => name.startsWith('connections.json.unreadable-'))).toBe(true);
  });
});
