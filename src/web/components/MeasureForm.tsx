// Adding a measure to a contract's measure set of a year, or changing one (same year and ID),
// through the rules of contract_measures.csv: a scorecard measure names a metric (and its tier
// when the metric is split by risk tier); a reported one is entered as results.
import { Button, Card, Group, NumberInput, Select, SimpleGrid, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { RuleErrors } from './RuleErrors';

export function MeasureForm({ contractId, year }: { contractId: string; year: number }) {
  const client = useQueryClient();
  const catalog = useQuery({ queryKey: ['catalog'], queryFn: api.catalog, staleTime: Infinity });
  const metrics = (catalog.data?.metrics ?? []).filter((m) => !m.plan_wide);
  const [measureYear, setMeasureYear] = useState<number | string>(year);
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [source, setSource] = useState<string | null>(null);
  const [metric, setMetric] = useState<string | null>(null);
  const [tier, setTier] = useState<string | null>(null);
  const [direction, setDirection] = useState<string | null>(null);
  const [threshold, setThreshold] = useState<number | string>('');
  const [target, setTarget] = useState<number | string>('');
  const [weight, setWeight] = useState<number | string>(1);
  const split = metrics.find((m) => m.key === metric)?.split_by_tier ?? false;
  const save = useMutation({
    mutationFn: () =>
      api.saveMeasures(contractId, [
        {
          year: Number(measureYear),
          measure_id: id.trim(),
          name: name.trim(),
          source: source as 'scorecard',
          metric: source === 'scorecard' ? metric : null,
          tier: source === 'scorecard' && split ? (tier as 'high') : null,
          direction: direction as 'higher',
          threshold: Number(threshold),
          target: Number(target),
          weight: Number(weight),
        },
      ]),
    onSuccess: async () => {
      setId('');
      setName('');
      await client.invalidateQueries();
    },
  });
  const ready =
    id.trim() &&
    name.trim() &&
    source &&
    direction &&
    threshold !== '' &&
    target !== '' &&
    (source === 'reported' || (metric && (!split || tier)));
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="xs">
        Add or change a measure
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput label="Year" min={1900} max={9999} value={measureYear} onChange={setMeasureYear} />
        <TextInput label="Measure ID" value={id} onChange={(e) => setId(e.currentTarget.value)} />
        <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Select
          label="Source"
          placeholder="Choose"
          data={[
            { value: 'scorecard', label: 'Scorecard metric' },
            { value: 'reported', label: 'Reported by the partner' },
          ]}
          value={source}
          onChange={setSource}
        />
        {source === 'scorecard' && (
          <Select
            label="Metric"
            searchable
            placeholder="Choose"
            data={metrics.map((m) => ({ value: m.key, label: m.title }))}
            value={metric}
            onChange={setMetric}
          />
        )}
        {source === 'scorecard' && split && (
          <Select label="Risk tier" placeholder="Choose" data={['high', 'low']} value={tier} onChange={setTier} />
        )}
        <Select
          label="Better when"
          placeholder="Choose"
          data={[
            { value: 'higher', label: 'Higher' },
            { value: 'lower', label: 'Lower' },
          ]}
          value={direction}
          onChange={setDirection}
        />
        <NumberInput label="Threshold" value={threshold} onChange={setThreshold} decimalScale={4} />
        <NumberInput label="Target" value={target} onChange={setTarget} decimalScale={4} />
        <NumberInput label="Weight" min={0.01} value={weight} onChange={setWeight} decimalScale={2} />
      </SimpleGrid>
      <RuleErrors error={save.error} mt="xs" />
      <Group justify="flex-end" mt="sm">
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!ready}>
          Save measure
        </Button>
      </Group>
    </Card>
  );
}
