// Electron IPC specifics: a window that closes or reloads takes its
// subscriptions with it (a lane's consumers must not outlive the window that
// watched them), and unmounting cancels everything still open.
import { expect, it } from 'vitest';
import { z } from 'zod';
import { stream } from '../../../src/shared/contract/define.js';
import { createDispatcher } from '../../../src/shared/rpc/dispatcher.js';
import { fakeIpc } from './transports.js';

const tickContract = { 'ticks.watch': stream({ params: z.object({}), event: z.object({ n: z.number() }) }) } as const;

function ticking() {
  const live = new Set<number>();
  let next = 0;
  const dispatcher = createDispatcher(tickContract, {
    'ticks.watch': (_params, sink, signal) => {
      const id = next++;
      live.add(id);
      sink.emit({ n: id });
      signal.addEventListener('abort', () => live.delete(id));
    },
  });
  return { dispatcher, live };
}

const firstEvent = (subscribe: (onEvent: (event: unknown) => void) => void) => new Promise((resolve) => subscribe(resolve));

it('cancels a window’s subscriptions when the window is destroyed', async () => {
  const { dispatcher, live } = ticking();
  const ipc = fakeIpc(dispatcher);
  await firstEvent((onEvent) => ipc.transport.subscribe('ticks.watch', {}, onEvent));
  await firstEvent((onEvent) => ipc.transport.subscribe('ticks.watch', {}, onEvent));
  expect(live.size).toBe(2);
  ipc.destroyWindow();
  expect(live.size).toBe(0);
  await ipc.close();
});

it('cancels one subscription on unsubscribe and the rest on unmount', async () => {
  const { dispatcher, live } = ticking();
  const ipc = fakeIpc(dispatcher);
  let cancelFirst = () => undefined as void;
  await firstEvent((onEvent) => (cancelFirst = ipc.transport.subscribe('ticks.watch', {}, onEvent)));
  await firstEvent((onEvent) => ipc.transport.subscribe('ticks.watch', {}, onEvent));
  cancelFirst();
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(live.size).toBe(1);
  await ipc.close();
  expect(live.size).toBe(0);
});
