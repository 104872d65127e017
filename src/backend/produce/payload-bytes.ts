// Turning what the user typed into record bytes, with the checks that make a
// bad value fail with a precise error before anything is sent.
import { ErrorCode, fail } from '../errors.js';
import { locateJsonError } from './json-position.js';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function decodeBase64(data: string, what: string): Buffer {
  const compact = data.replace(/\s+/g, '');
  if (!BASE64.test(compact)) fail(ErrorCode.INVALID_BASE64, `The ${what} is not valid base64.`);
  return Buffer.from(compact, 'base64');
}

export function checkJson(text: string, what: string): void {
  try {
    JSON.parse(text);
  } catch (error) {
    const fault = locateJsonError(text);
    const where = fault ? `at position ${fault.position} (line ${fault.line}, column ${fault.column}): ${fault.problem}` : `: ${(error as Error).message}`;
    fail(ErrorCode.INVALID_JSON, `The ${what} is not valid JSON ${where}.`);
  }
}
