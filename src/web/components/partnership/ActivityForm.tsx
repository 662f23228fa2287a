// Add an activity or milestone to the plan, or change one (choose it to start from what it is).
// The server refuses impossible dependencies with the reason, shown under the form.
import { Button, Checkbox, Group, MultiSelect, Select, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type PartnershipWorkspace } from '../../api';
import { RuleErrors } from '../RuleErrors';
import { PickExisting } from './PickExisting';

type Activity = PartnershipWorkspace['activities'][number];
const blank = (w: PartnershipWorkspace): Omit<Activity, 'overdue'> => ({
  activity_id: `A${w.activities.length + 1}`,
  phase_id: w.phases[0]?.phase_id ?? '',
  title: '',
  integrated: true,
  milestone: false,
  owner_partner_id: null,
  starts_on: w.today,
  due_on: w.today,
  done_on: null,
  depends_on: [],
});

export function ActivityForm({ workspace: w }: { workspace: PartnershipWorkspace }) {
  const client = useQueryClient();
  const [a, setA] = useState(() => blank(w));
  const save = useMutation({
    mutationFn: () => {
      const { activity_id, ...body } = a;
      return api.partnershipActivity(w.partnership_id, activity_id, body);
    },
    onSuccess: async (next) => {
      client.setQueryData(['partnership', w.partnership_id], next);
      await client.invalidateQueries({ queryKey: ['partnerships'] });
      setA(blank(next));
    },
  });
  return (
    <form
      aria-label="Activity"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <PickExisting
          items={w.activities}
          id={(x) => x.activity_id}
          name={(x) => `${x.activity_id} ${x.title}`}
          newText="or add a new one"
          onPick={({ overdue: _o, ...rest }) => setA(rest)}
        />
        <TextInput label="Id" value={a.activity_id} onChange={(e) => setA({ ...a, activity_id: e.currentTarget.value })} w={80} required />
        <TextInput label="Title" value={a.title} onChange={(e) => setA({ ...a, title: e.currentTarget.value })} w={260} required />
        <Select
          label="Phase"
          data={w.phases.map((p) => ({ value: p.phase_id, label: p.name }))}
          value={a.phase_id}
          onChange={(v) => setA({ ...a, phase_id: v ?? '' })}
          w={220}
          allowDeselect={false}
        />
        <Select
          label="Owner"
          placeholder="the partnership"
          data={w.members.filter((m) => m.stage === 'committed').map((m) => ({ value: m.partner_id, label: m.name }))}
          value={a.owner_partner_id}
          onChange={(v) => setA({ ...a, owner_partner_id: v })}
          clearable
          w={200}
        />
        <TextInput label="Starts" type="date" value={a.starts_on} onChange={(e) => setA({ ...a, starts_on: e.currentTarget.value })} />
        <TextInput label="Due" type="date" value={a.due_on} onChange={(e) => setA({ ...a, due_on: e.currentTarget.value })} />
        <TextInput
          label="Done on"
          type="date"
          value={a.done_on ?? ''}
          onChange={(e) => setA({ ...a, done_on: e.currentTarget.value || null })}
        />
        <MultiSelect
          label="Waits on"
          data={w.activities.map((x) => ({ value: x.activity_id, label: `${x.activity_id} ${x.title}` }))}
          value={a.depends_on}
          onChange={(v) => setA({ ...a, depends_on: v })}
          w={260}
        />
        <Checkbox label="Done together" checked={a.integrated} onChange={(e) => setA({ ...a, integrated: e.currentTarget.checked })} />
        <Checkbox label="Milestone" checked={a.milestone} onChange={(e) => setA({ ...a, milestone: e.currentTarget.checked })} />
        <Button type="submit" loading={save.isPending} disabled={!a.title || !a.phase_id}>
          Save activity
        </Button>
      </Group>
      <RuleErrors error={save.error} mt="xs" />
    </form>
  );
}
