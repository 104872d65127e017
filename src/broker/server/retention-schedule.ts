// Runs the log retention pass every log.retention.check.interval.ms on the
// injected clock, as Kafka's log manager does.
import type { Clock, Logger, Timer } from '../ports.js';

export class RetentionSchedule {
  private timer: Timer | null = null;
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly enforceRetention: () => void,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.scheduleNext();
  }

  stop(): void {
    this.stopped = true;
    this.timer?.cancel();
    this.timer = null;
  }

  private scheduleNext(): void {
    if (this.stopped) return;
    this.timer = this.clock.setTimer(this.intervalMs, () => {
      this.timer = null;
      try {
        this.enforceRetention();
      } catch (error) {
        // A failed pass (a file in use, a full disk) must not stop future passes.
        this.logger.error('log retention pass failed', { error: error instanceof Error ? error.message : String(error) });
      }
      this.scheduleNext();
    });
  }
}
