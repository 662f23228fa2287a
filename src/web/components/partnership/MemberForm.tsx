// Add an organization to the partnership or move it along the pipeline (identified → approached →
// taking stock → committed), with what it brings, what it cannot do alone and its own goals.
// Its take-stock profile is the partner profile, edited on the partner's page.
import { Button, Card, Group, Select, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type PartnershipWorkspace } from '../../api';
import { label } from '../../format';
import { RuleErrors } from '../RuleErrors';

const STAGES = ['identified', 'approached', 'taking_stock', 'committed'] as const;
type Member = Omit<PartnershipWorkspace['members'][number], 'name' | 'kind'>;
const blank: Member = { partner_id: '', stage: 'identified', strengths: '', contributes: '', cannot_do_alone: '', goals: '' };

export function MemberForm({ workspace: w }: { workspace: PartnershipWorkspace }) {
  const client = useQueryClient();
  const partners = useQuery({ queryKey: ['partners'], queryFn: api.partners });
  const [m, setM] = useState<Member>(blank);
  const save = useMutation({
    mutationFn: () => {
      const { partner_id, ...body } = m;
      return api.partnershipItem(w.partnership_id, 'members', partner_id, body);
    },
    onSuccess: (next) => {
      client.setQueryData(['partnership', w.partnership_id], next);
      setM(blank);
    },
  });
  const choose = (id: string | null) => {
    const found = w.members.find((x) => x.partner_id === id);
    setM(
      found
        ? {
            partner_id: found.partner_id,
            stage: found.stage,
            strengths: found.strengths,
            contributes: found.contributes,
            cannot_do_alone: found.cannot_do_alone,
            goals: found.goals,
          }
        : { ...blank, partner_id: id ?? '' },
    );
  };
  const text = (field: 'strengths' | 'contributes' | 'cannot_do_alone' | 'goals', title: string) => (
    <TextInput label={title} value={m[field]} onChange={(e) => setM({ ...m, [field]: e.currentTarget.value })} w={230} />
  );
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        Add an organization or move it along the pipeline
      </Title>
      <Group align="flex-end" wrap="wrap">
        <Select
          label="Organization"
          searchable
          data={(partners.data?.items ?? []).map((p) => ({ value: p.partner_id, label: p.name }))}
          value={m.partner_id || null}
          onChange={choose}
          w={240}
        />
        <Select
          label="Stage"
          data={STAGES.map((s) => ({ value: s, label: label(s) }))}
          value={m.stage}
          onChange={(v) => setM({ ...m, stage: (v ?? 'identified') as Member['stage'] })}
          allowDeselect={false}
          w={150}
        />
        {text('strengths', 'Strengths')}
        {text('contributes', 'Contributes')}
        {text('cannot_do_alone', 'Cannot do alone')}
        {text('goals', 'Its own goals')}
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!m.partner_id}>
          Save organization
        </Button>
      </Group>
      <RuleErrors error={save.error} mt="xs" />
    </Card>
  );
}
