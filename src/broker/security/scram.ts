// The server side of SCRAM-SHA-256 and SCRAM-SHA-512 (RFC 5802, RFC 7677),
// without channel binding, as Kafka offers it:
//
//   client-first  n,,n=user,r=cnonce
//   server-first  r=cnonce+snonce,s=salt,i=iterations
//   client-final  c=biws,r=cnonce+snonce,p=proof
//   server-final  v=server-signature
//
// The broker keeps only the salted keys (StoredKey, ServerKey), never
// comparing passwords directly: the proof is checked by recovering ClientKey
// from it and hashing that.
import { createHash, createHmac, pbkdf2Sync, timingSafeEqual } from 'node:crypto';
import { SaslAuthenticationError, type SaslExchange } from './sasl-exchange.js';

export type ScramHash = 'sha256' | 'sha512';

export interface ScramCredential {
  readonly salt: Buffer;
  readonly iterations: number;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

/** Kafka's minimum, and RFC 7677's recommendation. */
export const SCRAM_ITERATIONS = 4096;

const DIGEST_BYTES: Record<ScramHash, number> = { sha256: 32, sha512: 64 };

function hmac(hash: ScramHash, key: Buffer, text: string): Buffer {
  return createHmac(hash, key).update(text, 'utf8').digest();
}

function digest(hash: ScramHash, data: Buffer): Buffer {
  return createHash(hash).update(data).digest();
}

export function scramCredential(hash: ScramHash, password: string, salt: Buffer, iterations = SCRAM_ITERATIONS): ScramCredential {
  const saltedPassword = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, DIGEST_BYTES[hash], hash);
  return {
    salt,
    iterations,
    storedKey: digest(hash, hmac(hash, saltedPassword, 'Client Key')),
    serverKey: hmac(hash, saltedPassword, 'Server Key'),
  };
}

const INVALID_CREDENTIALS = 'Authentication failed: Invalid user credentials';

/** RFC 5802 saslname: ',' and '=' travel as =2C and =3D; any other '=' is malformed. */
function decodeSaslName(text: string): string {
  if (/=(?!2C|3D)/.test(text)) throw new SaslAuthenticationError('Invalid SCRAM username encoding');
  return text.replace(/=2C/g, ',').replace(/=3D/g, '=');
}

/** "k=v" attributes in order; values may contain '=' (base64 padding). */
function attributes(text: string): Array<[string, string]> {
  return text.split(',').map((part) => {
    if (!/^[a-zA-Z]=/.test(part)) throw new SaslAuthenticationError(`Invalid SCRAM message attribute "${part}"`);
    return [part[0]!, part.slice(2)];
  });
}

type Step =
  | { readonly name: 'client-first' }
  | { readonly name: 'client-final'; readonly gs2Header: string; readonly nonce: string; readonly authPrefix: string; readonly credential: ScramCredential }
  | { readonly name: 'finished' };

export class ScramExchange implements SaslExchange {
  private step: Step = { name: 'client-first' };

  /**
   * `credentialOf` answers undefined for an unknown user; `serverNonce` must
   * be printable without ',' (base64 is).
   */
  constructor(
    private readonly hash: ScramHash,
    private readonly credentialOf: (username: string) => ScramCredential | undefined,
    private readonly serverNonce: () => string,
  ) {}

  respond(token: Buffer): { token: Buffer; done: boolean } {
    const message = token.toString('utf8');
    const step = this.step;
    // Whatever happens, a failed step ends the exchange.
    this.step = { name: 'finished' };
    if (step.name === 'client-first') return this.clientFirst(message);
    if (step.name === 'client-final') return this.clientFinal(message, step);
    throw new SaslAuthenticationError('SCRAM exchange already finished');
  }

  private clientFirst(message: string): { token: Buffer; done: boolean } {
    const match = /^([ny]|p=[^,]*),(a=[^,]*)?,(.*)$/.exec(message);
    if (!match) throw new SaslAuthenticationError('Invalid SCRAM client first message');
    if (match[1]!.startsWith('p=')) throw new SaslAuthenticationError('SCRAM channel binding is not supported');
    const bare = match[3]!;
    const [user, nonce] = attributes(bare);
    if (user?.[0] !== 'n' || nonce?.[0] !== 'r' || nonce[1] === '') throw new SaslAuthenticationError('Invalid SCRAM client first message');
    const username = decodeSaslName(user[1]);
    const authzid = match[2] === undefined ? '' : decodeSaslName(match[2].slice(2));
    if (authzid !== '' && authzid !== username) {
      throw new SaslAuthenticationError('Authentication failed: Client requested an authorization id that is different from username');
    }
    const credential = this.credentialOf(username);
    if (!credential) throw new SaslAuthenticationError(INVALID_CREDENTIALS);

    const combinedNonce = nonce[1] + this.serverNonce();
    const serverFirst = `r=${combinedNonce},s=${credential.salt.toString('base64')},i=${credential.iterations}`;
    const gs2Header = message.slice(0, message.length - bare.length);
    this.step = { name: 'client-final', gs2Header, nonce: combinedNonce, authPrefix: `${bare},${serverFirst}`, credential };
    return { token: Buffer.from(serverFirst, 'utf8'), done: false };
  }

  private clientFinal(message: string, step: Extract<Step, { name: 'client-final' }>): { token: Buffer; done: boolean } {
    const proofAt = message.lastIndexOf(',p=');
    if (proofAt < 0) throw new SaslAuthenticationError('Invalid SCRAM client final message: no proof');
    const withoutProof = message.slice(0, proofAt);
    const [binding, nonce] = attributes(withoutProof);
    if (binding?.[0] !== 'c' || Buffer.from(binding[1], 'base64').toString('utf8') !== step.gs2Header) {
      throw new SaslAuthenticationError('Invalid SCRAM client final message: channel binding does not match');
    }
    // RFC 5802 wants the nonce echoed exactly; librdkafka 2.0.2 sends its own
    // nonce in front of the echo, and Kafka accepts any nonce that ends with
    // ours, so we do too. The server part still has to come back.
    if (nonce?.[0] !== 'r' || !nonce[1].endsWith(step.nonce)) throw new SaslAuthenticationError('Invalid SCRAM client final message: nonce does not match');

    const proof = Buffer.from(message.slice(proofAt + 3), 'base64');
    const authMessage = `${step.authPrefix},${withoutProof}`;
    const { storedKey, serverKey } = step.credential;
    const clientSignature = hmac(this.hash, storedKey, authMessage);
    if (proof.length !== clientSignature.length) throw new SaslAuthenticationError(INVALID_CREDENTIALS);
    const clientKey = Buffer.from(proof.map((byte, i) => byte ^ clientSignature[i]!));
    if (!timingSafeEqual(digest(this.hash, clientKey), storedKey)) throw new SaslAuthenticationError(INVALID_CREDENTIALS);

    const serverSignature = hmac(this.hash, serverKey, authMessage);
    return { token: Buffer.from(`v=${serverSignature.toString('base64')}`, 'utf8'), done: true };
  }
}
