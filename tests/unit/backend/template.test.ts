import { describe, expect, it } from 'vitest';
import { fillTemplate, hasPlaceholders } from '../../../src/backend/produce/template.js';

const sources = { now: () => 1_700_000_000_123, uuid: () => '2f1d7c6e-0000-4000-8000-000000000000', random: () => 0.5 };

describe('produce templates', () => {
  it('fills each placeholder per copy', () => {
    expect(fillTemplate('{"n":{{i}},"id":"{{uuid}}","at":{{now}},"r":{{random}}}', 7, sources)).toBe(
      '{"n":7,"id":"2f1d7c6e-0000-4000-8000-000000000000","at":1700000000123,"r":1073741824}',
    );
  });

  it('fills every occurrence and tolerates spaces inside the braces', () => {
    expect(fillTemplate('{{i}}-{{ i }}-{{i}}', 3, sources)).toBe('3-3-3');
  });

  it('leaves unknown placeholders and plain text as typed', () => {
    expect(fillTemplate('{{name}} {i} {{I}}', 1, sources)).toBe('{{name}} {i} {{I}}');
    expect(hasPlaceholders('plain {{name}}')).toBe(false);
    expect(hasPlaceholders('copy {{i}}')).toBe(true);
    // The regex is global: asking twice must give the same answer.
    expect(hasPlaceholders('copy {{i}}')).toBe(true);
  });

  it('draws a new uuid and random number for each placeholder', () => {
    let n = 0;
    const counting = { ...sources, uuid: () => `u${n++}` };
    expect(fillTemplate('{{uuid}},{{uuid}}', 0, counting)).toBe('u0,u1');
  });
});
