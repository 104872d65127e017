// A manual clock for tests: time moves only when the test says so, and timers
// fire (in due order) as it passes their deadline.

import type { Clock, Timer } from '../../../../src/broker/ports.js';

interface PendingTimer {
  at: number;
  sequence: number;
  fn: () => void;
  cancelled: boolean;
}

export class FakeClock implements Clock {
  private timers: PendingTimer[] = [];
  private sequence = 0;

  constructor(private current = 1_700_000_000_000) {}

  now(): number {
    return this.current;
  }

  setTimer(ms: number, fn: () => void): Timer {
    const timer: PendingTimer = { at: this.current + Math.max(0, ms), sequence: this.sequence++, fn, cancelled: false };
    this.timers.push(timer);
    return { cancel: () => (timer.cancelled = true) };
  }

  /** Moves time forward, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers
        .filter((timer) => !timer.cancelled && timer.at <= target)
        .sort((a, b) => a.at - b.at || a.sequence - b.sequence)[0];
      if (!due) break;
      this.timers = this.timers.filter((timer) => timer !== due);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = target;
  }
}
