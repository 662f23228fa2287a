// Edit the charter: purpose, impact, vision, values, the area and SMART goals (each with a
// measure, a target and a date). Scope is not here: it changes only through a decision.
import { ActionIcon, Button, Card, Group, NumberInput, Select, Stack, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type PartnershipWorkspace } from '../../api';
import { RuleErrors } from '../RuleErrors';

type Goal = PartnershipWorkspace['charter']['goals'][number];
const list = (text: string): string[] =>
  text
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const num = (v: number | string): number | null => (v === '' ? null : Number(v));

export function CharterForm({ workspace: w, onDone }: { workspace: PartnershipWorkspace; onDone: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState(w.name);
  const [charter, setCharter] = useState(w.charter);
  const [counties, setCounties] = useState(w.area.counties.join(', '));
  const [zips, setZips] = useState(w.area.zips.join(', '));
  const save = useMutation({
    mutationFn: () =>
      api.savePartnership(w.partnership_id, {
        name,
        starts_on: w.starts_on,
        ends_on: w.ends_on,
        area: { counties: list(counties), zips: list(zips), segments: w.area.segments },
        charter,
      }),
    onSuccess: async (next) => {
      client.setQueryData(['partnership', w.partnership_id], next);
      await client.invalidateQueries({ queryKey: ['partnerships'] });
      onDone();
    },
  });
  const setGoal = (i: number, g: Partial<Goal>) =>
    setCharter({ ...charter, goals: charter.goals.map((x, j) => (j === i ? { ...x, ...g } : x)) });
  const measures = w.measures.map((m) => ({ value: m.measure_id, label: m.name }));
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        Edit the charter
      </Title>
      <Stack gap="xs">
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        {(['purpose', 'impact', 'vision'] as const).map((f) => (
          <Textarea
            key={f}
            label={f === 'impact' ? 'Community impact' : f[0]!.toUpperCase() + f.slice(1)}
            value={charter[f]}
            onChange={(e) => setCharter({ ...charter, [f]: e.currentTarget.value })}
            autosize
          />
        ))}
        <TextInput
          label="Values (comma-separated)"
          value={charter.values.join(', ')}
          onChange={(e) => setCharter({ ...charter, values: list(e.currentTarget.value) })}
        />
        <Group grow>
          <TextInput label="Area: counties (comma-separated)" value={counties} onChange={(e) => setCounties(e.currentTarget.value)} />
          <TextInput label="Area: zip codes (comma-separated)" value={zips} onChange={(e) => setZips(e.currentTarget.value)} />
        </Group>
        <Title order={4} size="h5">
          SMART goals
        </Title>
        {charter.goals.map((g, i) => (
          <Group key={i} align="flex-end" wrap="wrap">
            <TextInput
              label={`Goal ${i + 1}`}
              value={g.statement}
              onChange={(e) => setGoal(i, { statement: e.currentTarget.value })}
              w={300}
            />
            <Select label="Measure" data={measures} value={g.measure_id} onChange={(v) => setGoal(i, { measure_id: v })} w={220} />
            <NumberInput label="Baseline" value={g.baseline ?? ''} onChange={(v) => setGoal(i, { baseline: num(v) })} w={110} />
            <NumberInput label="Target" value={g.target ?? ''} onChange={(v) => setGoal(i, { target: num(v) })} w={110} />
            <TextInput label="By" type="date" value={g.by ?? ''} onChange={(e) => setGoal(i, { by: e.currentTarget.value || null })} />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Remove goal ${i + 1}`}
              onClick={() => setCharter({ ...charter, goals: charter.goals.filter((_, j) => j !== i) })}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="light"
            onClick={() =>
              setCharter({
                ...charter,
                goals: [
                  ...charter.goals,
                  {
                    goal_id: `G${charter.goals.length + 1}-${Date.now().toString(36)}`,
                    statement: '',
                    measure_id: null,
                    baseline: null,
                    target: null,
                    by: null,
                  },
                ],
              })
            }
          >
            Add a goal
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            Save charter
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
        <RuleErrors error={save.error} />
      </Stack>
    </Card>
  );
}
