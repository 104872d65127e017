// Producer ids for InitProducerId. An id must never be handed out twice, even
// across restarts, or a new producer could be taken for a duplicate of an old
// one. Writing a file per id would be slow, so ids are reserved in blocks: the
// file records the first id not yet reserved, and is advanced (atomically)
// before any id of a new block is returned. A crash wastes the rest of a block.

import { join } from 'node:path';
import { atomicWriteFile, type Fs } from './fs.js';
import { META_DIR } from './metadata-store.js';

export const PRODUCER_IDS_FILE = 'producer-ids.json';
const PRODUCER_IDS_VERSION = 1;
const DEFAULT_BLOCK_SIZE = 1000n;

interface ProducerIdsFile {
  version: number;
  nextUnreserved: string;
}

export class ProducerIdAllocator {
  private next: bigint;
  private reservedUntil: bigint;

  private constructor(
    private readonly fs: Fs,
    private readonly path: string,
    private readonly blockSize: bigint,
    start: bigint,
  ) {
    this.next = start;
    this.reservedUntil = start;
  }

  static open(options: { dataDir: string; fs: Fs; blockSize?: bigint }): ProducerIdAllocator {
    const { fs } = options;
    const metaDir = join(options.dataDir, META_DIR);
    fs.mkdirp(metaDir);
    const path = join(metaDir, PRODUCER_IDS_FILE);
    let start = 0n;
    if (fs.exists(path)) {
      const parsed = JSON.parse(fs.readFile(path).toString('utf8')) as Partial<ProducerIdsFile>;
      if (parsed.version !== PRODUCER_IDS_VERSION || typeof parsed.nextUnreserved !== 'string' || !/^\d+$/.test(parsed.nextUnreserved)) {
        throw new Error(`${path} is not a version ${PRODUCER_IDS_VERSION} producer id file`);
      }
      start = BigInt(parsed.nextUnreserved);
    }
    const blockSize = options.blockSize ?? DEFAULT_BLOCK_SIZE;
    if (blockSize < 1n) throw new RangeError('the producer id block size must be at least 1');
    return new ProducerIdAllocator(fs, path, blockSize, start);
  }

  /** A producer id never returned before by this data directory. Throws if the reservation cannot be persisted. */
  allocate(): bigint {
    if (this.next >= this.reservedUntil) {
      const reservedUntil = this.next + this.blockSize;
      const contents: ProducerIdsFile = { version: PRODUCER_IDS_VERSION, nextUnreserved: reservedUntil.toString() };
      atomicWriteFile(this.fs, this.path, Buffer.from(`${JSON.stringify(contents)}\n`));
      this.reservedUntil = reservedUntil;
    }
    return this.next++;
  }
}
