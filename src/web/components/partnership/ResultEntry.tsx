// Enter a result for a period of an entered measure's cycle, due or overdue ones offered first. A
// partner account sees only its own organization's measures (the server holds it to that too).
import { Button, Card, Group, NumberInput, Select, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type PartnershipWorkspace } from '../../api';
import { RuleErrors } from '../RuleErrors';

export function ResultEntry({ workspace: w, partnerId }: { workspace: PartnershipWorkspace; partnerId: string | null }) {
  const client = useQueryClient();
  const measures = w.measures.filter((m) => m.metric_key === null && (partnerId === null || m.partner_id === partnerId));
  const [measure, setMeasure] = useState<string | null>(null);
  const [period, setPeriod] = useState<string | null>(null);
  const [value, setValue] = useState<number | string>('');
  const open = w.calendar.filter((c) => c.measure_id === measure && (c.status === 'overdue' || c.status === 'due')).map((c) => c.period);
  const save = useMutation({
    mutationFn: () => api.partnershipResult(w.partnership_id, measure!, period!, Number(value), null),
    onSuccess: async (next) => {
      client.setQueryData(['partnership', w.partnership_id], next);
      await client.invalidateQueries({ queryKey: ['partnerships'] });
      setValue('');
      setPeriod(null);
    },
  });
  if (measures.length === 0) return null;
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        Enter a result
      </Title>
      <Group align="flex-end">
        <Select
          label="Measure"
          placeholder="Choose"
          data={measures.map((m) => ({ value: m.measure_id, label: m.name }))}
          value={measure}
          onChange={(v) => {
            setMeasure(v);
            setPeriod(null);
          }}
          w={260}
        />
        <Select
          label="Period"
          placeholder={open.length ? 'Choose' : 'or type one'}
          data={open}
          value={period}
          onChange={setPeriod}
          searchable
          w={140}
        />
        <NumberInput label="Value" value={value} onChange={setValue} w={140} decimalScale={4} />
        <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!measure || !period || value === ''}>
          Save result
        </Button>
      </Group>
      {measure && open.length === 0 && (
        <Text size="sm" c="dimmed" mt="xs">
          Every period of this measure has its result.
        </Text>
      )}
      <RuleErrors error={save.error} mt="xs" />
    </Card>
  );
}
