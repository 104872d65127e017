// Public surface of the wire codec.
export { ByteReader } from './byte-reader.js';
export { ByteWriter, concatChunks, uvarintSize } from './byte-writer.js';
export { decodeMessage } from './decode.js';
export { encodeMessage } from './encode.js';
export { EncodeError, MalformedFrameError, ProtocolError, UnknownApiKeyError, UnsupportedVersionError } from './errors.js';
export { ErrorCode, errorCodeName } from './error-codes.js';
export {
  decodeRequestBody,
  decodeRequestHeader,
  decodeResponseFrame,
  encodeRequestFrame,
  encodeResponseFrame,
  type RequestFrameHeader,
} from './frame.js';
export type { Decoded, FieldDescriptor, MessageDescriptor, StructDescriptor, UnknownTaggedField, VersionRange } from './descriptor.js';
export * from './generated/index.js';
