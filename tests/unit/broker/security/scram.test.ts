import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SaslAuthenticationError } from '../../../../src/broker/security/sasl-exchange.js';
import { ScramExchange, scramCredential, type ScramHash } from '../../../../src/broker/security/scram.js';

// RFC 7677 section 3: user "user", password "pencil", 4096 iterations.
const RFC_CLIENT_FIRST = 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO';
const RFC_SERVER_NONCE = '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
const RFC_SALT = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');
const RFC_SERVER_FIRST = 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096';
const RFC_CLIENT_FINAL = 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=';
const RFC_SERVER_FINAL = 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=';

function exchange(hash: ScramHash, users: Record<string, string>, salt: Buffer, serverNonce: string): ScramExchange {
  return new ScramExchange(
    hash,
    (user) => (users[user] === undefined ? undefined : scramCredential(hash, users[user]!, salt)),
    () => serverNonce,
  );
}

const text = (token: Buffer) => token.toString('utf8');
const send = (scram: ScramExchange, message: string) => scram.respond(Buffer.from(message, 'utf8'));

/** The client side of RFC 5802, written out independently of the server code. */
function clientFinal(hash: ScramHash, password: string, clientFirstBare: string, serverFirst: string, echoPrefix = ''): string {
  const attrs = Object.fromEntries(serverFirst.split(',').map((part) => [part[0], part.slice(2)]));
  const bytes = hash === 'sha256' ? 32 : 64;
  const salted = pbkdf2Sync(password, Buffer.from(attrs.s!, 'base64'), Number(attrs.i), bytes, hash);
  const clientKey = createHmac(hash, salted).update('Client Key').digest();
  const storedKey = createHash(hash).update(clientKey).digest();
  const withoutProof = `c=biws,r=${echoPrefix}${attrs.r}`;
  const signature = createHmac(hash, storedKey).update(`${clientFirstBare},${serverFirst},${withoutProof}`).digest();
  const proof = Buffer.from(clientKey.map((byte, i) => byte ^ signature[i]!));
  return `${withoutProof},p=${proof.toString('base64')}`;
}

describe('SCRAM server', () => {
  it('reproduces the RFC 7677 SCRAM-SHA-256 exchange byte for byte', () => {
    const scram = exchange('sha256', { user: 'pencil' }, RFC_SALT, RFC_SERVER_NONCE);
    const first = send(scram, RFC_CLIENT_FIRST);
    expect(text(first.token)).toBe(RFC_SERVER_FIRST);
    expect(first.done).toBe(false);
    const final = send(scram, RFC_CLIENT_FINAL);
    expect(text(final.token)).toBe(RFC_SERVER_FINAL);
    expect(final.done).toBe(true);
  });

  it('rejects the RFC client proof when the password differs', () => {
    const scram = exchange('sha256', { user: 'pen' }, RFC_SALT, RFC_SERVER_NONCE);
    send(scram, RFC_CLIENT_FIRST);
    expect(() => send(scram, RFC_CLIENT_FINAL)).toThrow(/Invalid user credentials/);
  });

  it.each(['sha256', 'sha512'] as const)('authenticates an independent %s client and rejects a wrong password', (hash) => {
    const salt = Buffer.from('0123456789abcdef');
    const ok = exchange(hash, { alice: 'wonder,land=' }, salt, 'SERVERNONCE');
    const serverFirst = text(send(ok, 'n,,n=alice,r=abc').token);
    expect(serverFirst).toBe(`r=abcSERVERNONCE,s=${salt.toString('base64')},i=4096`);
    expect(send(ok, clientFinal(hash, 'wonder,land=', 'n=alice,r=abc', serverFirst)).done).toBe(true);

    const bad = exchange(hash, { alice: 'wonder,land=' }, salt, 'SERVERNONCE');
    send(bad, 'n,,n=alice,r=abc');
    expect(() => send(bad, clientFinal(hash, 'wrong', 'n=alice,r=abc', serverFirst))).toThrow(SaslAuthenticationError);
  });

  it('accepts librdkafka 2.0.2\'s echo, which repeats the client nonce in front of the combined one', () => {
    const salt = Buffer.from('librdkafka-salt!');
    const scram = exchange('sha256', { bob: 'pw' }, salt, 'SRV');
    const serverFirst = text(send(scram, 'n,,n=bob,r=cn').token);
    expect(serverFirst).toMatch(/^r=cnSRV,/);
    const echoed = clientFinal('sha256', 'pw', 'n=bob,r=cn', serverFirst, 'cn');
    expect(send(scram, echoed).done).toBe(true);
  });

  it('rejects an unknown user at the first message', () => {
    expect(() => send(exchange('sha256', {}, RFC_SALT, 'x'), 'n,,n=nobody,r=abc')).toThrow(/Invalid user credentials/);
  });

  it('decodes =2C and =3D in user names and refuses other escapes', () => {
    const scram = exchange('sha256', { 'a,b=c': 'pw' }, RFC_SALT, 'N');
    expect(send(scram, 'n,,n=a=2Cb=3Dc,r=r1').done).toBe(false);
    expect(() => send(exchange('sha256', {}, RFC_SALT, 'N'), 'n,,n=a=41,r=r1')).toThrow(/encoding/);
  });

  it('refuses channel binding, a different authzid, a replaced nonce and a wrong channel-binding echo', () => {
    const fresh = () => exchange('sha256', { user: 'pencil' }, RFC_SALT, RFC_SERVER_NONCE);
    expect(() => send(fresh(), 'p=tls-unique,,n=user,r=abc')).toThrow(/channel binding/);
    expect(() => send(fresh(), 'n,a=admin,n=user,r=abc')).toThrow(/authorization id/);
    expect(send(fresh(), 'n,a=user,n=user,r=abc').done).toBe(false);

    const nonce = fresh();
    send(nonce, RFC_CLIENT_FIRST);
    expect(() => send(nonce, RFC_CLIENT_FINAL.replace('k0,p=', 'k1,p='))).toThrow(/nonce/);
    const truncated = fresh();
    send(truncated, RFC_CLIENT_FIRST);
    expect(() => send(truncated, RFC_CLIENT_FINAL.replace('$k0,p=', ',p='))).toThrow(/nonce/);
    const binding = fresh();
    send(binding, RFC_CLIENT_FIRST);
    expect(() => send(binding, RFC_CLIENT_FINAL.replace('c=biws', 'c=eSws'))).toThrow(/channel binding/);
  });

  it('accepts no further token once finished, even after a failure', () => {
    const scram = exchange('sha256', { user: 'pencil' }, RFC_SALT, RFC_SERVER_NONCE);
    expect(() => send(scram, 'garbage')).toThrow(SaslAuthenticationError);
    expect(() => send(scram, RFC_CLIENT_FIRST)).toThrow(/already finished/);
  });
});
