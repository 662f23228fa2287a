// Add or change a measure at one of the three levels. A population measure can be bound to a
// scorecard metric: Diplomat then computes it for the plan's members in the area each period.
import { Button, Card, Group, NumberInput, Select, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type PartnershipMeasure, type PartnershipWorkspace } from '../../api';
import { label } from '../../format';
import { RuleErrors } from '../RuleErrors';
import { PickExisting } from './PickExisting';

type Fields = Omit<PartnershipMeasure, 'results' | 'latest' | 'progress' | 'percent'>;
const blank = (n: number): Fields => ({
  measure_id: `M${n}`,
  level: 'partnership',
  partner_id: null,
  name: '',
  unit: '',
  direction: 'higher',
  baseline: null,
  target: null,
  cycle: 'quarter',
  due_days: 30,
  metric_key: null,
});
const num = (v: number | string): number | null => (v === '' ? null : Number(v));

export function MeasureForm({ workspace: w }: { workspace: PartnershipWorkspace }) {
  const client = useQueryClient();
  const catalog = useQuery({ queryKey: ['catalog'], queryFn: api.catalog, staleTime: Infinity });
  const [m, setM] = useState<Fields>(() => blank(w.measures.length + 1));
  const save = useMutation({
    mutationFn: () => {
      const { measure_id, ...body } = m;
      return api.partnershipItem(w.partnership_id, 'measures', measure_id, body);
    },
    onSuccess: (next) => {
      client.setQueryData(['partnership', w.partnership_id], next);
      setM(blank(next.measures.length + 1));
    },
  });
  const metrics = (catalog.data?.metrics ?? [])
    .filter((x) => !x.plan_wide && !x.split_by_tier)
    .map((x) => ({ value: x.key, label: x.title }));
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        Add or change a measure
      </Title>
      <Group align="flex-end" wrap="wrap">
        <PickExisting
          items={w.measures}
          id={(x) => x.measure_id}
          name={(x) => x.name}
          newText="or add a new one"
          onPick={({ results: _r, latest: _l, progress: _p, percent: _c, ...fields }) => setM(fields)}
        />
        <TextInput label="Id" value={m.measure_id} onChange={(e) => setM({ ...m, measure_id: e.currentTarget.value })} w={90} />
        <TextInput label="Name" value={m.name} onChange={(e) => setM({ ...m, name: e.currentTarget.value })} w={240} />
        <Select
          label="Level"
          data={['population', 'partnership', 'organization'].map((v) => ({ value: v, label: label(v) }))}
          value={m.level}
          onChange={(v) =>
            setM({
              ...m,
              level: (v ?? 'partnership') as Fields['level'],
              partner_id: v === 'organization' ? m.partner_id : null,
              metric_key: v === 'population' ? m.metric_key : null,
            })
          }
          allowDeselect={false}
          w={140}
        />
        {m.level === 'organization' && (
          <Select
            label="Organization"
            data={w.members.filter((x) => x.stage === 'committed').map((x) => ({ value: x.partner_id, label: x.name }))}
            value={m.partner_id}
            onChange={(v) => setM({ ...m, partner_id: v })}
            w={200}
          />
        )}
        {m.level === 'population' && (
          <Select
            label="Computed from the scorecard metric"
            placeholder="or entered"
            data={metrics}
            value={m.metric_key}
            onChange={(v) => setM({ ...m, metric_key: v })}
            clearable
            searchable
            w={260}
          />
        )}
        <TextInput label="Unit" value={m.unit} onChange={(e) => setM({ ...m, unit: e.currentTarget.value })} w={90} />
        <Select
          label="Better when"
          data={[
            { value: 'higher', label: 'higher' },
            { value: 'lower', label: 'lower' },
          ]}
          value={m.direction}
          onChange={(v) => setM({ ...m, direction: (v ?? 'higher') as Fields['direction'] })}
          allowDeselect={false}
          w={110}
        />
        <NumberInput
          label="Baseline"
          value={m.baseline ?? ''}
          onChange={(v) => setM({ ...m, baseline: num(v) })}
          w={110}
          decimalScale={4}
        />
        <NumberInput label="Target" value={m.target ?? ''} onChange={(v) => setM({ ...m, target: num(v) })} w={110} decimalScale={4} />
        <Select
          label="Assessed every"
          data={['month', 'quarter', 'year']}
          value={m.cycle}
          onChange={(v) => setM({ ...m, cycle: (v ?? 'quarter') as Fields['cycle'] })}
          allowDeselect={false}
          w={110}
        />
        <NumberInput label="Due days after" value={m.due_days} onChange={(v) => setM({ ...m, due_days: Number(v || 0) })} min={0} w={120} />
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!m.name.trim() || !m.measure_id.trim()}>
          Save measure
        </Button>
      </Group>
      <RuleErrors error={save.error} mt="xs" />
    </Card>
  );
}
