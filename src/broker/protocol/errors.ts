// Typed protocol failures. The server closes the connection on the decode-side
// errors (as Kafka does); encode-side errors are handler bugs.

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** The frame is truncated or contains an impossible value. */
export class MalformedFrameError extends ProtocolError {
  override name = 'MalformedFrameError';
}

export class UnknownApiKeyError extends ProtocolError {
  override name = 'UnknownApiKeyError';
  constructor(readonly apiKey: number) {
    super(`unknown API key ${apiKey}`);
  }
}

export class UnsupportedVersionError extends ProtocolError {
  override name = 'UnsupportedVersionError';
  constructor(
    readonly messageName: string,
    readonly version: number,
  ) {
    super(`${messageName} v${version} is not supported`);
  }
}

/** A value cannot be written at the chosen version: wrong field for the version, or null where not nullable. */
export class EncodeError extends ProtocolError {
  override name = 'EncodeError';
}
