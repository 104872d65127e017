// Providers around the window: the theme (following the OS), TanStack Query,
// notifications, and the contract client.
import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiClientProvider, defaultApiClient, type ApiClient } from './api/client';
import { AppLayout } from './shell/app-layout';

const theme = createTheme({ primaryColor: 'indigo', defaultRadius: 'sm' });

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Retry only what the backend marked as worth retrying.
      queries: { retry: (count, error) => count < 2 && (error as { error?: { retriable?: boolean } }).error?.retriable === true, refetchOnWindowFocus: false },
    },
  });
}

export function App({ client }: { client?: ApiClient }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <ApiClientProvider client={client ?? defaultApiClient()}>
          <AppLayout />
        </ApiClientProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
