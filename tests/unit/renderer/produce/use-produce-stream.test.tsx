// useProduceStream's batching, with frames stepped by hand: a frame's progress
// events become one state update. A cancel asks produce.cancel and waits for
// the stream's final count; when that call fails it stops listening and keeps
// the events that arrived but were still waiting for a frame (they were sent).
import { act, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useProduceStream, type StreamedSend } from '../../../../src/renderer/src/api/use-produce-stream';
import type { FrameScheduler } from '../../../../src/renderer/src/api/use-stream';
import { manualFrames } from '../frames-and-layout';
import { failure, fakeClient, renderWithProviders } from '../test-providers';

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
      <output data-testid="run">{stream.run ? `${stream.run.status} ${stream.run.sent} listed ${stream.run.landed.length}${stream.run.countMayBeShort ? ' maybe short' : ''}` : 'idle'}</output>
    </>
  );
}

describe('useProduceStream', () => {
  it('folds a frame of progress events into one render; a cancel asks the backend and waits for its final count', async () => {
    const { client, streams, calls } = fakeClient({ 'produce.cancel': () => null });
    const frames = manualFrames();
    const onRender = vi.fn();
    const onEnd = vi.fn();
    renderWithProviders(<Probe scheduler={frames.scheduler} onRender={onRender} onEnd={onEnd} />, client);
    act(() => screen.getByRole('button', { name: 'Start' }).click());
    expect(streams[0]).toMatchObject({ stream: 'produce.sendStream', params: request });
    const { sendId } = streams[0]!.params as { sendId: string };
    expect(sendId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(screen.getByTestId('run')).toHaveTextContent('sending 0 listed 0');

    const rendersBefore = onRender.mock.calls.length;
    act(() => [1, 2, 3].forEach((sent) => streams[0]!.emit(progress(sent))));
    expect(onRender.mock.calls.length).toBe(rendersBefore);
    frames.frame();
    expect(onRender.mock.calls.length).toBe(rendersBefore + 1);
    expect(screen.getByTestId('run')).toHaveTextContent('sending 3 listed 3');

    act(() => [4, 5].forEach((sent) => streams[0]!.emit(progress(sent))));
    await act(async () => screen.getByRole('button', { name: 'Stop' }).click());
    expect(calls).toEqual([{ method: 'produce.cancel', input: { connectionId: 'c', sendId } }]);
    // Still listening: a request in flight may yet land.
    expect(streams[0]!.cancelled).toBe(false);
    expect(screen.getByTestId('run')).toHaveTextContent('cancelling 5 listed 5');
    expect(onEnd).not.toHaveBeenCalled();

    act(() => {
      streams[0]!.emit(progress(6));
      streams[0]!.emit({ type: 'done', total: 6, elapsedMs: 30, cancelled: true });
      streams[0]!.end();
    });
    frames.frame();
    expect(screen.getByTestId('run')).toHaveTextContent('cancelled 6 listed 6');
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(onEnd.mock.calls[0]![0]).toMatchObject({ status: 'cancelled', sent: 6, total: 1_000, elapsedMs: 30, error: null });
    expect(onEnd.mock.calls[0]![0].request).not.toHaveProperty('sendId');
  });

  it('when the cancel call fails, stops listening and keeps what was reported, saying it may be short', async () => {
    const { client, streams } = fakeClient({ 'produce.cancel': () => Promise.reject(failure('BROKER_UNREACHABLE', 'gone')) });
    const frames = manualFrames();
    const onEnd = vi.fn();
    renderWithProviders(<Probe scheduler={frames.scheduler} onRender={() => undefined} onEnd={onEnd} />, client);
    act(() => screen.getByRole('button', { name: 'Start' }).click());
    act(() => [1, 2].forEach((sent) => streams[0]!.emit(progress(sent))));
    await act(async () => screen.getByRole('button', { name: 'Stop' }).click());
    expect(streams[0]!.cancelled).toBe(true);
    expect(frames.pending()).toBe(0);
    expect(screen.getByTestId('run')).toHaveTextContent('cancelled 2 listed 2 maybe short');
    expect(onEnd).toHaveBeenCalledTimes(1);
    expect(onEnd.mock.calls[0]![0]).toMatchObject({ status: 'cancelled', sent: 2, countMayBeShort: true });
  });

  it('ends with done, or failed with the error and what had been sent', () => {
    const { client, streams } = fakeClient();
    const frames = manualFrames();
    const onEnd = vi.fn();
    renderWithProviders(<Probe scheduler={frames.scheduler} onRender={() => undefined} onEnd={onEnd} />, client);
    act(() => screen.getByRole('button', { name: 'Start' }).click());
    act(() => {
      streams[0]!.emit(progress(1_000));
      streams[0]!.emit({ type: 'done', total: 1_000, elapsedMs: 42, cancelled: false });
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
