// Errors the storage layer throws on purpose, so handlers can map them to
// Kafka error codes instead of treating them as internal failures.

/** A read asked for an offset below the log start or above the log end (OFFSET_OUT_OF_RANGE). */
export class OffsetOutOfRangeError extends Error {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly offset: bigint,
    readonly logStartOffset: bigint,
    readonly logEndOffset: bigint,
  ) {
    super(`offset ${offset} of ${topic}-${partition} is outside [${logStartOffset}, ${logEndOffset}]`);
    this.name = 'OffsetOutOfRangeError';
  }
}
