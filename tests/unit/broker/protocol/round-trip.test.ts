// Every message, every valid version: sample -> encode -> decode -> deep-equal,
// and re-encoding the decoded value reproduces the same bytes.
import { describe, expect, it } from 'vitest';
import { ByteReader } from '../../../../src/broker/protocol/byte-reader.js';
import { concatChunks } from '../../../../src/broker/protocol/byte-writer.js';
import { decodeMessage } from '../../../../src/broker/protocol/decode.js';
import type { MessageDescriptor } from '../../../../src/broker/protocol/descriptor.js';
import { encodeMessage } from '../../../../src/broker/protocol/encode.js';
import * as generated from '../../../../src/broker/protocol/generated/index.js';
import { sampleMessage, type SampleOptions } from './sample-values.js';

const descriptors = Object.entries(generated)
  .filter(([name]) => name.endsWith('Descriptor') && name !== 'requestDescriptor' && name !== 'responseDescriptor')
  .map(([, d]) => d as MessageDescriptor)
  .sort((a, b) => a.name.localeCompare(b.name));

const cases = descriptors.flatMap((d) => {
  const out: [string, MessageDescriptor, number][] = [];
  for (let v = d.validVersions[0]; v <= d.validVersions[1]; v++) out.push([`${d.name} v${v}`, d, v]);
  return out;
});

const variants: [string, SampleOptions][] = [
  ['values', { nulls: false, unknownTags: false }],
  ['nulls', { nulls: true, unknownTags: false }],
  ['unknown tags', { nulls: false, unknownTags: true }],
];

function encode(d: MessageDescriptor, v: number, value: unknown): Buffer {
  return concatChunks(encodeMessage(d, v, value).finish());
}

describe('generated descriptors', () => {
  it('cover every request, response, header and data schema', () => {
    expect(descriptors.length).toBe(186);
    expect(generated.apis.length).toBe(88);
  });
});

describe.each(variants)('round trip (%s)', (_variant, options) => {
  it.each(cases)('%s', (_name, descriptor, version) => {
    const sample = sampleMessage(descriptor, version, options);
    const bytes = encode(descriptor, version, sample);
    const reader = new ByteReader(bytes);
    const decoded = decodeMessage(descriptor, version, reader);
    expect(reader.remaining).toBe(0);
    expect(decoded).toStrictEqual(sample);
    expect(encode(descriptor, version, decoded).equals(bytes)).toBe(true);
  });
});
