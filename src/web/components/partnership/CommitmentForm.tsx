// Record or change a commitment. Managers write any member organization's; a partner account
// only its own (the server holds it to that as well).
import { Button, Card, Group, NumberInput, Select, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type PartnershipWorkspace } from '../../api';
import { label } from '../../format';
import { RuleErrors } from '../RuleErrors';
import { PickExisting } from './PickExisting';

type Commitment = PartnershipWorkspace['commitments'][number];
const STATUSES = ['proposed', 'agreed', 'in_progress', 'delivered', 'withdrawn'] as const;

export function CommitmentForm({ workspace: w, partnerId }: { workspace: PartnershipWorkspace; partnerId: string | null }) {
  const client = useQueryClient();
  const orgs = w.members.filter((m) => m.stage === 'committed' && (partnerId === null || m.partner_id === partnerId));
  const blank = (): Commitment => ({
    commitment_id: `C${w.commitments.length + 1}`,
    partner_id: orgs[0]?.partner_id ?? '',
    what: '',
    resources: '',
    cost: null,
    borne_by: null,
    status: 'proposed',
    due_on: null,
  });
  const [c, setC] = useState<Commitment>(blank);
  const save = useMutation({
    mutationFn: () => {
      const { commitment_id, ...body } = c;
      return api.partnershipItem(w.partnership_id, 'commitments', commitment_id, body);
    },
    onSuccess: (next) => {
      client.setQueryData(['partnership', w.partnership_id], next);
      setC(blank());
    },
  });
  const mine = w.commitments.filter((x) => partnerId === null || x.partner_id === partnerId);
  if (orgs.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        Record or change a commitment
      </Title>
      <form
        aria-label="Commitment"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <PickExisting items={mine} id={(x) => x.commitment_id} name={(x) => x.what} newText="or record a new one" onPick={setC} />
          <Select
            label="Organization"
            data={orgs.map((m) => ({ value: m.partner_id, label: m.name }))}
            value={c.partner_id}
            onChange={(v) => setC({ ...c, partner_id: v ?? '' })}
            allowDeselect={false}
            w={200}
          />
          <TextInput label="Commitment" value={c.what} onChange={(e) => setC({ ...c, what: e.currentTarget.value })} w={280} required />
          <TextInput label="Resources" value={c.resources} onChange={(e) => setC({ ...c, resources: e.currentTarget.value })} w={180} />
          <NumberInput
            label="Cost ($)"
            value={c.cost ?? ''}
            onChange={(v) => setC({ ...c, cost: v === '' ? null : Number(v) })}
            min={0}
            w={120}
          />
          <TextInput
            label="Borne by"
            value={c.borne_by ?? ''}
            onChange={(e) => setC({ ...c, borne_by: e.currentTarget.value || null })}
            w={160}
          />
          <Select
            label="Status"
            data={STATUSES.map((s) => ({ value: s, label: label(s) }))}
            value={c.status}
            onChange={(v) => setC({ ...c, status: (v ?? 'proposed') as Commitment['status'] })}
            allowDeselect={false}
            w={140}
          />
          <TextInput
            label="Due"
            type="date"
            value={c.due_on ?? ''}
            onChange={(e) => setC({ ...c, due_on: e.currentTarget.value || null })}
          />
          <Button type="submit" loading={save.isPending} disabled={!c.what.trim()}>
            Save commitment
          </Button>
        </Group>
        <RuleErrors error={save.error} mt="xs" />
      </form>
    </Card>
  );
}
