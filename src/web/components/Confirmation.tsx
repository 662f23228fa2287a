// What a change did, said right after it (issue 15: a log, correction or void was silent), with
// an undo where one exists: a just-logged action is voided again, and the void is on its record.
import { Alert, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { api, ApiError, type ActionRow } from '../api';
import { formatDateTime } from '../format';

export interface Done {
  message: string;
  /** The action to void when the user undoes the change. */
  undoAction?: string;
}

/** The confirmation of an action just logged. */
export const loggedDone = (a: ActionRow): Done => ({
  message: `Logged ${a.action_type.replace(/_/g, ' ')} for ${a.member_id} on ${formatDateTime(a.occurred_at)}. The scorecard and the worklists count it now.`,
  undoAction: a.action_id,
});

export function Confirmation({
  done,
  onDismiss,
  onUndone,
}: {
  done: Done;
  onDismiss: () => void;
  onUndone: () => void;
}): React.JSX.Element {
  const [state, setState] = useState<'shown' | 'undoing' | 'undone'>('shown');
  const [error, setError] = useState<string | null>(null);
  const undo = async (): Promise<void> => {
    setState('undoing');
    try {
      await api.voidAction(done.undoAction!, 'Undone right after it was logged');
      setState('undone');
      onUndone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The server could not be reached.');
      setState('shown');
    }
  };
  return (
    <Alert color={state === 'undone' ? 'gray' : 'green'} role="status" withCloseButton onClose={onDismiss} closeButtonLabel="Dismiss">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm">{state === 'undone' ? 'Undone: the action is voided, and its record says why.' : done.message}</Text>
        {done.undoAction && state !== 'undone' && (
          <Button size="compact-sm" variant="white" onClick={() => void undo()} loading={state === 'undoing'}>
            Undo
          </Button>
        )}
      </Group>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Alert>
  );
}
