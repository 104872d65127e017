// SaslAuthenticate (key 36), versions 0-2.
//
// Behaviour:
// - Carries one SASL token each way for the mechanism chosen by SaslHandshake
//   v1: one round for PLAIN, two for SCRAM.
// - Bad credentials get SASL_AUTHENTICATION_FAILED with a message saying why,
//   and the connection is closed once that answer is written (Kafka does the
//   same, so clients stop rather than retry on a dead login).
// - Before a handshake, the answer is ILLEGAL_SASL_STATE and the connection
//   closes; without SASL, or after login, ILLEGAL_SASL_STATE alone.
//
// Version notes: v1 adds session_lifetime_ms (always 0: sessions here do not
// expire, so clients never re-authenticate); v2 is the flexible version.
import { ErrorCode } from '../protocol/error-codes.js';
import type { SaslAuthenticateRequest, SaslAuthenticateResponse } from '../protocol/index.js';
import type { ApiHandler, RequestContext } from './types.js';

export const saslAuthenticateHandler: ApiHandler<SaslAuthenticateRequest, SaslAuthenticateResponse> = {
  apiKey: 36,
  name: 'SaslAuthenticate',
  minVersion: 0,
  maxVersion: 2,
  handle(request: SaslAuthenticateRequest, ctx: RequestContext): SaslAuthenticateResponse {
    const session = ctx.connection.sasl;
    if (!session) {
      return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, errorMessage: 'SASL is not enabled on this broker', authBytes: Buffer.alloc(0), sessionLifetimeMs: 0n };
    }
    const outcome = session.authenticate(request.authBytes);
    return { errorCode: outcome.errorCode, errorMessage: outcome.errorMessage, authBytes: outcome.token, sessionLifetimeMs: 0n };
  },
};
