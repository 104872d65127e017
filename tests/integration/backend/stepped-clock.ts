// A backend clock whose time moves only through sleeps: each sleep advances it
// by exactly what was asked, so rate pacing is deterministic. When held, a
// sleep waits until the test releases it (or its signal aborts), which pins a
// paced send inside its rate wait at a moment the test chooses.
import type { Clock } from '../../../src/backend/ports.js';

export class SteppedClock implements Clock {
  private time = 1_700_000_000_000;
  private readonly waiting: (() => void)[] = [];
  held = false;

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const wake = () => {
        const index = this.waiting.indexOf(wake);
        if (index >= 0) this.waiting.splice(index, 1);
        signal?.removeEventListener('abort', wake);
        this.time += ms;
        resolve();
      };
      if (!this.held) return wake();
      this.waiting.push(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }

  /** How many sleeps are waiting for release. */
  sleeping(): number {
    return this.waiting.length;
  }

  /** Wakes the oldest waiting sleep. */
  release(): void {
    this.waiting[0]?.();
  }
}
