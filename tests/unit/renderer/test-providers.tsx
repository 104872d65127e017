// Renders a component inside the app's providers with a fake contract client:
// `call` answers from the given handlers (a missing one fails the test loudly)
// and `subscribe` hands the test a controller for each stream opened. For a
// real backend, `recordingCalls` lets a test see what the screen asked of it.
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import type { AppError } from '../../../src/shared/app-error';
import { AppFailure } from '../../../src/shared/rpc/result';
import { ApiClientProvider, type ApiClient } from '../../../src/renderer/src/api/client';

export interface OpenStream {
  stream: string;
  params: unknown;
  emit(event: unknown): void;
  end(error?: AppError): void;
  cancelled: boolean;
}

export type Handlers = Partial<Record<string, (input: any) => unknown>>;

export function fakeClient(handlers: Handlers = {}) {
  const streams: OpenStream[] = [];
  const calls: { method: string; input: unknown }[] = [];
  const client: ApiClient = {
    async call(method, input) {
      calls.push({ method, input });
      const handler = handlers[method];
      if (!handler) throw new Error(`test has no handler for ${method}`);
      return (await handler(input)) as never;
    },
    subscribe(stream, params, onEvent, onEnd) {
      const open: OpenStream = {
        stream,
        params,
        cancelled: false,
        emit: (event) => onEvent(event as never),
        end: (error) => onEnd?.(error),
      };
      streams.push(open);
      return () => {
        open.cancelled = true;
      };
    },
  };
  return { client, streams, calls };
}

/** The client, passing everything through, with a list of the calls made and of the streams opened. */
export function recordingCalls(inner: ApiClient) {
  const calls: { method: string; input: unknown }[] = [];
  const streams: { stream: string; params: unknown }[] = [];
  const client: ApiClient = {
    call(method, input) {
      calls.push({ method, input });
      return inner.call(method, input);
    },
    subscribe(stream, params, onEvent, onEnd) {
      streams.push({ stream, params });
      return inner.subscribe(stream, params, onEvent, onEnd);
    },
  };
  return { client, calls, streams };
}

export const failure = (code: string, message: string) => new AppFailure({ code, message, retriable: false });

export function renderWithProviders(ui: ReactElement, client: ApiClient) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <MantineProvider env="test">
      <QueryClientProvider client={queryClient}>
        <ApiClientProvider client={client}>{ui}</ApiClientProvider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}
