// SaslHandshake (key 17), versions 0-1.
//
// Behaviour:
// - Picks the mechanism for this connection's login and lists the enabled
//   ones either way, so a client that asked for another can say what to use.
// - An unknown or disabled mechanism gets UNSUPPORTED_SASL_MECHANISM and the
//   connection is closed after the answer, as Kafka does.
// - Without SASL, or once logged in, the answer is ILLEGAL_SASL_STATE (Kafka's
//   answer on a plaintext listener); the connection stays open.
// - A second handshake in the middle of a login is ILLEGAL_SASL_STATE too, and
//   closes the connection.
//
// Version notes: v0 means the tokens that follow are sent bare (size prefix
// and bytes, no request header) instead of inside SaslAuthenticate; the
// session switches the connection to that framing until the login ends. v1
// (KIP-152) wraps them in SaslAuthenticate. The bodies are identical.
import { ErrorCode } from '../protocol/error-codes.js';
import type { SaslHandshakeRequest, SaslHandshakeResponse } from '../protocol/index.js';
import type { ApiHandler, RequestContext } from './types.js';

export const saslHandshakeHandler: ApiHandler<SaslHandshakeRequest, SaslHandshakeResponse> = {
  apiKey: 17,
  name: 'SaslHandshake',
  minVersion: 0,
  maxVersion: 1,
  handle(request: SaslHandshakeRequest, ctx: RequestContext): SaslHandshakeResponse {
    const session = ctx.connection.sasl;
    if (!session) return { errorCode: ErrorCode.ILLEGAL_SASL_STATE, mechanisms: [] };
    return session.handshake(request.mechanism, ctx.apiVersion);
  },
};
