// What the server said when a form broke a rule: its message, and each column with its reason
// (problem+json `errors`), so the person can fix the field rather than guess.
import { Alert } from '@mantine/core';
import { ApiError } from '../api';
import { label } from '../format';

export function RuleErrors({ error, mt }: { error: unknown; mt?: string }) {
  if (!error) return null;
  if (!(error instanceof ApiError)) {
    return (
      <Alert color="red" role="alert" mt={mt} title="The server could not be reached.">
        Try again in a moment.
      </Alert>
    );
  }
  return (
    <Alert color="red" role="alert" mt={mt} title={error.message}>
      {(error.problem.errors ?? []).map((e) => `${label(e.column)} ${e.reason}`).join('; ')}
    </Alert>
  );
}
