import { describe, expect, it } from 'vitest';
import { checkJson, decodeBase64 } from '../../../src/backend/produce/payload-bytes.js';
import { AppFailure } from '../../../src/shared/rpc/result.js';

function failureOf(run: () => unknown): AppFailure {
  try {
    run();
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected an AppFailure');
}

describe('payload checks', () => {
  it('accepts valid JSON', () => {
    expect(() => checkJson('{"a":[1,2,{"b":null}]}', 'value')).not.toThrow();
  });

  it('names the position, line and column of bad JSON', () => {
    const failure = failureOf(() => checkJson('{\n  "a": 1,\n  "b": }', 'value'));
    expect(failure.error.code).toBe('INVALID_JSON');
    expect(failure.error.message).toMatch(/position 19 \(line 3, column 8\): unexpected "}"/);
  });

  it.each([
    ['{"a":1,}', 7, 'expected a string in double quotes but found "}"'],
    ['[1 2]', 3, 'expected "]" but found "2"'],
    ['{"a":"x', 7, 'a string is not closed'],
    ['{"a":01}', 6, 'expected "}" but found "1"'],
    ['{} x', 3, 'after the end of the value'],
    ['', 0, 'the text ends too early'],
    ['{"a":tru}', 5, 'unexpected "t"'],
  ])('locates the fault in %j', (text, position, problem) => {
    expect(() => JSON.parse(text)).toThrow();
    const failure = failureOf(() => checkJson(text, 'value'));
    expect(failure.error.message).toContain(`position ${position} `);
    expect(failure.error.message).toContain(problem);
  });

  it('decodes base64 to bytes and refuses text that is not base64', () => {
    expect(decodeBase64('AAEC/w==', 'value')).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(decodeBase64('AAEC\n/w==', 'value')).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(failureOf(() => decodeBase64('not base64!', 'key')).error).toMatchObject({ code: 'INVALID_BASE64', message: 'The key is not valid base64.' });
  });
});
