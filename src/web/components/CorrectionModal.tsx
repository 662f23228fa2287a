// Correct or void one recorded action, with the reason the ledger keeps. A correction may change
// when it happened, its outcome or its channel (any of them; at least one).
import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { CHANNELS, OUTCOMES, type Outcome } from '../../domain/ledger/vocabulary';

type Channel = (typeof CHANNELS)[number];
import { api, ApiError, type Correction } from '../api';

export type Edit = { id: string; kind: 'correct' | 'void' };

export function CorrectionModal({ edit, onClose, onDone }: { edit: Edit; onClose: () => void; onDone: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const [date, setDate] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  const [channel, setChannel] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const voiding = edit.kind === 'void';
  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const changes: Correction['changes'] = {
      ...(date ? { occurred_at: new Date(date).toISOString() } : {}),
      ...(outcome ? { outcome: outcome as Outcome } : {}),
      ...(channel ? { channel: channel as Channel } : {}),
    };
    if (!voiding && Object.keys(changes).length === 0) return setError('Change at least one of the date, the outcome or the channel.');
    try {
      if (voiding) await api.voidAction(edit.id, reason);
      else await api.correctAction(edit.id, { changes, reason });
      onDone(
        voiding
          ? 'Voided: the action no longer counts on the scorecard or the worklists; its record keeps it and why.'
          : `Corrected: ${Object.keys(changes).join(', ').replace('occurred_at', 'date')} changed, and the scorecard follows.`,
      );
      onClose();
    } catch (err) {
      setError(
        err instanceof ApiError
          ? [err.message, ...(err.problem.errors ?? []).map((x) => x.reason)].join(' ')
          : 'The server could not be reached.',
      );
    }
  };
  return (
    <Modal opened onClose={onClose} title={voiding ? 'Void this action' : 'Correct this action'}>
      <form onSubmit={(e) => void submit(e)} aria-label={voiding ? 'Void this action' : 'Correct this action'}>
        <Stack>
          {error && (
            <Text c="red" role="alert">
              {error}
            </Text>
          )}
          {!voiding && (
            <>
              <TextInput label="When it happened" type="datetime-local" value={date} onChange={(e) => setDate(e.currentTarget.value)} />
              <Select label="Outcome" placeholder="Unchanged" data={OUTCOMES} value={outcome} onChange={setOutcome} clearable />
              <Select label="Channel" placeholder="Unchanged" data={CHANNELS} value={channel} onChange={setChannel} clearable />
            </>
          )}
          <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} required minLength={3} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color={voiding ? 'red' : undefined}>
              {voiding ? 'Void action' : 'Save correction'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
