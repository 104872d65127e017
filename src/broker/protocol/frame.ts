// Frame-level helpers for the server: request header and body decoding, and
// response framing. A "frame" here is one request or response WITHOUT its
// int32 size prefix (the connection layer strips it when splitting the stream);
// encoded output frames include the prefix.
import { ByteReader } from './byte-reader.js';
import { ByteWriter } from './byte-writer.js';
import { decodeMessage } from './decode.js';
import { encodeMessage } from './encode.js';
import type { Decoded } from './descriptor.js';
import { MalformedFrameError } from './errors.js';
import {
  requestDescriptor,
  requestHeaderVersion,
  responseDescriptor,
  responseHeaderVersion,
  type RequestByApiKey,
  type ResponseByApiKey,
} from './generated/index.js';

export interface RequestFrameHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
  /** 0, 1 or 2. */
  headerVersion: number;
  /** Where the body starts in the frame. */
  bodyOffset: number;
}

/**
 * Reads the request header. Works for any version of a known API key, even
 * above what the schemas define (needed to answer a too-new ApiVersions).
 * Throws UnknownApiKeyError for unknown keys, MalformedFrameError for short frames.
 */
export function decodeRequestHeader(frame: Buffer): RequestFrameHeader {
  const r = new ByteReader(frame);
  const apiKey = r.readInt16();
  const apiVersion = r.readInt16();
  const correlationId = r.readInt32();
  const headerVersion = requestHeaderVersion(apiKey, apiVersion);
  // client_id keeps its int16 length even in header v2, so any broker can read it.
  const clientId = headerVersion >= 1 ? r.readString() : null;
  if (headerVersion >= 2) skipTaggedFields(r);
  return { apiKey, apiVersion, correlationId, clientId, headerVersion, bodyOffset: r.offset };
}

function skipTaggedFields(r: ByteReader): void {
  const count = r.readUVarint();
  for (let i = 0; i < count; i++) {
    r.readUVarint();
    r.skip(r.readUVarint());
  }
}

/**
 * Decodes a request body. Bytes left after the body are ignored on purpose:
 * librdkafka 2.0.2 sends one extra byte on ListGroups v3+, and Kafka ignores it too.
 * `onTrailingBytes`, if given, hears how many were left so the caller can log it.
 * Throws UnsupportedVersionError for versions outside the schema, MalformedFrameError when short.
 */
export function decodeRequestBody<K extends keyof RequestByApiKey>(
  apiKey: K,
  apiVersion: number,
  frame: Buffer,
  bodyOffset: number,
  onTrailingBytes?: (count: number) => void,
): Decoded<RequestByApiKey[K]>;
export function decodeRequestBody(apiKey: number, apiVersion: number, frame: Buffer, bodyOffset: number, onTrailingBytes?: (count: number) => void): unknown;
export function decodeRequestBody(apiKey: number, apiVersion: number, frame: Buffer, bodyOffset: number, onTrailingBytes?: (count: number) => void): unknown {
  if (bodyOffset < 0 || bodyOffset > frame.length) throw new MalformedFrameError(`body offset ${bodyOffset} outside frame`);
  const reader = new ByteReader(frame, bodyOffset);
  const body = decodeMessage(requestDescriptor(apiKey), apiVersion, reader);
  if (onTrailingBytes && reader.offset < frame.length) onTrailingBytes(frame.length - reader.offset);
  return body;
}

/** The complete response (size prefix, header, body) as chunks ready for socket.write / writev. */
export function encodeResponseFrame<K extends keyof ResponseByApiKey>(
  apiKey: K,
  apiVersion: number,
  correlationId: number,
  body: ResponseByApiKey[K],
): Buffer[];
export function encodeResponseFrame(apiKey: number, apiVersion: number, correlationId: number, body: unknown): Buffer[];
export function encodeResponseFrame(apiKey: number, apiVersion: number, correlationId: number, body: unknown): Buffer[] {
  const w = new ByteWriter();
  w.writeInt32(0); // size, patched below
  w.writeInt32(correlationId);
  if (responseHeaderVersion(apiKey, apiVersion) >= 1) w.writeUVarint(0);
  encodeMessage(responseDescriptor(apiKey), apiVersion, body, w);
  return withSizePrefix(w);
}

/** The complete request frame; the counterpart of decodeRequestHeader/decodeRequestBody, for tests and tools. */
export function encodeRequestFrame<K extends keyof RequestByApiKey>(
  apiKey: K,
  apiVersion: number,
  correlationId: number,
  clientId: string | null,
  body: RequestByApiKey[K],
): Buffer[];
export function encodeRequestFrame(apiKey: number, apiVersion: number, correlationId: number, clientId: string | null, body: unknown): Buffer[];
export function encodeRequestFrame(apiKey: number, apiVersion: number, correlationId: number, clientId: string | null, body: unknown): Buffer[] {
  const headerVersion = requestHeaderVersion(apiKey, apiVersion);
  const w = new ByteWriter();
  w.writeInt32(0);
  w.writeInt16(apiKey);
  w.writeInt16(apiVersion);
  w.writeInt32(correlationId);
  if (headerVersion >= 1) w.writeString(clientId);
  if (headerVersion >= 2) w.writeUVarint(0);
  encodeMessage(requestDescriptor(apiKey), apiVersion, body, w);
  return withSizePrefix(w);
}

/** Decodes a response frame (without size prefix) for `apiKey`/`apiVersion`; for tests and tools. */
export function decodeResponseFrame<K extends keyof ResponseByApiKey>(
  apiKey: K,
  apiVersion: number,
  frame: Buffer,
): { correlationId: number; body: Decoded<ResponseByApiKey[K]> };
export function decodeResponseFrame(apiKey: number, apiVersion: number, frame: Buffer): { correlationId: number; body: unknown };
export function decodeResponseFrame(apiKey: number, apiVersion: number, frame: Buffer): { correlationId: number; body: unknown } {
  const r = new ByteReader(frame);
  const correlationId = r.readInt32();
  if (responseHeaderVersion(apiKey, apiVersion) >= 1) skipTaggedFields(r);
  return { correlationId, body: decodeMessage(responseDescriptor(apiKey), apiVersion, r) };
}

function withSizePrefix(w: ByteWriter): Buffer[] {
  const size = w.length - 4;
  const chunks = w.finish();
  // The first chunk always holds the placeholder: it was the first write into a fresh block.
  chunks[0].writeInt32BE(size, 0);
  return chunks;
}
