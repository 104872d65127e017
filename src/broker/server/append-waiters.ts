// Fetch long-polls park here until a produce lands on one of their partitions,
// their wait runs out, or the broker shuts down. Timers come from the injected
// clock so tests can drive time.
import type { Clock, Timer } from '../ports.js';

export interface TopicPartitionRef {
  readonly topic: string;
  readonly partition: number;
}

interface Waiter {
  readonly keys: readonly string[];
  readonly wake: () => void;
  timer: Timer | null;
}

function keyOf(topic: string, partition: number): string {
  return `${partition}:${topic}`;
}

export class AppendWaiters {
  private readonly waitersByPartition = new Map<string, Set<Waiter>>();
  private readonly everyWaiter = new Set<Waiter>();
  private closed = false;

  constructor(private readonly clock: Clock) {}

  /**
   * Resolves on the first append to any of `partitions`, after `timeoutMs`, or
   * on shutdown. Rejects once the broker is closed, so a woken long-poll does
   * not go back to waiting.
   */
  wait(partitions: readonly TopicPartitionRef[], timeoutMs: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the broker is closed'));
    if (timeoutMs <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter: Waiter = {
        keys: [...new Set(partitions.map((p) => keyOf(p.topic, p.partition)))],
        wake: () => {
          this.forget(waiter);
          resolve();
        },
        timer: null,
      };
      for (const key of waiter.keys) {
        let set = this.waitersByPartition.get(key);
        if (!set) this.waitersByPartition.set(key, (set = new Set()));
        set.add(waiter);
      }
      this.everyWaiter.add(waiter);
      waiter.timer = this.clock.setTimer(timeoutMs, waiter.wake);
    });
  }

  notify(topic: string, partition: number): void {
    const set = this.waitersByPartition.get(keyOf(topic, partition));
    if (!set) return;
    for (const waiter of [...set]) waiter.wake();
  }

  /** Wakes everyone and refuses further waits: the broker is closing. */
  close(): void {
    this.closed = true;
    for (const waiter of [...this.everyWaiter]) waiter.wake();
  }

  private forget(waiter: Waiter): void {
    waiter.timer?.cancel();
    waiter.timer = null;
    this.everyWaiter.delete(waiter);
    for (const key of waiter.keys) {
      const set = this.waitersByPartition.get(key);
      if (!set) continue;
      set.delete(waiter);
      if (set.size === 0) this.waitersByPartition.delete(key);
    }
  }
}
