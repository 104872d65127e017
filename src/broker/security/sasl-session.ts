// Per-connection SASL state, and the broker-wide user store it checks against.
//
// Kafka's order on a SASL listener: ApiVersions (optional), SaslHandshake,
// then the mechanism's tokens, and only then anything else. The tokens travel
// inside SaslAuthenticate requests after a v1 handshake, and bare (a size
// prefix and the token, no request header) after a v0 handshake, which is what
// kafka-python 2.0.2 does. A failed login is answered and then the
// connection is closed; a request out of order just closes it.
import { randomBytes } from 'node:crypto';
import { ErrorCode } from '../protocol/error-codes.js';
import { PlainExchange } from './plain.js';
import type { SaslMechanism, SaslSettings } from './sasl-settings.js';
import { SaslAuthenticationError, type SaslExchange } from './sasl-exchange.js';
import { ScramExchange, scramCredential, type ScramCredential, type ScramHash } from './scram.js';

const SCRAM_HASHES: Partial<Record<SaslMechanism, ScramHash>> = { 'SCRAM-SHA-256': 'sha256', 'SCRAM-SHA-512': 'sha512' };

/** Broker-wide: the configured users and their SCRAM keys, derived once per user and hash. */
export class SaslUserStore {
  private readonly scramKeys = new Map<string, ScramCredential>();

  constructor(
    readonly settings: SaslSettings,
    private readonly nonce: () => Buffer = () => randomBytes(18),
  ) {}

  newExchange(mechanism: SaslMechanism): SaslExchange {
    const hash = SCRAM_HASHES[mechanism];
    if (hash === undefined) return new PlainExchange(this.settings.users);
    return new ScramExchange(hash, (user) => this.scramCredential(hash, user), () => this.nonce().toString('base64'));
  }

  private scramCredential(hash: ScramHash, user: string): ScramCredential | undefined {
    const password = this.settings.users.get(user);
    if (password === undefined) return undefined;
    const cacheKey = `${hash}\0${user}`;
    let credential = this.scramKeys.get(cacheKey);
    if (!credential) {
      credential = scramCredential(hash, password, randomBytes(16));
      this.scramKeys.set(cacheKey, credential);
    }
    return credential;
  }
}

export interface HandshakeOutcome {
  readonly errorCode: number;
  readonly mechanisms: string[];
}

export interface AuthenticateOutcome {
  readonly errorCode: number;
  readonly errorMessage: string | null;
  readonly token: Buffer;
}

type State = 'open' | 'awaiting-handshake' | 'authenticating' | 'authenticated';

export class SaslSession {
  private state: State;
  private exchange: SaslExchange | null = null;
  private rawTokens = false;
  private closing = false;

  /** `users` null: SASL is off and the connection is open from the start. */
  constructor(private readonly users: SaslUserStore | null) {
    this.state = users === null ? 'open' : 'awaiting-handshake';
  }

  /** True when requests other than ApiVersions and the SASL ones may be served. */
  get authenticated(): boolean {
    return this.state === 'open' || this.state === 'authenticated';
  }

  /** True while the next frame is a bare token (after a v0 handshake). */
  get expectsRawToken(): boolean {
    return this.rawTokens;
  }

  /** True once the connection must close after its pending answers are written. */
  get closeAfterResponses(): boolean {
    return this.closing;
  }

  handshake(mechanism: string, apiVersion: number): HandshakeOutcome {
    const enabled = this.users ? [...this.users.settings.mechanisms] : [];
    if (this.state !== 'awaiting-handshake' || !this.users) {
      // Kafka answers this way on a listener without SASL and after login;
      // a second handshake in the middle of a login ends the connection.
      if (this.state === 'authenticating') this.closing = true;
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: enabled };
    }
    const offered = this.users.settings.mechanisms.find((name) => name === mechanism);
    if (offered === undefined) {
      this.closing = true;
      return { errorCode: ErrorCode.UNSUPPORTED_SASL_MECHANISM, mechanisms: enabled };
    }
    this.exchange = this.users.newExchange(offered);
    this.state = 'authenticating';
    this.rawTokens = apiVersion === 0;
    return { errorCode: ErrorCode.NONE, mechanisms: enabled };
  }

  authenticate(token: Buffer): AuthenticateOutcome {
    if (this.state !== 'authenticating' || !this.exchange) {
      if (this.state === 'awaiting-handshake') this.closing = true;
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, errorMessage: `Unexpected SaslAuthenticate request in state ${this.state}`, token: Buffer.alloc(0) };
    }
    try {
      const answer = this.exchange.respond(token);
      if (answer.done) {
        this.state = 'authenticated';
        this.exchange = null;
        this.rawTokens = false;
      }
      return { errorCode: ErrorCode.NONE, errorMessage: null, token: answer.token };
    } catch (error) {
      if (!(error instanceof SaslAuthenticationError)) throw error;
      this.closing = true;
      this.exchange = null;
      this.rawTokens = false;
      return { errorCode: ErrorCode.SASL_AUTHENTICATION_FAILED, errorMessage: error.message, token: Buffer.alloc(0) };
    }
  }
}
