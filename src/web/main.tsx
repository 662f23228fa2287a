import '@mantine/core/styles.css';
import './app.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api';
import { App } from './App';
import { contrast, theme } from './theme';

// A refusal (4xx: not found, not allowed) is an answer, not a glitch: retry only what may pass.
// "Not yet" (503: the scorecard's rollups are being prepared after a start) is retried every few
// seconds for a few minutes, with the server's message shown meanwhile (QueryState's `waiting`).
const notYet = (error: unknown): boolean => error instanceof ApiError && error.problem.status === 503;
const retry = (failures: number, error: unknown): boolean =>
  notYet(error) ? failures < 100 : failures < 1 && !(error instanceof ApiError && error.problem.status < 500);
const retryDelay = (failures: number, error: unknown): number => (notYet(error) ? 3000 : Math.min(1000 * 2 ** failures, 30_000));
const queryClient = new QueryClient({ defaultOptions: { queries: { retry, retryDelay, refetchOnWindowFocus: false, staleTime: 30_000 } } });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={contrast}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
