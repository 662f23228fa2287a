// Loading, error and empty states, the same everywhere.
import { Alert, Center, Loader, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { ApiError } from '../api';

export function QueryState({
  loading,
  error,
  empty,
  emptyText = 'Nothing here yet.',
  children,
}: {
  loading: boolean;
  error: unknown;
  empty?: boolean;
  emptyText?: string;
  children: ReactNode;
}) {
  if (loading) {
    return (
      <Center p="xl" aria-busy="true">
        <Loader aria-label="Loading" />
      </Center>
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
