// Record batch v2 (magic 2): the one module the rest of the broker imports for
// batch headers, walking, stamping, decoding and building.

export {
  BATCH_HEADER_SIZE,
  BATCH_LOG_OVERHEAD,
  batchCompression,
  batchCompressionId,
  batchLastOffset,
  batchNextOffset,
  batchTotalSize,
  isControlBatch,
  isLogAppendTime,
  isTransactionalBatch,
  iterateBatches,
  readBatchHeader,
  recomputeBatchCrc,
  setLogAppendTime,
  stampBatch,
  verifyBatchCrc,
  type BatchHeader,
  type Compression,
} from './batch-header.js';
export { decodeRecords, type DecodedRecord, type RecordHeader } from './decode-records.js';
export { buildRecordBatch, type BuildBatchOptions, type RecordInput } from './build-record-batch.js';
