// SASL PLAIN (RFC 4616): one client token, `authzid NUL authcid NUL passwd`.
// As in Kafka, the authorization id must be empty or the user's own name,
// because a user may not act for somebody else here.
import { timingSafeEqual } from 'node:crypto';
import { SaslAuthenticationError, type SaslExchange } from './sasl-exchange.js';

export interface PlainCredentials {
  readonly authzid: string;
  readonly username: string;
  readonly password: string;
}

const INVALID_CREDENTIALS = 'Authentication failed: Invalid username or password';

export function parsePlainToken(token: Buffer): PlainCredentials {
  const parts = token.toString('utf8').split('\0');
  if (parts.length !== 3) throw new SaslAuthenticationError('Invalid SASL/PLAIN response: expected 3 tokens separated by NUL');
  const [authzid, username, password] = parts as [string, string, string];
  if (username === '') throw new SaslAuthenticationError('Authentication failed: username not specified');
  if (password === '') throw new SaslAuthenticationError('Authentication failed: password not specified');
  if (authzid !== '' && authzid !== username) {
    throw new SaslAuthenticationError('Authentication failed: Client requested an authorization id that is different from username');
  }
  return { authzid, username, password };
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export class PlainExchange implements SaslExchange {
  private finished = false;

  constructor(private readonly users: ReadonlyMap<string, string>) {}

  respond(token: Buffer): { token: Buffer; done: boolean } {
    if (this.finished) throw new SaslAuthenticationError('SASL/PLAIN takes a single client token');
    this.finished = true;
    const { username, password } = parsePlainToken(token);
    const expected = this.users.get(username);
    if (expected === undefined || !samePassword(password, expected)) throw new SaslAuthenticationError(INVALID_CREDENTIALS);
    return { token: Buffer.alloc(0), done: true };
  }
}
