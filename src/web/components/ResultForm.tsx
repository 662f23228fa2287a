// Entering a partner-reported measure's result for a period, through the same rules as
// measure_results.csv (the server answers with the contract's updated scorecard).
import { Button, Card, Group, NumberInput, Select, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type ContractInfo } from '../api';
import { RuleErrors } from './RuleErrors';

export function ResultForm({ detail, year }: { detail: ContractInfo; year: number }) {
  const client = useQueryClient();
  const reported = detail.measures.filter((m) => m.year === year && m.source === 'reported');
  const periods = [
    String(year),
    ...[1, 2, 3, 4].map((q) => `${year}-Q${q}`),
    ...Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`),
  ];
  const [measure, setMeasure] = useState<string | null>(null);
  const [period, setPeriod] = useState<string | null>(null);
  const [value, setValue] = useState<number | string>('');
  const save = useMutation({
    mutationFn: () => api.saveResult(detail.contract.contract_id, { measure_id: measure!, period: period!, value: Number(value) }),
    onSuccess: async () => {
      setValue('');
      await client.invalidateQueries();
    },
  });
  if (reported.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="xs">
        Enter a reported result
      </Title>
      <Group align="flex-end">
        <Select
          label="Measure"
          placeholder="Choose"
          data={reported.map((m) => ({ value: m.measure_id, label: m.name }))}
          value={measure}
          onChange={setMeasure}
        />
        <Select label="Period" placeholder="Choose" data={periods} value={period} onChange={setPeriod} w={120} />
        <NumberInput label="Value" value={value} onChange={setValue} w={140} decimalScale={4} />
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!measure || !period || value === ''}>
          Save result
        </Button>
      </Group>
      {save.isSuccess && (
        <Text size="sm" c="green" mt="xs">
          Saved. The scorecard above now uses it.
        </Text>
      )}
      <RuleErrors error={save.error} mt="xs" />
    </Card>
  );
}
