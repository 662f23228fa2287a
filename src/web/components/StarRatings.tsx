// A payer's Medicare contracts in CMS's Star Ratings: summary stars, and the measures with the
// fewest stars first (where the payer needs help most); and a converter from a value to stars.
import { Badge, Card, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type PlaybookInfo } from '../api';

const star = (n: number | null): string => (n === null ? '—' : `${n} ★`);

export function StarRatings({ contracts }: { contracts: PlaybookInfo['star_contracts'] }) {
  if (contracts.length === 0) return null;
  return (
    <Stack>
      {contracts.map((c) => {
        const rated = c.measures
          .filter((m) => m.stars !== null)
          .sort((a, b) => a.stars! - b.stars! || a.measure_code.localeCompare(b.measure_code));
        return (
          <Card withBorder key={c.contract_id} aria-label={`Star Ratings of ${c.contract_id}`}>
            <Group justify="space-between">
              <Title order={3} size="h4">
                {c.contract_id} · {c.marketing_name} ({c.contract_name})
              </Title>
              <Group gap="xs">
                <Badge size="lg">Overall {star(c.overall)}</Badge>
                <Badge variant="light">Part C {star(c.part_c_summary)}</Badge>
                <Badge variant="light">Part D {star(c.part_d_summary)}</Badge>
              </Group>
            </Group>
            {c.note && (
              <Text size="sm" c="dimmed">
                CMS: {c.note}
              </Text>
            )}
            <Text size="sm" mt="xs">
              Lowest-rated measures first — where a partner can help:
            </Text>
            <Table.ScrollContainer minWidth={480}>
              <Table aria-label={`Measure stars of ${c.contract_id}`}>
                <Table.Tbody>
                  {rated.slice(0, 8).map((m) => (
                    <Table.Tr key={m.measure_code}>
                      <Table.Td>{m.measure_code}</Table.Td>
                      <Table.Td>{m.measure_name}</Table.Td>
                      <Table.Td>{star(m.stars)}</Table.Td>
                      <Table.Td>{m.value === null ? '' : `${m.value}${m.percent ? '%' : ''}`}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Text size="xs" c="dimmed">
              {rated.length} measures rated; {c.measures.length - rated.length} without stars (not enough data, not required, or not
              applicable).
            </Text>
          </Card>
        );
      })}
    </Stack>
  );
}

export function StarConverter() {
  const measures = useQuery({ queryKey: ['star-measures'], queryFn: api.starMeasures, staleTime: Infinity });
  const [choice, setChoice] = useState<string | null>(null);
  const [value, setValue] = useState<number | string>('');
  const [code, orgType] = (choice ?? '|').split('|') as [string, string];
  const answer = useQuery({
    queryKey: ['stars', choice, value],
    queryFn: () => api.starsFor(code, Number(value), orgType || undefined),
    enabled: Boolean(choice) && value !== '',
  });
  return (
    <Card withBorder>
      <Title order={3} size="h4" mb="xs">
        What would this value earn in stars?
      </Title>
      <Group align="flex-end">
        <Select
          label="Star measure"
          searchable
          w={360}
          placeholder="Choose"
          data={(measures.data?.items ?? []).map((m) => ({
            value: `${m.measure_code}|${m.org_type}`,
            label: `${m.measure_code} ${m.measure_name}${m.org_type ? ` (${m.org_type})` : ''}`,
          }))}
          value={choice}
          onChange={setChoice}
        />
        <NumberInput label="Value (a rate as 0.72 or 72)" value={value} onChange={setValue} w={200} decimalScale={4} />
        <Text fw={700} size="xl" role="status" aria-label={answer.data ? `${answer.data.stars ?? 'no'} stars` : 'Stars'}>
          {answer.data ? star(answer.data.stars) : ''}
        </Text>
      </Group>
    </Card>
  );
}
