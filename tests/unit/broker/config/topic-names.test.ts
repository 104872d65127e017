import { describe, expect, it } from 'vitest';
import { findTopicNameCollision, validateTopicName } from '../../../../src/broker/config/topic-names.js';

describe('validateTopicName', () => {
  it.each(['orders', 'a', 'A.b_c-9', 'x'.repeat(249), '...', '_internal'])('accepts %s', (name) => {
    expect(validateTopicName(name)).toBeNull();
  });

  it.each([
    ['', 'must not be empty'],
    ['.', 'not allowed'],
    ['..', 'not allowed'],
    ['x'.repeat(250), 'at most 249'],
    ['has space', 'may only contain'],
    ['slash/name', 'may only contain'],
    ['ünïcode', 'may only contain'],
  ])('refuses %j', (name, text) => {
    expect(validateTopicName(name)).toContain(text);
  });
});

describe('findTopicNameCollision', () => {
  it('finds a name that differs only in "." versus "_"', () => {
    expect(findTopicNameCollision('a.b', ['a_b', 'c'])).toBe('a_b');
    expect(findTopicNameCollision('a_b', ['a.b'])).toBe('a.b');
  });

  it('finds nothing for unrelated or identical names', () => {
    expect(findTopicNameCollision('a.b', ['a.b', 'ab', 'a-b'])).toBeNull();
  });
});
