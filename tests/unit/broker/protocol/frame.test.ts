// Server-facing frame helpers: header versions, header parsing, body decoding
// tolerance, and zero-copy records in both directions.
import { describe, expect, it } from 'vitest';
import { concatChunks } from '../../../../src/broker/protocol/byte-writer.js';
import { MalformedFrameError, UnknownApiKeyError, UnsupportedVersionError } from '../../../../src/broker/protocol/errors.js';
import {
  decodeRequestBody,
  decodeRequestHeader,
  decodeResponseFrame,
  encodeRequestFrame,
  encodeResponseFrame,
} from '../../../../src/broker/protocol/frame.js';
import { ApiKey, apiInfo, requestHeaderVersion, responseHeaderVersion } from '../../../../src/broker/protocol/generated/index.js';

/** A request frame as the connection layer hands it over: without the size prefix. */
function requestFrame(chunks: Buffer[]): Buffer {
  const all = concatChunks(chunks);
  expect(all.readInt32BE(0)).toBe(all.length - 4);
  return all.subarray(4);
}

describe('header versions', () => {
  it('request header is v2 from the first flexible version, v1 before', () => {
    expect(requestHeaderVersion(ApiKey.Produce, 8)).toBe(1);
    expect(requestHeaderVersion(ApiKey.Produce, 9)).toBe(2);
    expect(requestHeaderVersion(ApiKey.Metadata, 9)).toBe(2);
    expect(requestHeaderVersion(ApiKey.ApiVersions, 2)).toBe(1);
    expect(requestHeaderVersion(ApiKey.ApiVersions, 3)).toBe(2);
    expect(requestHeaderVersion(ApiKey.ControlledShutdown, 0)).toBe(0);
  });

  it('works above the schema maximum', () => {
    expect(apiInfo(ApiKey.ApiVersions)!.maxVersion).toBe(4);
    expect(requestHeaderVersion(ApiKey.ApiVersions, 5)).toBe(2);
    expect(requestHeaderVersion(ApiKey.ApiVersions, 100)).toBe(2);
  });

  it('response header is v1 when flexible, except ApiVersions which is always v0', () => {
    expect(responseHeaderVersion(ApiKey.Produce, 8)).toBe(0);
    expect(responseHeaderVersion(ApiKey.Produce, 9)).toBe(1);
    expect(responseHeaderVersion(ApiKey.ApiVersions, 3)).toBe(0);
    expect(responseHeaderVersion(ApiKey.ApiVersions, 4)).toBe(0);
  });

  it('unknown api keys throw a typed error', () => {
    expect(() => requestHeaderVersion(999, 0)).toThrow(UnknownApiKeyError);
    expect(() => responseHeaderVersion(-5, 0)).toThrow(UnknownApiKeyError);
  });
});

describe('decodeRequestHeader', () => {
  it('reads header v1', () => {
    const frame = requestFrame(encodeRequestFrame(ApiKey.Metadata, 1, 77, 'my-client', { topics: null }));
    expect(decodeRequestHeader(frame)).toEqual({ apiKey: 3, apiVersion: 1, correlationId: 77, clientId: 'my-client', headerVersion: 1, bodyOffset: 19 });
  });

  it('reads header v2 with a null client id and skips its tagged fields', () => {
    // api key 18, version 5 (above max), correlation 9, client id null, two tagged fields, then a body byte.
    const frame = Buffer.from('0012' + '0005' + '00000009' + 'ffff' + '02' + '0001aa' + '0302bbbb' + '00', 'hex');
    expect(decodeRequestHeader(frame)).toEqual({ apiKey: 18, apiVersion: 5, correlationId: 9, clientId: null, headerVersion: 2, bodyOffset: 18 });
  });

  it('keeps client id as an int16-length string in header v2', () => {
    const frame = requestFrame(encodeRequestFrame(ApiKey.ApiVersions, 3, 1, 'ab', { clientSoftwareName: 'x', clientSoftwareVersion: '1' }));
    expect(frame.subarray(8, 12).toString('hex')).toBe('00026162');
    expect(decodeRequestHeader(frame).bodyOffset).toBe(13);
  });

  it('throws typed errors for unknown keys and short headers', () => {
    expect(() => decodeRequestHeader(Buffer.from('03e70000000000010000', 'hex'))).toThrow(UnknownApiKeyError);
    expect(() => decodeRequestHeader(Buffer.from('000300', 'hex'))).toThrow(MalformedFrameError);
    expect(() => decodeRequestHeader(Buffer.from('0003000100000001000561', 'hex'))).toThrow(MalformedFrameError);
  });
});

describe('decodeRequestBody', () => {
  it('decodes a request body by key and version', () => {
    const frame = requestFrame(encodeRequestFrame(ApiKey.ApiVersions, 3, 1, 'c', { clientSoftwareName: 'kcat', clientSoftwareVersion: '1.7' }));
    const header = decodeRequestHeader(frame);
    const body = decodeRequestBody(ApiKey.ApiVersions, 3, frame, header.bodyOffset);
    expect(body).toStrictEqual({ clientSoftwareName: 'kcat', clientSoftwareVersion: '1.7' });
  });

  it('tolerates trailing bytes (librdkafka 2.0.2 ListGroups v3+ sends an extra tag block)', () => {
    const frame = requestFrame(encodeRequestFrame(ApiKey.ListGroups, 3, 4, 'rdkafka', {}));
    const padded = Buffer.concat([frame, Buffer.from([0])]);
    const header = decodeRequestHeader(padded);
    expect(decodeRequestBody(ApiKey.ListGroups, 3, padded, header.bodyOffset)).toStrictEqual({ statesFilter: [], typesFilter: [] });
  });

  it('throws MalformedFrameError for every truncation of a body', () => {
    const frame = requestFrame(
      encodeRequestFrame(ApiKey.Produce, 9, 4, 'p', { transactionalId: 'tx', acks: -1, timeoutMs: 30000, topicData: [{ name: 'topic', partitionData: [{ index: 3, records: Buffer.alloc(40, 1) }] }] }),
    );
    const { bodyOffset } = decodeRequestHeader(frame);
    for (let end = bodyOffset; end < frame.length; end++) {
      expect(() => decodeRequestBody(ApiKey.Produce, 9, frame.subarray(0, end), bodyOffset)).toThrow(MalformedFrameError);
    }
  });

  it('throws UnsupportedVersionError above the schema maximum', () => {
    const frame = Buffer.from('0012' + '0005' + '00000009' + 'ffff' + '00' + '00', 'hex');
    expect(() => decodeRequestBody(ApiKey.ApiVersions, 5, frame, decodeRequestHeader(frame).bodyOffset)).toThrow(UnsupportedVersionError);
  });

  it('decodes a 1 MiB produce without copying its records', () => {
    const records = Buffer.alloc(1 << 20, 0x5a);
    const frame = requestFrame(encodeRequestFrame(ApiKey.Produce, 9, 1, 'p', { acks: 1, timeoutMs: 1, topicData: [{ name: 't', partitionData: [{ index: 0, records }] }] }));
    const body = decodeRequestBody(ApiKey.Produce, 9, frame, decodeRequestHeader(frame).bodyOffset);
    const decoded = body.topicData[0].partitionData[0].records!;
    expect(decoded.length).toBe(records.length);
    expect(decoded.buffer).toBe(frame.buffer);
    expect(decoded.byteOffset).toBeGreaterThanOrEqual(frame.byteOffset);
  });
});

describe('encodeResponseFrame', () => {
  it('prefixes the size of header + body and uses response header v0 for ApiVersions', () => {
    const chunks = encodeResponseFrame(ApiKey.ApiVersions, 3, 5, { errorCode: 0, apiKeys: [{ apiKey: 0, minVersion: 0, maxVersion: 11 }], throttleTimeMs: 0 });
    expect(concatChunks(chunks).toString('hex')).toBe('00000013' + '00000005' + '0000' + '02' + '0000' + '0000' + '000b' + '00' + '00000000' + '00');
  });

  it('uses response header v1 for flexible versions and v0 otherwise', () => {
    const v9 = concatChunks(encodeResponseFrame(ApiKey.Produce, 9, 7, { responses: [], throttleTimeMs: 0 }));
    expect(v9.toString('hex')).toBe('0000000b' + '00000007' + '00' + '01' + '00000000' + '00');
    const v8 = concatChunks(encodeResponseFrame(ApiKey.Produce, 8, 7, { responses: [], throttleTimeMs: 0 }));
    expect(v8.toString('hex')).toBe('0000000c' + '00000007' + '00000000' + '00000000');
  });

  it('answers a too-new ApiVersions with a v0 body', () => {
    const frame = concatChunks(encodeResponseFrame(ApiKey.ApiVersions, 0, 3, { errorCode: 35, apiKeys: [{ apiKey: 18, minVersion: 0, maxVersion: 4 }] }));
    expect(frame.toString('hex')).toBe('00000010' + '00000003' + '0023' + '00000001' + '0012' + '0000' + '0004');
  });

  it('splices hundreds of record chunks without copying them', () => {
    const chunks = Array.from({ length: 300 }, (_, i) => Buffer.alloc(4096, i & 0xff));
    const partitions = chunks.map((_c, i) => ({
      partitionIndex: i,
      errorCode: 0,
      highWatermark: 10n,
      lastStableOffset: 10n,
      logStartOffset: 0n,
      abortedTransactions: [],
      preferredReadReplica: -1,
      records: i % 3 === 0 ? [chunks[i]] : chunks[i],
    }));
    const out = encodeResponseFrame(ApiKey.Fetch, 12, 1, { throttleTimeMs: 0, errorCode: 0, sessionId: 0, responses: [{ topic: 't', partitions }] });
    for (const chunk of chunks) expect(out).toContain(chunk);
    const frame = concatChunks(out);
    expect(frame.readInt32BE(0)).toBe(frame.length - 4);
    const decoded = decodeResponseFrame(ApiKey.Fetch, 12, frame.subarray(4));
    expect(decoded.correlationId).toBe(1);
    expect(decoded.body.responses[0].partitions.map((p) => p.records)).toEqual(chunks);
  });

  it('joins a list of chunks into one records field', () => {
    const parts = [Buffer.alloc(2000, 1), Buffer.alloc(3000, 2)];
    const frame = concatChunks(encodeResponseFrame(ApiKey.Fetch, 4, 1, {
      throttleTimeMs: 0,
      responses: [{ topic: 't', partitions: [{ partitionIndex: 0, errorCode: 0, highWatermark: 1n, lastStableOffset: 1n, abortedTransactions: null, records: parts }] }],
    }));
    const body = decodeResponseFrame(ApiKey.Fetch, 4, frame.subarray(4)).body;
    expect(body.responses[0].partitions[0].records).toEqual(Buffer.concat(parts));
  });
});
