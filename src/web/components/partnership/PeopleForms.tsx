// Naming a role (facilitator, project manager, sponsor) and documenting a disagreement with how
// the partnership proceeds anyway — the two smaller records of the Members and roles tab.
import { Button, Card, Group, Select, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type PartnershipWorkspace } from '../../api';
import { label } from '../../format';
import { RuleErrors } from '../RuleErrors';

function useSave(w: PartnershipWorkspace, kind: string, reset: () => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: unknown }) => api.partnershipItem(w.partnership_id, kind, id, body),
    onSuccess: (next) => {
      client.setQueryData(['partnership', w.partnership_id], next);
      reset();
    },
  });
}

export function RoleForm({ workspace: w }: { workspace: PartnershipWorkspace }) {
  const [role, setRole] = useState<string>('sponsor');
  const [person, setPerson] = useState('');
  const [org, setOrg] = useState<string | null>(null);
  const [duties, setDuties] = useState('');
  const save = useSave(w, 'roles', () => {
    setPerson('');
    setDuties('');
  });
  const id = `R${w.roles.length + 1}-${Date.now().toString(36)}`;
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        Name a role
      </Title>
      <Group align="flex-end" wrap="wrap">
        <Select
          label="Role"
          data={['facilitator', 'project_manager', 'sponsor', 'other'].map((r) => ({ value: r, label: label(r) }))}
          value={role}
          onChange={(v) => setRole(v ?? 'sponsor')}
          allowDeselect={false}
          w={170}
        />
        <TextInput label="Person" value={person} onChange={(e) => setPerson(e.currentTarget.value)} w={200} />
        <Select
          label="From"
          placeholder="independent"
          data={w.members.map((m) => ({ value: m.partner_id, label: m.name }))}
          value={org}
          onChange={setOrg}
          clearable
          w={200}
        />
        <TextInput label="Responsibilities" value={duties} onChange={(e) => setDuties(e.currentTarget.value)} w={320} />
        <Button
          onClick={() => save.mutate({ id, body: { role, person, partner_id: org, responsibilities: duties } })}
          loading={save.isPending}
          disabled={!person.trim()}
        >
          Save role
        </Button>
      </Group>
      <RuleErrors error={save.error} mt="xs" />
    </Card>
  );
}

export function DisagreementForm({ workspace: w }: { workspace: PartnershipWorkspace }) {
  const [topic, setTopic] = useState('');
  const [positions, setPositions] = useState('');
  const [proceed, setProceed] = useState('');
  const save = useSave(w, 'disagreements', () => {
    setTopic('');
    setPositions('');
    setProceed('');
  });
  const id = `X${w.disagreements.length + 1}-${Date.now().toString(36)}`;
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        Document a disagreement
      </Title>
      <TextInput label="About" value={topic} onChange={(e) => setTopic(e.currentTarget.value)} />
      <Textarea label="Positions" value={positions} onChange={(e) => setPositions(e.currentTarget.value)} autosize />
      <Textarea label="How we proceed anyway" value={proceed} onChange={(e) => setProceed(e.currentTarget.value)} autosize />
      <Button
        mt="xs"
        w="fit-content"
        onClick={() => save.mutate({ id, body: { recorded_on: w.today, topic, positions, how_we_proceed: proceed } })}
        loading={save.isPending}
        disabled={!topic.trim() || !proceed.trim()}
      >
        Save disagreement
      </Button>
      <RuleErrors error={save.error} mt="xs" />
    </Card>
  );
}
