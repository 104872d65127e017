// useProduceStream's batching, with frames stepped by hand: a frame's progress
// events become one state update, and a cancel counts the events that arrived
// but were still waiting for a frame (they were sent).
import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useProduceStream, type StreamedSend } from '../../../../src/renderer/src/api/use-produce-stream';
import type { FrameScheduler } from '../../../../src/renderer/src/api/use-stream';
import { manualFrames } from '../frames-and-layout';
import { fakeClient, renderWithProviders } from '../test-providers';

const request = { connectionId: 'c', topic: 't', value: { data: 'v' }, count: 1_000, ratePerSecond: 10 };
const progress = (sent: number) => ({ type: 'progress', sent, total: 1_000, landed: [{ partition: 0, offset: String(sent - 1) }] });

function Probe({ scheduler, onRender, onEnd }: { scheduler: FrameScheduler; onRender: () => void; onEnd: (final: StreamedSend) => void }) {
  const stream = useProduceStream(scheduler);
  onRender();
  return (
    <>
      <button type="button" onClick={() => stream.start(request, onEnd)}>
        Start
      </button>
      <button type="button" onClick={stream.cancel}>
        Stop
      </button>
      <output data-testid="run">{stream.run ? `${stream.run.status} ${stream.run.sent} listed ${stream.run.landed.length}` : 'idle'}</output>
    </>
  );
}

describe('useProduceStream', () => {
  it('folds a frame of progress events into one render, and a cancel takes the ones still waiting for a frame', () => {
    const { client, streams } = fakeClient();
    const frames = manualFrames();
    const onRender = vi.fn();
    const onEnd = vi.fn();
    renderWithProviders(<Probe scheduler={frames.scheduler} onRender={onRender} onEnd={onEnd} />, client);
    act(() => screen.getByRole('button', { name: 'Start' }).click());
    expect(streams[0]).toMatchObject({ stream: 'produce.sendStream', params: request });
    expect(screen.getByTestId('run')).toHaveTextContent('sending 0 listed 0');

    const rendersBefore = onRender.mock.calls.length;
    act(() => [1, 2, 3].forEach((sent) => streams[0]!.emit(progress(sent))));
    expect(onRender.mock.calls.length).toBe(rendersBefore);
    frames.frame();
    expect(onRender.mock.calls.length).toBe(rendersBefore + 1);
    expect(screen.getByTestId('run')).toHaveTextContent('sending 3 listed 3');

    act(() => [4, 5].forEach((sent) => streams[0]!.emit(progress(sent))));
    act(() => screen.getByRole('button', { name: 'Stop' }).click());
    expect(streams[0]!.cancelled).toBe(true);
    expect(frames.pending()).toBe(0);
    expect(screen.getByTestId('run')).toHaveTextContent('cancelled 5 listed 5');
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(onEnd.mock.calls[0]![0]).toMatchObject({ status: 'cancelled', sent: 5, total: 1_000 });
  });

  it('ends with done, or failed with the error and what had been sent', () => {
    const { client, streams } = fakeClient();
    const frames = manualFrames();
    const onEnd = vi.fn();
    renderWithProviders(<Probe scheduler={frames.scheduler} onRender={() => undefined} onEnd={onEnd} />, client);
    act(() => screen.getByRole('button', { name: 'Start' }).click());
    act(() => {
      streams[0]!.emit(progress(1_000));
      streams[0]!.emit({ type: 'done', total: 1_000, elapsedMs: 42 });
      streams[0]!.end();
    });
    frames.frame();
    expect(onEnd.mock.calls[0]![0]).toMatchObject({ status: 'done', sent: 1_000, elapsedMs: 42, error: null });

    act(() => screen.getByRole('button', { name: 'Start' }).click());
    act(() => {
      streams[1]!.emit(progress(7));
      streams[1]!.end({ code: 'MESSAGE_TOO_LARGE', message: 'too large', retriable: false });
    });
    frames.frame();
    expect(onEnd.mock.calls[1]![0]).toMatchObject({ status: 'failed', sent: 7, error: { code: 'MESSAGE_TOO_LARGE' } });
    expect(screen.getByTestId('run')).toHaveTextContent('failed 7 listed 1');
  });
});
