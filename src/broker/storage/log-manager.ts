// The broker's storage root: topic metadata plus one DiskPartitionLog per
// partition under <dataDir>/<topic>-<partition>/. It owns every open log; the
// request handlers reach partitions only through it. Naming rules and config
// values are the handlers' business; misuse here throws plain Errors.
// Metadata files are the commit points: a topic exists once topics.json says
// so, and is gone once topics.json no longer lists it.

import { join } from 'node:path';
import type { Clock, IdSource, Logger } from '../ports.js';
import type { Fs } from './fs.js';
import { META_DIR, MetadataStore } from './metadata-store.js';
import { DiskPartitionLog } from './partition-log.js';
import { partitionDirName } from './segment-files.js';
import type { LogConfig, PartitionLog, TopicMetadata } from './types.js';

export interface LogManagerOptions {
  dataDir: string;
  fs: Fs;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  /** Derives a partition's LogConfig from its topic's overrides (broker defaults filled in). */
  logConfig: (topicConfigs: Readonly<Record<string, string>>) => LogConfig;
}

interface TopicEntry {
  metadata: TopicMetadata;
  logs: DiskPartitionLog[];
}

function freezeTopic(name: string, id: Buffer, partitionCount: number, configs: Readonly<Record<string, string>>): TopicMetadata {
  return Object.freeze({ name, id, partitionCount, configs: Object.freeze({ ...configs }) });
}

export class LogManager {
  readonly clusterId: string;
  private readonly topicsByName = new Map<string, TopicEntry>();
  private readonly topicsById = new Map<string, TopicEntry>();
  private readonly store: MetadataStore;
  private closed = false;

  private constructor(
    private readonly options: LogManagerOptions,
    store: MetadataStore,
    clusterId: string,
  ) {
    this.store = store;
    this.clusterId = clusterId;
  }

  /** Opens (or initialises) a data directory, recovering every partition log. */
  static open(options: LogManagerOptions): LogManager {
    options.fs.mkdirp(options.dataDir);
    const store = new MetadataStore(options.fs, options.dataDir);
    const manager = new LogManager(options, store, store.loadOrCreateClusterId(options.ids));
    try {
      for (const topic of store.loadTopics()) {
        const metadata = freezeTopic(topic.name, topic.id, topic.partitionCount, topic.configs);
        const config = options.logConfig(metadata.configs);
        const logs: DiskPartitionLog[] = [];
        manager.register({ metadata, logs });
        for (let partition = 0; partition < metadata.partitionCount; partition++) {
          logs.push(manager.openLog(metadata.name, partition, config));
        }
      }
    } catch (error) {
      manager.closeAllQuietly();
      throw error;
    }
    manager.reportStrayDirectories();
    return manager;
  }

  /** All topics, by name. */
  topics(): TopicMetadata[] {
    return [...this.topicsByName.values()].map((entry) => entry.metadata).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  topic(name: string): TopicMetadata | undefined {
    return this.topicsByName.get(name)?.metadata;
  }

  topicById(id: Buffer): TopicMetadata | undefined {
    return this.topicsById.get(id.toString('hex'))?.metadata;
  }

  partition(topic: string, index: number): PartitionLog | undefined {
    return this.topicsByName.get(topic)?.logs[index];
  }

  createTopic(name: string, partitionCount: number, configs: Readonly<Record<string, string>>): TopicMetadata {
    this.ensureOpen();
    checkDirectorySafeName(name);
    if (!Number.isInteger(partitionCount) || partitionCount < 1) throw new Error(`a topic needs at least one partition, got ${partitionCount}`);
    if (this.topicsByName.has(name)) throw new Error(`topic ${name} already exists`);
    // Case-insensitive filesystems (macOS, Windows) would give both one directory.
    const lower = name.toLowerCase();
    const clash = [...this.topicsByName.keys()].find((existing) => existing.toLowerCase() === lower);
    if (clash !== undefined) throw new Error(`topic ${name} would share its directories with topic ${clash}`);

    let id = this.options.ids.randomBytes16();
    while (this.topicsById.has(id.toString('hex'))) id = this.options.ids.randomBytes16();
    const metadata = freezeTopic(name, id, partitionCount, configs);
    const config = this.options.logConfig(metadata.configs);
    const logs = this.openFreshLogs(name, 0, partitionCount, config);
    try {
      this.store.saveTopics([...this.topics(), metadata]);
    } catch (error) {
      this.discardLogs(logs);
      throw error;
    }
    this.register({ metadata, logs });
    return metadata;
  }

  deleteTopic(name: string): void {
    this.ensureOpen();
    const entry = this.requireTopic(name);
    this.store.saveTopics(this.topics().filter((topic) => topic.name !== name));
    this.topicsByName.delete(name);
    this.topicsById.delete(entry.metadata.id.toString('hex'));
    this.discardLogs(entry.logs);
  }

  addPartitions(name: string, newCount: number): TopicMetadata {
    this.ensureOpen();
    const entry = this.requireTopic(name);
    const current = entry.metadata.partitionCount;
    if (!Number.isInteger(newCount) || newCount <= current) {
      throw new Error(`topic ${name} has ${current} partitions; cannot grow it to ${newCount}`);
    }
    const config = this.options.logConfig(entry.metadata.configs);
    const added = this.openFreshLogs(name, current, newCount, config);
    const metadata = freezeTopic(name, entry.metadata.id, newCount, entry.metadata.configs);
    try {
      this.store.saveTopics(this.topics().map((topic) => (topic.name === name ? metadata : topic)));
    } catch (error) {
      this.discardLogs(added);
      throw error;
    }
    entry.metadata = metadata;
    entry.logs.push(...added);
    return metadata;
  }

  /** Replaces the topic's overrides and re-derives every partition's LogConfig. */
  setTopicConfigs(name: string, configs: Readonly<Record<string, string>>): TopicMetadata {
    this.ensureOpen();
    const entry = this.requireTopic(name);
    const metadata = freezeTopic(name, entry.metadata.id, entry.metadata.partitionCount, configs);
    const config = this.options.logConfig(metadata.configs);
    this.store.saveTopics(this.topics().map((topic) => (topic.name === name ? metadata : topic)));
    entry.metadata = metadata;
    for (const log of entry.logs) log.setConfig(config);
    return metadata;
  }

  /** Applies retention to every partition at the clock's time; returns how many segments went. */
  enforceRetention(): number {
    this.ensureOpen();
    const nowMs = this.options.clock.now();
    let deleted = 0;
    for (const log of this.allLogs()) {
      try {
        deleted += log.enforceRetention(nowMs);
      } catch (error) {
        this.options.logger.error('retention failed', { topic: log.topic, partition: log.partition, error: String(error) });
      }
    }
    return deleted;
  }

  /** fsyncs every partition's active segment. */
  flush(): void {
    this.ensureOpen();
    for (const log of this.allLogs()) log.flush();
  }

  /** Flushes and closes every log, leaving clean-shutdown markers. Throws the first failure after trying all. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    let firstError: unknown;
    for (const log of this.allLogs()) {
      try {
        log.close();
      } catch (error) {
        this.options.logger.error('could not close a partition log cleanly', { topic: log.topic, partition: log.partition, error: String(error) });
        firstError ??= error;
      }
    }
    if (firstError !== undefined) throw firstError;
  }

  private register(entry: TopicEntry): void {
    this.topicsByName.set(entry.metadata.name, entry);
    this.topicsById.set(entry.metadata.id.toString('hex'), entry);
  }

  private requireTopic(name: string): TopicEntry {
    const entry = this.topicsByName.get(name);
    if (!entry) throw new Error(`topic ${name} does not exist`);
    return entry;
  }

  private ensureOpen(): void {
    if (this.closed) throw new Error('the log manager is closed');
  }

  private *allLogs(): Generator<DiskPartitionLog> {
    for (const entry of this.topicsByName.values()) yield* entry.logs;
  }

  private partitionDir(topic: string, partition: number): string {
    return join(this.options.dataDir, partitionDirName(topic, partition));
  }

  private openLog(topic: string, partition: number, config: LogConfig): DiskPartitionLog {
    const { fs, clock, logger } = this.options;
    return DiskPartitionLog.open({ fs, clock, logger, dir: this.partitionDir(topic, partition), topic, partition, config });
  }

  /**
   * Opens empty logs for partitions [from, to). A directory already there was
   * left by a delete that crashed before removing it; it belongs to no topic.
   */
  private openFreshLogs(topic: string, from: number, to: number, config: LogConfig): DiskPartitionLog[] {
    const logs: DiskPartitionLog[] = [];
    try {
      for (let partition = from; partition < to; partition++) {
        this.options.fs.rmrf(this.partitionDir(topic, partition));
        logs.push(this.openLog(topic, partition, config));
      }
    } catch (error) {
      this.discardLogs(logs);
      throw error;
    }
    return logs;
  }

  /** Closes logs and removes their directories, logging rather than throwing. */
  private discardLogs(logs: readonly DiskPartitionLog[]): void {
    for (const log of logs) {
      try {
        log.close();
      } catch {
        // The directory is about to go anyway.
      }
      try {
        this.options.fs.rmrf(this.partitionDir(log.topic, log.partition));
      } catch (error) {
        this.options.logger.warn('could not remove a partition directory', { topic: log.topic, partition: log.partition, error: String(error) });
      }
    }
  }

  private closeAllQuietly(): void {
    this.closed = true;
    for (const log of this.allLogs()) {
      try {
        log.close();
      } catch {
        // Opening already failed; that error is the one to report.
      }
    }
  }

  private reportStrayDirectories(): void {
    const expected = new Set<string>([META_DIR]);
    for (const entry of this.topicsByName.values()) {
      for (let p = 0; p < entry.metadata.partitionCount; p++) expected.add(partitionDirName(entry.metadata.name, p));
    }
    const strays = this.options.fs.readdir(this.options.dataDir).filter((name) => !expected.has(name) && /-\d+$/.test(name));
    if (strays.length > 0) {
      this.options.logger.info('data directory holds partition-like directories of no known topic; they are left alone', { directories: strays });
    }
  }
}

function checkDirectorySafeName(name: string): void {
  if (name.length === 0 || name === '.' || name === '..' || /[/\\\0]/.test(name)) {
    throw new Error(`topic name ${JSON.stringify(name)} cannot name a directory`);
  }
}
