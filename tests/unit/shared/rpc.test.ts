import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { appError } from '../../../src/shared/app-error.js';
import { method, stream } from '../../../src/shared/contract/define.js';
import { createClient } from '../../../src/shared/rpc/client.js';
import { createDispatcher, type Handlers, type StreamSink } from '../../../src/shared/rpc/dispatcher.js';
import { inProcessTransport } from '../../../src/shared/rpc/in-process-transport.js';
import { AppFailure } from '../../../src/shared/rpc/result.js';

const testContract = {
  'math.add': method({ input: z.object({ a: z.number(), b: z.number().default(1) }), output: z.object({ sum: z.number() }) }),
  'math.fail': method({ input: z.object({}), output: z.null() }),
  'math.crash': method({ input: z.object({}), output: z.null() }),
  'math.lie': method({ input: z.object({}), output: z.object({ n: z.number() }) }),
  'math.big': method({ input: z.object({}), output: z.unknown() }),
  'ticks.count': stream({ params: z.object({ upTo: z.number().int() }), event: z.object({ n: z.number() }) }),
} as const;

function handlers(onAbort: () => void = () => undefined): Handlers<typeof testContract> {
  return {
    'math.add': ({ a, b }) => ({ sum: a + b }),
    'math.fail': () => {
      throw new AppFailure(appError('TOPIC_NOT_FOUND', 'no such topic', { kafkaCode: 3 }));
    },
    'math.crash': () => {
      throw new Error('boom');
    },
    'math.lie': () => ({ n: 'seven' }) as never,
    'math.big': () => ({ offset: 5n }),
    'ticks.count': ({ upTo }, sink, signal) => {
      signal.addEventListener('abort', () => {
        onAbort();
        // Too late: the subscriber is gone, so this must not reach it.
        sink.emit({ n: -1 });
      });
      for (let n = 1; n <= upTo; n++) sink.emit({ n });
      if (upTo < 3) sink.end();
    },
  };
}

const collect = (): StreamSink & { events: unknown[]; ended: unknown[] } => {
  const events: unknown[] = [];
  const ended: unknown[] = [];
  return { events, ended, emit: (e) => events.push(e), end: (e) => ended.push(e ?? 'ok') };
};

describe('dispatcher', () => {
  const internal: unknown[] = [];
  const dispatcher = createDispatcher(testContract, handlers(), { validateOutput: true, onInternalError: (e) => internal.push(e) });

  it('parses input, applies defaults and answers ok', async () => {
    expect(await dispatcher.invoke('math.add', { a: 2 })).toEqual({ ok: true, value: { sum: 3 } });
  });

  it('refuses unknown methods and bad input as values', async () => {
    expect(await dispatcher.invoke('math.nope', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await dispatcher.invoke('toString', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const bad = await dispatcher.invoke('math.add', { a: 'two' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', retriable: false } });
    expect(!bad.ok && bad.error.message).toContain('a:');
  });

  it('passes AppFailures through with their code and hides crashes behind INTERNAL_ERROR', async () => {
    expect(await dispatcher.invoke('math.fail', {})).toEqual({ ok: false, error: { code: 'TOPIC_NOT_FOUND', message: 'no such topic', kafkaCode: 3, retriable: false } });
    expect(await dispatcher.invoke('math.crash', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
    expect(internal).toHaveLength(1);
  });

  it('catches an output that breaks the contract', async () => {
    expect(await dispatcher.invoke('math.lie', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL_ERROR' } });
  });

  it('streams events, ends, and validates params', () => {
    const sink = collect();
    dispatcher.subscribe('ticks.count', { upTo: 2 }, sink);
    expect(sink.events).toEqual([{ n: 1 }, { n: 2 }]);
    expect(sink.ended).toEqual(['ok']);
    const bad = collect();
    dispatcher.subscribe('ticks.count', { upTo: 'x' }, bad);
    expect(bad.ended).toMatchObject([{ code: 'INVALID_INPUT' }]);
  });

  it('aborts the handler when the subscriber cancels, and drops later events', () => {
    let aborted = 0;
    const d = createDispatcher(testContract, handlers(() => aborted++));
    const sink = collect();
    const cancel = d.subscribe('ticks.count', { upTo: 5 }, sink);
    cancel();
    expect(aborted).toBe(1);
    expect(sink.events).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })));
  });
});

describe('client over the in-process transport', () => {
  const client = createClient<typeof testContract>(inProcessTransport(createDispatcher(testContract, handlers())));

  it('resolves outputs and rejects with the AppError', async () => {
    expect(await client.call('math.add', { a: 1, b: 2 })).toEqual({ sum: 3 });
    const failure = await client.call('math.fail', {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppFailure);
    expect((failure as AppFailure).error.code).toBe('TOPIC_NOT_FOUND');
  });

  it('fails loudly when a bigint leaks into a payload, as a real wire would', async () => {
    await expect(client.call('math.big', {})).rejects.toThrow(/BigInt/);
  });

  it('delivers stream events after subscribe() returns, in order', async () => {
    const seen: unknown[] = [];
    const ended = new Promise<void>((resolve) => client.subscribe('ticks.count', { upTo: 2 }, (e) => seen.push(e), () => resolve()));
    expect(seen).toEqual([]);
    await ended;
    expect(seen).toEqual([{ n: 1 }, { n: 2 }]);
  });
});
