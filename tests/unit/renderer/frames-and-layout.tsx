// Two things jsdom lacks that renderer tests need: animation frames the test
// steps by hand, and element sizes (it has no layout).
import { act } from '@testing-library/react';
import { afterAll, beforeAll } from 'vitest';
import type { FrameScheduler } from '../../../src/renderer/src/api/use-stream';

/** A scheduler the test drives: flushes run only when the test says a frame passed. */
export function manualFrames() {
  const queued: (() => void)[] = [];
  const scheduler: FrameScheduler = (flush) => {
    queued.push(flush);
    return () => {
      const index = queued.indexOf(flush);
      if (index >= 0) queued.splice(index, 1);
    };
  };
  const frame = () => act(() => queued.splice(0).forEach((flush) => flush()));
  return { scheduler, frame, pending: () => queued.length };
}

/** Every element reports these sizes while the file's tests run (lists read their viewport from them). */
export function fakeElementSize(sizes: { clientHeight: number; clientWidth: number }): void {
  beforeAll(() => {
    for (const [name, value] of Object.entries(sizes)) Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => value });
  });
  afterAll(() => {
    // Element.prototype's own getters show through again.
    for (const name of Object.keys(sizes)) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[name];
  });
}
