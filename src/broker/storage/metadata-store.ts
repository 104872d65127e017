// Cluster and topic metadata, each in a versioned JSON file under
// <dataDir>/meta/, replaced atomically so a crash leaves the old or the new
// version, never a torn one.

import { join } from 'node:path';
import type { IdSource } from '../ports.js';
import { atomicWriteFile, removeQuietly, type Fs } from './fs.js';
import type { TopicMetadata } from './types.js';

const METADATA_VERSION = 1;
export const META_DIR = 'meta';
const CLUSTER_FILE = 'cluster.json';
const TOPICS_FILE = 'topics.json';

interface ClusterFile {
  version: number;
  clusterId: string;
}

interface TopicRecord {
  name: string;
  /** base64url of the 16-byte id, Kafka's textual form of a Uuid. */
  id: string;
  partitionCount: number;
  configs: Record<string, string>;
}

interface TopicsFile {
  version: number;
  topics: TopicRecord[];
}

function readVersioned<T extends { version: number }>(fs: Fs, path: string): T | undefined {
  if (!fs.exists(path)) return undefined;
  const parsed = JSON.parse(fs.readFile(path).toString('utf8')) as T;
  if (parsed.version !== METADATA_VERSION) {
    throw new Error(`${path} has version ${String(parsed.version)}; this broker reads version ${METADATA_VERSION}`);
  }
  return parsed;
}

function writeJson(fs: Fs, path: string, value: unknown): void {
  atomicWriteFile(fs, path, Buffer.from(`${JSON.stringify(value, null, 2)}\n`));
}

export class MetadataStore {
  private readonly metaDir: string;

  constructor(
    private readonly fs: Fs,
    dataDir: string,
  ) {
    this.metaDir = join(dataDir, META_DIR);
    fs.mkdirp(this.metaDir);
    for (const name of fs.readdir(this.metaDir)) if (name.endsWith('.tmp')) removeQuietly(fs, join(this.metaDir, name));
  }

  /** The persisted cluster id, created on first use: 22 base64url characters of 16 random bytes. */
  loadOrCreateClusterId(ids: IdSource): string {
    const path = join(this.metaDir, CLUSTER_FILE);
    const existing = readVersioned<ClusterFile>(this.fs, path);
    if (existing) {
      if (typeof existing.clusterId !== 'string' || existing.clusterId.length === 0) throw new Error(`${path} has no cluster id`);
      return existing.clusterId;
    }
    const clusterId = ids.randomBytes16().toString('base64url');
    writeJson(this.fs, path, { version: METADATA_VERSION, clusterId } satisfies ClusterFile);
    return clusterId;
  }

  loadTopics(): TopicMetadata[] {
    const path = join(this.metaDir, TOPICS_FILE);
    const file = readVersioned<TopicsFile>(this.fs, path);
    if (!file) return [];
    if (!Array.isArray(file.topics)) throw new Error(`${path} has no topic list`);
    return file.topics.map((topic) => {
      const id = Buffer.from(topic.id, 'base64url');
      if (typeof topic.name !== 'string' || id.length !== 16 || !Number.isInteger(topic.partitionCount) || topic.partitionCount < 1) {
        throw new Error(`${path} holds a malformed topic entry: ${JSON.stringify(topic)}`);
      }
      return { name: topic.name, id, partitionCount: topic.partitionCount, configs: { ...topic.configs } };
    });
  }

  saveTopics(topics: readonly TopicMetadata[]): void {
    const records: TopicRecord[] = topics.map((topic) => ({
      name: topic.name,
      id: topic.id.toString('base64url'),
      partitionCount: topic.partitionCount,
      configs: { ...topic.configs },
    }));
    writeJson(this.fs, join(this.metaDir, TOPICS_FILE), { version: METADATA_VERSION, topics: records } satisfies TopicsFile);
  }
}
