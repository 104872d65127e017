// The typed contract client, provided through React context so screens and
// tests share one way in; tests hand in a client over a fake transport.
import { createContext, useContext, type ReactNode } from 'react';
import type { Contract } from '../../../shared/contract/index';
import { createClient, type ContractClient } from '../../../shared/rpc/client';
import { selectTransport } from './transport';

export type ApiClient = ContractClient<Contract>;

const ApiClientContext = createContext<ApiClient | null>(null);

let defaultClient: ApiClient | null = null;

/** The app's client, created on first use so importing this module opens no socket. */
export function defaultApiClient(): ApiClient {
  defaultClient ??= createClient<Contract>(selectTransport());
  return defaultClient;
}

export function ApiClientProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiClientContext.Provider value={client}>{children}</ApiClientContext.Provider>;
}

export function useApiClient(): ApiClient {
  const client = useContext(ApiClientContext);
  if (!client) throw new Error('useApiClient needs an <ApiClientProvider> above it');
  return client;
}
