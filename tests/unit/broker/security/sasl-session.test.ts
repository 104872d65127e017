import { describe, expect, it } from 'vitest';
import { parseBrokerConfig } from '../../../../src/broker/config/parse-broker-config.js';
import { describeBrokerConfig } from '../../../../src/broker/config/describe-broker-config.js';
import { parsePropertiesText } from '../../../../src/broker/config/properties-file.js';
import { ErrorCode } from '../../../../src/broker/protocol/error-codes.js';
import { isLoopbackHost } from '../../../../src/broker/security/loopback.js';
import { PlainExchange, parsePlainToken } from '../../../../src/broker/security/plain.js';
import { SaslSession, SaslUserStore } from '../../../../src/broker/security/sasl-session.js';
import { parseSaslUsers } from '../../../../src/broker/security/sasl-settings.js';

const token = (text: string) => Buffer.from(text, 'utf8');

describe('SASL/PLAIN', () => {
  it('splits authzid, user and password on NUL', () => {
    expect(parsePlainToken(token('\0alice\0se:cret'))).toEqual({ authzid: '', username: 'alice', password: 'se:cret' });
    expect(parsePlainToken(token('alice\0alice\0pw')).authzid).toBe('alice');
  });

  it('refuses malformed tokens and acting for another user', () => {
    expect(() => parsePlainToken(token('alice\0pw'))).toThrow(/3 tokens/);
    expect(() => parsePlainToken(token('\0\0pw'))).toThrow(/username/);
    expect(() => parsePlainToken(token('\0alice\0'))).toThrow(/password/);
    expect(() => parsePlainToken(token('bob\0alice\0pw'))).toThrow(/authorization id/);
  });

  it('checks the password', () => {
    const users = new Map([['alice', 'secret']]);
    expect(new PlainExchange(users).respond(token('\0alice\0secret'))).toEqual({ token: Buffer.alloc(0), done: true });
    expect(() => new PlainExchange(users).respond(token('\0alice\0secreT'))).toThrow(/Invalid username or password/);
    expect(() => new PlainExchange(users).respond(token('\0mallory\0secret'))).toThrow(/Invalid username or password/);
  });
});

describe('SASL config', () => {
  it('parses user:password lists; passwords may hold colons', () => {
    expect([...parseSaslUsers('alice:secret, bob:p:w ,')]).toEqual([['alice', 'secret'], ['bob', 'p:w']]);
    expect(() => parseSaslUsers('alice')).toThrow(/user:password/);
    expect(() => parseSaslUsers(':pw')).toThrow(/user:password/);
    expect(() => parseSaslUsers('a:1,a:2')).toThrow(/"a" repeats/);
  });

  it('is off by default, and users alone enable all three mechanisms', () => {
    expect(parseBrokerConfig({}).sasl).toBeNull();
    const config = parseBrokerConfig({ 'sasl.users': 'alice:secret' });
    expect(config.sasl?.mechanisms).toEqual(['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512']);
    expect(config.sasl?.users.get('alice')).toBe('secret');
  });

  it('takes the listed mechanisms and refuses unknown ones or mechanisms without users', () => {
    const config = parseBrokerConfig({ 'sasl.users': 'a:b', 'sasl.enabled.mechanisms': 'SCRAM-SHA-512, PLAIN' });
    expect(config.sasl?.mechanisms).toEqual(['SCRAM-SHA-512', 'PLAIN']);
    expect(() => parseBrokerConfig({ 'sasl.users': 'a:b', 'sasl.enabled.mechanisms': 'GSSAPI' })).toThrow(/sasl.enabled.mechanisms: expected a comma-separated list of PLAIN/);
    expect(() => parseBrokerConfig({ 'sasl.enabled.mechanisms': 'PLAIN' })).toThrow(/names no user/);
    expect(() => parseBrokerConfig({ 'sasl.users': 'nopassword' })).toThrow(/Invalid value "nopassword" for sasl.users/);
  });

  it('points Kafka\'s JAAS and keystore keys at their replacements', () => {
    expect(() => parseBrokerConfig({ 'sasl.jaas.config': 'x' })).toThrow(/sasl.users as user:password pairs/);
    expect(() => parseBrokerConfig({ 'ssl.keystore.location': 'x' })).toThrow(/--tls-cert and --tls-key/);
  });

  it('never shows the passwords in DescribeConfigs', () => {
    const entries = describeBrokerConfig(parseBrokerConfig({ 'sasl.users': 'alice:secret' }));
    const users = entries.find((entry) => entry.name === 'sasl.users')!;
    expect(users).toMatchObject({ value: null, isSensitive: true, isDefault: false, synonyms: [] });
    expect(JSON.stringify(entries)).not.toContain('secret');
  });

  it('reads server.properties text', () => {
    const text = '# comment\n! also a comment\n\nsasl.users = alice:se=cret\r\nnum.partitions:3\n';
    expect(parsePropertiesText(text)).toEqual({ 'sasl.users': 'alice:se=cret', 'num.partitions': '3' });
    expect(() => parsePropertiesText('just a line', 'server.properties')).toThrow(/server.properties line 1/);
  });
});

describe('SaslSession', () => {
  const store = () => new SaslUserStore({ mechanisms: ['PLAIN', 'SCRAM-SHA-256'], users: new Map([['alice', 'secret']]) });

  it('is open from the start without SASL and answers both SASL requests with ILLEGAL_SASL_STATE', () => {
    const session = new SaslSession(null);
    expect(session.authenticated).toBe(true);
    expect(session.handshake('PLAIN', 1).errorCode).toBe(ErrorCode.ILLEGAL_SASL_STATE);
    expect(session.authenticate(token('\0alice\0secret')).errorCode).toBe(ErrorCode.ILLEGAL_SASL_STATE);
    expect(session.closeAfterResponses).toBe(false);
  });

  it('logs in with PLAIN after a v1 handshake and lists the enabled mechanisms', () => {
    const session = new SaslSession(store());
    expect(session.authenticated).toBe(false);
    expect(session.handshake('PLAIN', 1)).toEqual({ errorCode: ErrorCode.NONE, mechanisms: ['PLAIN', 'SCRAM-SHA-256'] });
    expect(session.expectsRawToken).toBe(false);
    expect(session.authenticate(token('\0alice\0secret')).errorCode).toBe(ErrorCode.NONE);
    expect(session.authenticated).toBe(true);
    expect(session.handshake('PLAIN', 1).errorCode).toBe(ErrorCode.ILLEGAL_SASL_STATE);
    expect(session.closeAfterResponses).toBe(false);
  });

  it('expects bare tokens after a v0 handshake until the login ends', () => {
    const session = new SaslSession(store());
    session.handshake('PLAIN', 0);
    expect(session.expectsRawToken).toBe(true);
    session.authenticate(token('\0alice\0secret'));
    expect(session.expectsRawToken).toBe(false);
    expect(session.authenticated).toBe(true);
  });

  it('fails a wrong password with a message and asks to close', () => {
    const session = new SaslSession(store());
    session.handshake('PLAIN', 1);
    const outcome = session.authenticate(token('\0alice\0wrong'));
    expect(outcome.errorCode).toBe(ErrorCode.SASL_AUTHENTICATION_FAILED);
    expect(outcome.errorMessage).toMatch(/Invalid username or password/);
    expect(session.authenticated).toBe(false);
    expect(session.closeAfterResponses).toBe(true);
  });

  it('refuses a disabled mechanism with the enabled list, a second handshake mid-login, and a token before the handshake; all close', () => {
    const unsupported = new SaslSession(store());
    expect(unsupported.handshake('SCRAM-SHA-512', 1)).toEqual({ errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms: ['PLAIN', 'SCRAM-SHA-256'] });
    expect(unsupported.closeAfterResponses).toBe(true);
    const twice = new SaslSession(store());
    twice.handshake('SCRAM-SHA-256', 1);
    expect(twice.handshake('PLAIN', 1).errorCode).toBe(ErrorCode.ILLEGAL_SASL_STATE);
    expect(twice.closeAfterResponses).toBe(true);
    const early = new SaslSession(store());
    expect(early.authenticate(token('x')).errorCode).toBe(ErrorCode.ILLEGAL_SASL_STATE);
    expect(early.closeAfterResponses).toBe(true);
  });
});

describe('isLoopbackHost', () => {
  it.each([['127.0.0.1', true], ['127.1.2.3', true], ['localhost', true], ['::1', true], ['[::1]', true], ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false], ['::', false], ['', false], ['192.168.1.5', false], ['128.0.0.1', false], ['example.com', false]] as const)('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
