// Turns one request frame into the response frame chunks: header decoding,
// the API key / version check against the handler registry, body decoding,
// the handler call, and response encoding.
//
// Kafka closes the connection for an unknown API key, an unsupported version
// or an undecodable request (SocketServer.parseRequestHeader); only ApiVersions
// is answered at any version, so that a client newer than us can learn what we
// speak.
//
// With SASL on, a connection that has not logged in may only send ApiVersions,
// SaslHandshake and SaslAuthenticate; anything else closes it (Kafka treats it
// as an illegal SASL state). After a v0 handshake the frames are bare SASL
// tokens, answered with bare tokens, until the login ends.
import { CloseConnection, NO_RESPONSE, type ApiHandler, type BrokerCore } from '../handlers/types.js';
import { ErrorCode } from '../protocol/error-codes.js';
import { decodeRequestBody, decodeRequestHeader, encodeResponseFrame, EncodeError, ProtocolError } from '../protocol/index.js';
import type { SaslSession } from '../security/sasl-session.js';
import type { PeerAddress } from './connection.js';
import { FrameSizeError } from './frame-reader.js';

export type RouteResult = readonly Buffer[] | typeof NO_RESPONSE;

/** A request the broker answers by closing the connection. */
export class ProtocolViolation extends Error {}

const API_VERSIONS_KEY = 18;
const SASL_HANDSHAKE_KEY = 17;
const SASL_AUTHENTICATE_KEY = 36;
const ALLOWED_BEFORE_LOGIN = new Set([API_VERSIONS_KEY, SASL_HANDSHAKE_KEY, SASL_AUTHENTICATE_KEY]);
/** api_key int16 + api_version int16 + correlation_id int32, common to every header version. */
const FIXED_HEADER_PREFIX_BYTES = 8;

/** True for failures caused by what the client sent, as opposed to broker bugs. */
export function isProtocolViolation(error: unknown): boolean {
  if (error instanceof ProtocolViolation || error instanceof CloseConnection || error instanceof FrameSizeError) return true;
  // Decode errors mean the client sent bytes we cannot read; an EncodeError is ours.
  return error instanceof ProtocolError && !(error instanceof EncodeError);
}

export class RequestRouter {
  private readonly handlersByKey = new Map<number, ApiHandler>();

  constructor(handlers: readonly ApiHandler[], private readonly core: BrokerCore) {
    for (const handler of handlers) {
      if (this.handlersByKey.has(handler.apiKey)) throw new Error(`two handlers registered for API key ${handler.apiKey}`);
      this.handlersByKey.set(handler.apiKey, handler);
    }
  }

  route(frame: Buffer, peer: PeerAddress, sasl: SaslSession): RouteResult | Promise<RouteResult> {
    if (sasl.expectsRawToken) return this.rawToken(frame, sasl);
    if (frame.length < FIXED_HEADER_PREFIX_BYTES) {
      throw new ProtocolViolation(`request frame of ${frame.length} bytes is shorter than a request header`);
    }
    const apiKey = frame.readInt16BE(0);
    const apiVersion = frame.readInt16BE(2);
    const handler = this.handlersByKey.get(apiKey);
    if (!handler) throw new ProtocolViolation(`unknown API key ${apiKey}`);
    if (!sasl.authenticated && !ALLOWED_BEFORE_LOGIN.has(apiKey)) {
      throw new ProtocolViolation(`${handler.name} request before SASL authentication`);
    }
    if (apiVersion < handler.minVersion || apiVersion > handler.maxVersion) {
      if (apiKey === API_VERSIONS_KEY && apiVersion > handler.maxVersion) {
        return this.apiVersionsTooNew(frame.readInt32BE(4), handler);
      }
      throw new ProtocolViolation(`unsupported ${handler.name} version ${apiVersion} (supported ${handler.minVersion}-${handler.maxVersion})`);
    }

    const header = decodeRequestHeader(frame);
    const request = decodeRequestBody(apiKey, apiVersion, frame, header.bodyOffset, (count) =>
      this.core.logger.debug('ignored bytes after the request body', { api: handler.name, apiVersion, count }),
    );
    const ctx = {
      apiVersion,
      correlationId: header.correlationId,
      connection: { clientId: header.clientId, clientHost: peer.host, clientPort: peer.port, sasl },
      core: this.core,
    };
    const encode = (response: unknown): RouteResult =>
      response === NO_RESPONSE ? NO_RESPONSE : encodeResponseFrame(apiKey, apiVersion, header.correlationId, response);
    const outcome = handler.handle(request, ctx);
    return outcome instanceof Promise ? outcome.then(encode) : encode(outcome);
  }

  /** The legacy (v0 handshake) login: a bare token in, a bare token out; failure just closes. */
  private rawToken(frame: Buffer, sasl: SaslSession): RouteResult {
    const outcome = sasl.authenticate(frame);
    if (outcome.errorCode !== ErrorCode.NONE) throw new ProtocolViolation(`SASL authentication failed: ${outcome.errorMessage ?? 'unknown reason'}`);
    const size = Buffer.allocUnsafe(4);
    size.writeInt32BE(outcome.token.length, 0);
    return [size, outcome.token];
  }

  /**
   * KIP-511: a v0-encoded body with UNSUPPORTED_VERSION that lists only our
   * ApiVersions range, so the client can retry at a version we speak. The body
   * is never parsed: its layout at an unknown version is unknowable.
   */
  private apiVersionsTooNew(correlationId: number, handler: ApiHandler): RouteResult {
    return encodeResponseFrame(API_VERSIONS_KEY, 0, correlationId, {
      errorCode: ErrorCode.UNSUPPORTED_VERSION,
      apiKeys: [{ apiKey: API_VERSIONS_KEY, minVersion: handler.minVersion, maxVersion: handler.maxVersion }],
    });
  }
}
