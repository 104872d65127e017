// The lane's record buffer between its consumers and its subscribers. Records
// leave in batches: a full batch (1,000 records, or 4 MiB of payload for big
// records) at once, a partial one 50 ms after its oldest record arrived. Memory is bounded: past the cap, or while a
// subscriber's transport is backed up, the feed asks the lane to pause its
// consumers, and to resume once it has drained to half the cap. Records are
// never dropped; while nobody is subscribed they wait (up to the cap).
import type { Clock } from '../ports.js';

export interface FeedLimits {
  /** Records per batch; a full batch leaves at once. */
  maxBatchRecords: number;
  /** Payload bytes per batch (at least one record per batch, however big). */
  maxBatchBytes: number;
  /** A partial batch leaves this long after its oldest record arrived. */
  maxDelayMs: number;
  /** Buffered records above which the consumers pause. */
  capRecords: number;
  /** Buffered payload bytes (approximate) above which the consumers pause. */
  capBytes: number;
}

export const DEFAULT_FEED_LIMITS: FeedLimits = { maxBatchRecords: 1_000, maxBatchBytes: 4 * 1024 * 1024, maxDelayMs: 50, capRecords: 20_000, capBytes: 32 * 1024 * 1024 };

export interface FeedTarget<R> {
  /** Whether anyone can take a batch now (someone is subscribed and no transport is backed up). */
  canDeliver(): boolean;
  /** Whether a subscriber's transport is backed up (a reason to pause even below the cap). */
  congested(): boolean;
  deliver(records: R[]): void;
  /** The feed wants the consumers paused (true) or running again (false). */
  pressure(paused: boolean, bufferedRecords: number): void;
}

interface Entry<R> {
  record: R;
  bytes: number;
}

export class RecordFeed<R> {
  private readonly queue: Entry<R>[] = [];
  /** Index of the first undelivered entry; the array is compacted now and then. */
  private head = 0;
  private bytes = 0;
  private oldestAt: number | null = null;
  private timer: AbortController | null = null;
  private timerDue = Infinity;
  private pressed = false;
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly target: FeedTarget<R>,
    private readonly limits: FeedLimits = DEFAULT_FEED_LIMITS,
  ) {}

  get bufferedRecords(): number {
    return this.queue.length - this.head;
  }

  get bufferedBytes(): number {
    return this.bytes;
  }

  /** Whether the feed is holding the consumers paused. */
  get paused(): boolean {
    return this.pressed;
  }

  push(records: R[], sizeOf: (record: R) => number): void {
    if (this.closed || records.length === 0) return;
    for (const record of records) {
      const bytes = sizeOf(record);
      this.queue.push({ record, bytes });
      this.bytes += bytes;
    }
    this.oldestAt ??= this.clock.now();
    this.pump();
  }

  /** Delivers what is due, updates the pressure and arms the timer. Call it when a subscriber arrives or drains. */
  pump(): void {
    if (this.closed) return;
    while (this.bufferedRecords > 0 && this.target.canDeliver()) {
      const full = this.bufferedRecords >= this.limits.maxBatchRecords || this.bytes >= this.limits.maxBatchBytes;
      const due = this.oldestAt !== null && this.clock.now() - this.oldestAt >= this.limits.maxDelayMs;
      if (!full && !due) break;
      this.target.deliver(this.take());
    }
    this.updatePressure();
    this.arm();
  }

  /** Forgets every buffered record and stops the timer (the lane is closing). */
  close(): void {
    this.closed = true;
    this.timer?.abort();
    this.timer = null;
    this.queue.length = 0;
    this.head = 0;
    this.bytes = 0;
  }

  private take(): R[] {
    const last = Math.min(this.queue.length, this.head + this.limits.maxBatchRecords);
    const out: R[] = [];
    let bytes = 0;
    let i = this.head;
    for (; i < last; i++) {
      const entry = this.queue[i]!;
      if (out.length > 0 && bytes + entry.bytes > this.limits.maxBatchBytes) break;
      out.push(entry.record);
      bytes += entry.bytes;
    }
    this.bytes -= bytes;
    this.head = i;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
      this.oldestAt = null;
    } else {
      // The rest waits for a full batch or its own delay, counted from now.
      this.oldestAt = this.clock.now();
      if (this.head > 4_096 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
    }
    return out;
  }

  private updatePressure(): void {
    const { capRecords, capBytes } = this.limits;
    const congested = this.target.congested();
    if (!this.pressed && (this.bufferedRecords > capRecords || this.bytes > capBytes || congested)) {
      this.pressed = true;
      this.target.pressure(true, this.bufferedRecords);
    } else if (this.pressed && this.bufferedRecords <= capRecords / 2 && this.bytes <= capBytes / 2 && !congested) {
      this.pressed = false;
      this.target.pressure(false, this.bufferedRecords);
    }
  }

  /** While records wait, the timer fires when the oldest is due, or polls the subscribers while they cannot take more. */
  private arm(): void {
    if (this.bufferedRecords === 0 && !this.pressed) {
      this.timer?.abort();
      this.timer = null;
      this.timerDue = Infinity;
      return;
    }
    const now = this.clock.now();
    const due = this.target.canDeliver() && this.oldestAt !== null ? Math.max(now, this.oldestAt + this.limits.maxDelayMs) : now + this.limits.maxDelayMs;
    if (this.timer && this.timerDue <= due) return;
    this.timer?.abort();
    const timer = new AbortController();
    this.timer = timer;
    this.timerDue = due;
    void this.clock.sleep(due - now, timer.signal).then(() => {
      if (timer.signal.aborted || this.timer !== timer) return;
      this.timer = null;
      this.timerDue = Infinity;
      this.pump();
    });
  }
}
