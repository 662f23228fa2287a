// What can be done to the members ticked on a worklist (issue 15, work queues): log the same
// action for all of them, or assign them to a staff member to act on (or to no one).
import { Button, Group, Paper, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { api, ApiError } from '../api';

export function WorklistBulkBar({
  worklistId,
  ids,
  staff,
  onLogMany,
  onAssigned,
}: {
  worklistId: string;
  ids: readonly string[];
  staff: { value: string; label: string }[];
  onLogMany: () => void;
  onAssigned: (message: string) => void;
}): React.JSX.Element | null {
  const [error, setError] = useState<string | null>(null);
  if (ids.length === 0) return null;
  const assign = async (staffId: string | null) => {
    setError(null);
    try {
      await api.assign(worklistId, [...ids], staffId);
      const who = staffId ? (staff.find((s) => s.value === staffId)?.label ?? staffId) : null;
      onAssigned(who ? `Assigned ${ids.length} ${ids.length === 1 ? 'member' : 'members'} to ${who}.` : `Unassigned ${ids.length}.`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The server could not be reached.');
    }
  };
  return (
    <Paper withBorder p="xs" role="region" aria-label="Selected members">
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={600}>
          {ids.length} selected
        </Text>
        <Button size="xs" onClick={onLogMany}>
          Log the same action
        </Button>
        <Select
          aria-label="Assign to"
          placeholder="Assign to…"
          size="xs"
          w={220}
          searchable
          data={[{ value: '', label: 'No one (unassign)' }, ...staff]}
          value={null}
          onChange={(v) => v !== null && void assign(v || null)}
        />
        {error && (
          <Text size="sm" c="red.9" role="alert">
            {error}
          </Text>
        )}
      </Group>
    </Paper>
  );
}
