// Which cluster a connection id means, and one Kafka client per connection,
// kept while its settings stay the same. The built-in "Local broker" profile
// follows the local broker's current address, so a restart on another port
// gets a fresh client.
import type { ProfileView } from '../../shared/contract/connections.js';
import { ErrorCode, fail } from '../errors.js';
import type { KafkaClient } from '../kafka/client.js';
import { createKafkaClient } from '../kafka/kafkajs-client.js';
import type { Logger } from '../ports.js';
import { ProfileStore, viewOf, type ProfileDraft, type StoredProfile } from './profile-store.js';

export const LOCAL_CONNECTION_ID = 'local';
const LOCAL_COLOR = '#10b981';

export interface ConnectionRegistryOptions {
  userDataDir: string;
  logger: Logger;
  /** The local broker's bootstrap address (its preferred one while it is not running). */
  localBootstrap: () => string;
  /** The local broker's state; calls on the built-in profile are refused while it is stopped or failed. */
  localBrokerState?: () => string;
  /** Builds a client; the default is the kafkajs adapter. */
  createClient?: (profile: StoredProfile) => KafkaClient;
}

interface CachedClient {
  fingerprint: string;
  client: KafkaClient;
}

export class ConnectionRegistry {
  private readonly store: ProfileStore;
  private readonly clients = new Map<string, CachedClient>();
  private readonly createClient: (profile: StoredProfile) => KafkaClient;

  constructor(private readonly options: ConnectionRegistryOptions) {
    this.store = new ProfileStore(options.userDataDir, options.logger, new Set([LOCAL_CONNECTION_ID]));
    this.createClient = options.createClient ?? ((profile) => createKafkaClient(profile, { logger: options.logger }));
  }

  private localProfile(): StoredProfile {
    return { id: LOCAL_CONNECTION_ID, name: 'Local broker', bootstrapServers: [this.options.localBootstrap()], clientId: 'kafka-lanes', readOnly: false, color: LOCAL_COLOR };
  }

  list(): ProfileView[] {
    return [viewOf(this.localProfile(), true), ...this.store.list().map((p) => viewOf(p, false))];
  }

  /** The profile with its secrets, for connecting; fails with CONNECTION_NOT_FOUND. */
  profile(id: string): StoredProfile {
    if (id === LOCAL_CONNECTION_ID) return this.localProfile();
    return this.store.get(id) ?? fail(ErrorCode.CONNECTION_NOT_FOUND, `There is no saved connection with id "${id}".`);
  }

  /** Merges a draft with the stored secrets without saving it, e.g. to test an edited profile. */
  resolveDraft(draft: ProfileDraft): StoredProfile {
    const stored = draft.id === undefined ? undefined : draft.id === LOCAL_CONNECTION_ID ? this.localProfile() : this.store.get(draft.id);
    return { ...this.store.preview(draft, stored), id: draft.id ?? 'unsaved' };
  }

  save(draft: ProfileDraft): ProfileView {
    const saved = this.store.save(draft);
    void this.drop(saved.id);
    return viewOf(saved, false);
  }

  remove(id: string): void {
    this.store.remove(id);
    void this.drop(id);
  }

  /** A client for reading. */
  client(id: string): KafkaClient {
    if (id === LOCAL_CONNECTION_ID) this.requireLocalBroker();
    const profile = this.profile(id);
    const fingerprint = JSON.stringify(profile);
    const cached = this.clients.get(id);
    if (cached?.fingerprint === fingerprint) return cached.client;
    if (cached) void cached.client.close();
    const client = this.createClient(profile);
    this.clients.set(id, { fingerprint, client });
    return client;
  }

  /** A client for changing the cluster; refused on read-only profiles. */
  clientForWrite(id: string, what: string): KafkaClient {
    const profile = this.profile(id);
    if (profile.readOnly) fail(ErrorCode.READ_ONLY_CONNECTION, `"${profile.name}" is a read-only connection: ${what} is not allowed.`);
    return this.client(id);
  }

  /**
   * "Start the local broker" is the useful answer when it is down, not the
   * generic "unreachable" a connection attempt would give. While it is still
   * starting, calls go through and retry as usual.
   */
  private requireLocalBroker(): void {
    const state = this.options.localBrokerState?.();
    if (state === 'stopped' || state === 'stopping' || state === 'failed') {
      fail(ErrorCode.LOCAL_BROKER_NOT_RUNNING, `The local broker is ${state === 'failed' ? 'not running: it failed to start' : state}.`, { retriable: true });
    }
  }

  async dispose(): Promise<void> {
    const all = [...this.clients.values()];
    this.clients.clear();
    await Promise.allSettled(all.map((c) => c.client.close()));
  }

  private async drop(id: string): Promise<void> {
    const cached = this.clients.get(id);
    this.clients.delete(id);
    await cached?.client.close();
  }
}
