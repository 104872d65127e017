// What every SASL mechanism's server side looks like to the session: it takes
// the client's tokens one at a time and answers each, until the client is
// authenticated or the exchange fails.

export interface SaslExchange {
  /**
   * Answers one client token. `done` is true once the client is
   * authenticated. Throws SaslAuthenticationError when it is not.
   */
  respond(token: Buffer): { readonly token: Buffer; readonly done: boolean };
}

/** Bad credentials or a malformed token; the message goes back to the client. */
export class SaslAuthenticationError extends Error {}
