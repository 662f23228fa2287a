// Add a phase (a year or a stage) to the multi-year plan, after the last one.
import { Button, Card, Group, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type PartnershipWorkspace } from '../../api';
import { RuleErrors } from '../RuleErrors';

export function PhaseForm({ workspace: w }: { workspace: PartnershipWorkspace }) {
  const client = useQueryClient();
  const next = w.phases.length + 1;
  const [name, setName] = useState(`Year ${next}`);
  const [from, setFrom] = useState(w.phases.at(-1)?.ends_on ?? w.starts_on);
  const [to, setTo] = useState('');
  const save = useMutation({
    mutationFn: () => api.partnershipItem(w.partnership_id, 'phases', `Y${next}`, { ordinal: next, name, starts_on: from, ends_on: to }),
    onSuccess: (ws) => client.setQueryData(['partnership', w.partnership_id], ws),
  });
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        Add a phase
      </Title>
      <Group align="flex-end">
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} w={240} />
        <TextInput label="Starts" type="date" value={from} onChange={(e) => setFrom(e.currentTarget.value)} />
        <TextInput label="Ends" type="date" value={to} onChange={(e) => setTo(e.currentTarget.value)} />
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!name.trim() || !from || !to}>
          Add phase
        </Button>
      </Group>
      <RuleErrors error={save.error} mt="xs" />
    </Card>
  );
}
