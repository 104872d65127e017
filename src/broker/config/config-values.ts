// The value kinds Kafka configs come in, each with the check that decides
// whether a user-supplied string is acceptable. Checks answer with the accepted
// form ("a whole number from 0 to 2147483647") so callers can build messages
// that tell the user what to type instead.

export type ConfigValueType = 'boolean' | 'string' | 'int' | 'short' | 'long' | 'double' | 'list' | 'class' | 'password';

/** DescribeConfigs config_type codes (v3+), as Kafka numbers them. */
export const CONFIG_TYPE_CODES: Readonly<Record<ConfigValueType, number>> = {
  boolean: 1,
  string: 2,
  int: 3,
  short: 4,
  long: 5,
  double: 6,
  list: 7,
  class: 8,
  password: 9,
};

/** Where a described config value comes from (DescribeConfigs config_source, v1+). */
export const ConfigSource = {
  UNKNOWN: 0,
  DYNAMIC_TOPIC_CONFIG: 1,
  DYNAMIC_BROKER_CONFIG: 2,
  DYNAMIC_DEFAULT_BROKER_CONFIG: 3,
  STATIC_BROKER_CONFIG: 4,
  DEFAULT_CONFIG: 5,
} as const;
export type ConfigSourceCode = (typeof ConfigSource)[keyof typeof ConfigSource];

/** Java's Long.MAX_VALUE, the "never" default of several Kafka settings. */
export const LONG_MAX = '9223372036854775807';
const LONG_MIN = -(2n ** 63n);
const INT_MAX = 2 ** 31 - 1;
const INT_MIN = -(2 ** 31);

export interface ValueKind {
  readonly type: ConfigValueType;
  /** The accepted form, in words, when `value` is not acceptable; null when it is. */
  check(value: string): string | null;
}

const WHOLE_NUMBER = /^[+-]?\d+$/;

function wholeNumber(type: 'int' | 'short' | 'long', min: bigint, max: bigint): ValueKind {
  const expected = max >= BigInt(LONG_MAX) || (type === 'int' && max === BigInt(INT_MAX))
    ? `a whole number of at least ${min}`
    : `a whole number from ${min} to ${max}`;
  return {
    type,
    check(value) {
      const text = value.trim();
      if (!WHOLE_NUMBER.test(text)) return expected;
      const parsed = BigInt(text);
      return parsed < min || parsed > max ? expected : null;
    },
  };
}

export function longAtLeast(min: number | bigint): ValueKind {
  return wholeNumber('long', BigInt(min), BigInt(LONG_MAX));
}

export function intBetween(min: number, max: number = INT_MAX): ValueKind {
  return wholeNumber('int', BigInt(min), BigInt(max));
}

export const anyLong: ValueKind = wholeNumber('long', LONG_MIN, BigInt(LONG_MAX));
export const anyInt: ValueKind = intBetween(INT_MIN);
export const anyShort: ValueKind = wholeNumber('short', -32768n, 32767n);

export function doubleBetween(min: number, max: number): ValueKind {
  const expected = `a number from ${min} to ${max}`;
  return {
    type: 'double',
    check(value) {
      const text = value.trim();
      if (text === '' || !Number.isFinite(Number(text))) return expected;
      const parsed = Number(text);
      return parsed < min || parsed > max ? expected : null;
    },
  };
}

export const booleanValue: ValueKind = {
  type: 'boolean',
  check: (value) => (/^(true|false)$/i.test(value.trim()) ? null : 'true or false'),
};

export const anyString: ValueKind = { type: 'string', check: () => null };

/** One of a fixed set of words, case-sensitive as in Kafka. */
export function oneOf(values: readonly string[]): ValueKind {
  return {
    type: 'string',
    check: (value) => (values.includes(value.trim()) ? null : `one of ${values.join(', ')}`),
  };
}

export function splitList(value: string): string[] {
  return value.split(',').map((item) => item.trim()).filter((item) => item.length > 0);
}

/** A comma-separated, non-empty list whose items come from `values`. */
export function listOf(values: readonly string[]): ValueKind {
  const expected = `a comma-separated list of ${values.join(', ')}`;
  return {
    type: 'list',
    check(value) {
      const items = splitList(value);
      return items.length > 0 && items.every((item) => values.includes(item)) ? null : expected;
    },
  };
}

/** Kafka's throttled-replicas form: empty, "*", or "partition:brokerId" pairs. */
export const throttledReplicasList: ValueKind = {
  type: 'list',
  check(value) {
    const text = value.trim();
    if (text === '' || text === '*') return null;
    return splitList(text).every((item) => /^\d+:\d+$/.test(item))
      ? null
      : 'empty, "*", or a comma-separated list of partition:brokerId pairs';
  },
};

export function parseBoolean(value: string): boolean {
  return value.trim().toLowerCase() === 'true';
}

/**
 * A checked whole number as a JS number. Values beyond what a double holds
 * exactly only occur as "never" sentinels (Long.MAX_VALUE), so they clamp to
 * Number.MAX_SAFE_INTEGER, which every caller treats the same way.
 */
export function parseWholeNumber(value: string): number {
  const parsed = BigInt(value.trim());
  if (parsed > BigInt(Number.MAX_SAFE_INTEGER)) return Number.MAX_SAFE_INTEGER;
  if (parsed < BigInt(Number.MIN_SAFE_INTEGER)) return Number.MIN_SAFE_INTEGER;
  return Number(parsed);
}

/** The inverse of the clamp above, for showing a number the way Kafka would. */
export function formatWholeNumber(value: number): string {
  return value >= Number.MAX_SAFE_INTEGER ? LONG_MAX : String(value);
}
