// Saved connection profiles, secrets included, in one JSON file in the
// user-data directory. The file is only readable by its owner (0600) and is
// replaced atomically, so a crash mid-save never leaves half a file.
import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProfileView } from '../../shared/contract/connections.js';
import { ErrorCode, fail } from '../errors.js';
import type { ConnectionSettings } from '../kafka/profile-types.js';
import type { Logger } from '../ports.js';

export interface StoredProfile extends ConnectionSettings {
  id: string;
  name: string;
  readOnly: boolean;
  color: string;
}

/** A profile as the UI sends it: a secret left out (undefined) keeps the stored one; an empty string clears it. */
export type ProfileDraft = Omit<StoredProfile, 'id'> & { id?: string };

interface ProfilesFile {
  version: 1;
  profiles: StoredProfile[];
}

export const PROFILES_FILE_NAME = 'connections.json';

/** What may be shown for a profile: its settings, and only whether each secret is set. */
export function viewOf(profile: StoredProfile, builtIn: boolean): ProfileView {
  const { tls, sasl } = profile;
  return {
    id: profile.id,
    name: profile.name,
    bootstrapServers: [...profile.bootstrapServers],
    clientId: profile.clientId,
    readOnly: profile.readOnly,
    color: profile.color,
    builtIn,
    ...(tls ? { tls: { enabled: tls.enabled, hasCa: Boolean(tls.ca), hasCert: Boolean(tls.cert), hasKey: Boolean(tls.key), rejectUnauthorized: tls.rejectUnauthorized } } : {}),
    ...(sasl ? { sasl: { mechanism: sasl.mechanism, username: sasl.username, hasPassword: Boolean(sasl.password) } } : {}),
  };
}

function keepOrReplace(next: string | undefined, stored: string | undefined): string | undefined {
  if (next === undefined) return stored;
  return next === '' ? undefined : next;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Merges a draft over the stored profile: secrets the draft leaves out are kept. */
export function mergeDraft(id: string, draft: ProfileDraft, stored: StoredProfile | undefined): StoredProfile {
  const profile: StoredProfile = {
    id,
    name: draft.name,
    bootstrapServers: [...draft.bootstrapServers],
    clientId: draft.clientId,
    readOnly: draft.readOnly,
    color: draft.color,
  };
  if (draft.tls) {
    profile.tls = withoutUndefined({
      enabled: draft.tls.enabled,
      rejectUnauthorized: draft.tls.rejectUnauthorized,
      ca: keepOrReplace(draft.tls.ca, stored?.tls?.ca),
      cert: keepOrReplace(draft.tls.cert, stored?.tls?.cert),
      key: keepOrReplace(draft.tls.key, stored?.tls?.key),
    });
  }
  if (draft.sasl) {
    // A password belongs to a user: renaming the user does not carry it over.
    const storedPassword = stored?.sasl?.username === draft.sasl.username ? stored.sasl.password : undefined;
    profile.sasl = withoutUndefined({ mechanism: draft.sasl.mechanism, username: draft.sasl.username, password: keepOrReplace(draft.sasl.password, storedPassword) });
  }
  return profile;
}

export class ProfileStore {
  private readonly file: string;
  private profiles: StoredProfile[];

  constructor(
    userDataDir: string,
    private readonly logger: Logger,
    private readonly reservedIds: ReadonlySet<string> = new Set(),
  ) {
    this.file = join(userDataDir, PROFILES_FILE_NAME);
    this.profiles = this.load();
  }

  list(): StoredProfile[] {
    return this.profiles.map((p) => structuredClone(p));
  }

  get(id: string): StoredProfile | undefined {
    const found = this.profiles.find((p) => p.id === id);
    return found ? structuredClone(found) : undefined;
  }

  /** The profile a save would store, without storing it (secrets merged from `stored`). */
  preview(draft: ProfileDraft, stored: StoredProfile | undefined): StoredProfile {
    return mergeDraft(draft.id ?? '', draft, stored);
  }

  save(draft: ProfileDraft): StoredProfile {
    if (draft.id !== undefined && this.reservedIds.has(draft.id)) fail(ErrorCode.BUILT_IN_CONNECTION, `The "${draft.id}" connection is built in and cannot be changed.`);
    const id = draft.id ?? randomUUID();
    const index = this.profiles.findIndex((p) => p.id === id);
    const profile = mergeDraft(id, draft, index >= 0 ? this.profiles[index] : undefined);
    const next = [...this.profiles];
    if (index >= 0) next[index] = profile;
    else next.push(profile);
    this.write(next);
    return structuredClone(profile);
  }

  remove(id: string): void {
    if (this.reservedIds.has(id)) fail(ErrorCode.BUILT_IN_CONNECTION, `The "${id}" connection is built in and cannot be removed.`);
    if (!this.profiles.some((p) => p.id === id)) fail(ErrorCode.CONNECTION_NOT_FOUND, `There is no saved connection with id "${id}".`);
    this.write(this.profiles.filter((p) => p.id !== id));
  }

  private load(): StoredProfile[] {
    if (!existsSync(this.file)) return [];
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<ProfilesFile>;
      if (parsed.version !== 1 || !Array.isArray(parsed.profiles)) throw new Error(`unknown format (version ${String(parsed.version)})`);
      return parsed.profiles.filter((p) => !this.reservedIds.has(p.id));
    } catch (error) {
      // Keep the unreadable file for the user to recover from; start empty.
      const aside = `${this.file}.unreadable-${Date.now()}`;
      renameSync(this.file, aside);
      this.logger.warn('connections file could not be read; moved aside', { file: aside, error: error instanceof Error ? error.message : String(error) });
      return [];
    }
  }

  private write(profiles: StoredProfile[]): void {
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    const body: ProfilesFile = { version: 1, profiles };
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(body, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    // The mode given to open() is masked by the umask; set it outright.
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
    this.profiles = profiles;
  }
}
