import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useStream, type FrameScheduler } from '../../../src/renderer/src/api/use-stream';
import type { LocalBrokerStatus } from '../../../src/shared/contract/local-broker';
import { fakeClient, renderWithProviders } from './test-providers';
import { manualFrames } from './frames-and-layout';

const status = (port: number): LocalBrokerStatus => ({ state: 'running', bootstrap: `127.0.0.1:${port}`, port, notice: null, dataDir: '/data' });

function Probe({ scheduler, reduce, enabled = true, onRender }: { scheduler: FrameScheduler; reduce: (s: number[], e: LocalBrokerStatus[]) => number[]; enabled?: boolean; onRender: () => void }) {
  const result = useStream('localBroker.watch', { params: enabled ? {} : null, initial: [] as number[], reduce, scheduler });
  onRender();
  return (
    <div data-testid="probe" data-ended={String(result.ended)} data-error={result.error?.code ?? ''}>
      {result.state.join(',')}
    </div>
  );
}

describe('useStream', () => {
  it('folds all events that arrive within one frame into a single state update', () => {
    const { client, streams } = fakeClient();
    const frames = manualFrames();
    const reduce = vi.fn((state: number[], events: LocalBrokerStatus[]) => [...state, ...events.map((event) => event.port ?? 0)]);
    const onRender = vi.fn();
    renderWithProviders(<Probe scheduler={frames.scheduler} reduce={reduce} onRender={onRender} />, client);
    expect(streams).toHaveLength(1);
    expect(streams[0]!.stream).toBe('localBroker.watch');

    const rendersBefore = onRender.mock.calls.length;
    act(() => {
      for (const port of [1, 2, 3]) streams[0]!.emit(status(port));
    });
    expect(frames.pending()).toBe(1);
    expect(onRender.mock.calls.length).toBe(rendersBefore);
    frames.frame();
    expect(reduce).toHaveBeenCalledTimes(1);
    expect(reduce.mock.calls[0]![1]).toHaveLength(3);
    expect(onRender.mock.calls.length).toBe(rendersBefore + 1);
    expect(screen.getByTestId('probe')).toHaveTextContent('1,2,3');

    act(() => streams[0]!.emit(status(4)));
    frames.frame();
    expect(screen.getByTestId('probe')).toHaveTextContent('1,2,3,4');
  });

  it('reports the end of the stream and its error', () => {
    const { client, streams } = fakeClient();
    const frames = manualFrames();
    renderWithProviders(<Probe scheduler={frames.scheduler} reduce={(s) => s} onRender={() => undefined} />, client);
    act(() => streams[0]!.end({ code: 'TRANSPORT_ERROR', message: 'lost', retriable: true }));
    frames.frame();
    expect(screen.getByTestId('probe')).toHaveAttribute('data-ended', 'true');
    expect(screen.getByTestId('probe')).toHaveAttribute('data-error', 'TRANSPORT_ERROR');
  });

  it('unsubscribes and drops the pending frame on unmount', () => {
    const { client, streams } = fakeClient();
    const frames = manualFrames();
    const view = renderWithProviders(<Probe scheduler={frames.scheduler} reduce={(s) => s} onRender={() => undefined} />, client);
    act(() => streams[0]!.emit(status(1)));
    expect(frames.pending()).toBe(1);
    view.unmount();
    expect(streams[0]!.cancelled).toBe(true);
    expect(frames.pending()).toBe(0);
  });

  it('does not subscribe while params are null', () => {
    const { client, streams } = fakeClient();
    renderWithProviders(<Probe scheduler={manualFrames().scheduler} reduce={(s) => s} enabled={false} onRender={() => undefined} />, client);
    expect(streams).toHaveLength(0);
  });
});
