// Which SASL mechanisms the broker offers and who may log in. SASL is off
// unless users are given; then every enabled mechanism accepts every user.
//
// Users come as one server.properties value, `sasl.users=alice:secret,bob:pw`,
// instead of Kafka's per-listener JAAS entries: one listener, one user list,
// nothing to escape but the separators (names cannot hold ':' or ',',
// passwords cannot hold ','; spaces around either are dropped).
import { ConfigError } from '../config/config-error.js';
import { splitList } from '../config/config-values.js';

export const SASL_MECHANISMS = ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

export interface SaslSettings {
  /** Offered in this order in the SaslHandshake answer. */
  readonly mechanisms: readonly SaslMechanism[];
  /** Username to password. */
  readonly users: ReadonlyMap<string, string>;
}

export const SASL_USERS_KEY = 'sasl.users';
export const SASL_MECHANISMS_KEY = 'sasl.enabled.mechanisms';

export function isSaslMechanism(name: string): name is SaslMechanism {
  return (SASL_MECHANISMS as readonly string[]).includes(name);
}

/** Why `text` is not a `user:password,...` list, or null when it is. */
export function checkSaslUsers(text: string): string | null {
  try {
    parseSaslUsers(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Parses `alice:secret,bob:pw`; throws on an empty name, a missing ':' or a repeated user. */
export function parseSaslUsers(text: string): Map<string, string> {
  const users = new Map<string, string>();
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue;
    const colon = entry.indexOf(':');
    const name = colon < 0 ? '' : entry.slice(0, colon).trim();
    if (name === '') throw new Error(`a comma-separated list of user:password pairs (bad entry "${entry.trim()}")`);
    if (users.has(name)) throw new Error(`a comma-separated list of user:password pairs with each user once ("${name}" repeats)`);
    users.set(name, entry.slice(colon + 1).trim());
  }
  return users;
}

/**
 * The SASL settings from the two config values: null (SASL off) when neither
 * is set; mechanisms default to all three when only users are given.
 */
export function resolveSaslSettings(usersText: string | null, mechanismsText: string | null): SaslSettings | null {
  if (usersText === null && mechanismsText === null) return null;
  const users = parseSaslUsers(usersText ?? '');
  if (users.size === 0) {
    throw new ConfigError(SASL_USERS_KEY, `${SASL_MECHANISMS_KEY} is set but ${SASL_USERS_KEY} names no user, so nobody could log in. Add e.g. ${SASL_USERS_KEY}=alice:secret.`);
  }
  const mechanisms = mechanismsText === null ? [...SASL_MECHANISMS] : [...new Set(splitList(mechanismsText))].filter(isSaslMechanism);
  return { mechanisms, users };
}
