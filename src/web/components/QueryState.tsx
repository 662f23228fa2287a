// Loading, error and empty states, the same everywhere.
import { Alert, Center, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../api';

export function QueryState({
  loading,
  error,
  empty,
  emptyText = 'Nothing here yet.',
  notFound,
  waiting,
  children,
}: {
  loading: boolean;
  error: unknown;
  /** Why the data is not there yet while it is retried (a query's failureReason): a 503 says what is being prepared. */
  waiting?: unknown;
  empty?: boolean;
  emptyText?: string;
  /** What to say (and where to go) when the thing asked for does not exist. */
  notFound?: ReactNode;
  children: ReactNode;
}) {
  if (loading) {
    const preparing = waiting instanceof ApiError && waiting.problem.status === 503 ? waiting.message : null;
    return (
      <Center p="xl" aria-busy="true" style={{ flexDirection: 'column', gap: 'var(--mantine-spacing-sm)' }}>
        <Loader aria-label="Loading" />
        {preparing && (
          <Text size="sm" role="status" data-testid="preparing">
            {preparing}
          </Text>
        )}
      </Center>
    );
  }
  if (error instanceof ApiError && error.problem.status === 404 && notFound) {
    return (
      <Alert color="yellow" title="Not found" role="alert">
        {notFound}
      </Alert>
    );
  }
  if (error) {
    const message = error instanceof ApiError ? error.message : 'The server could not be reached.';
    return (
      <Alert color="red" title="Something went wrong" role="alert">
        {message}
      </Alert>
    );
  }
  if (empty)
    return (
      <Text c="dimmed" p="md">
        {emptyText}
      </Text>
    );
  return <>{children}</>;
}
