// What changed in a contract's measure set from one year to the next, side by side: measures
// added, removed, and those whose threshold, target or weight moved.
import { Badge, Card, Group, Select, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { label } from '../format';

const COLOR = { added: 'green', removed: 'red', changed: 'yellow', unchanged: 'gray' } as const;
type Terms = { threshold: number; target: number; weight: number; direction: string } | null;
const terms = (m: Terms): string => (m ? `${m.threshold} → ${m.target} (${m.direction}), weight ${m.weight}` : '—');

export function MeasureSetChanges({ contractId, years }: { contractId: string; years: number[] }) {
  const [from, setFrom] = useState<string | null>(years.length > 1 ? String(years[years.length - 2]) : null);
  const [to, setTo] = useState<string | null>(years.length > 0 ? String(years[years.length - 1]) : null);
  const changes = useQuery({
    queryKey: ['contract-changes', contractId, from, to],
    queryFn: () => api.contractChanges(contractId, Number(from), Number(to)),
    enabled: from !== null && to !== null,
  });
  const items = changes.data?.items ?? [];
  const moved = items.filter((c) => c.change !== 'unchanged').length;
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3">
          Measure set by year
        </Title>
        <Group gap="xs">
          <Select size="xs" w={100} aria-label="From year" data={years.map(String)} value={from} onChange={setFrom} />
          <Text size="sm">→</Text>
          <Select size="xs" w={100} aria-label="To year" data={years.map(String)} value={to} onChange={setTo} />
        </Group>
      </Group>
      {years.length < 2 ? (
        <Text c="dimmed" size="sm">
          This contract has one year of measures so far.
        </Text>
      ) : (
        <>
          <Text size="sm" mb="xs">
            {moved === 0 ? 'No measure changed.' : `${moved} of ${items.length} measures changed from ${from} to ${to}.`}
          </Text>
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label="Measure set changes">
              <Table.Thead>
                <Table.Tr>
                  {['Measure', 'Change', from ?? '', to ?? ''].map((h, i) => (
                    <Table.Th key={`${h}-${i}`}>{h}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((c) => (
                  <Table.Tr key={c.measure_id}>
                    <Table.Td>{(c.after ?? c.before)?.name ?? c.measure_id}</Table.Td>
                    <Table.Td>
                      <Badge color={COLOR[c.change]} variant="light">
                        {c.change}
                      </Badge>{' '}
                      {c.changed_terms.length > 0 && (
                        <Text span size="xs">
                          {c.changed_terms.map(label).join(', ')}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{terms(c.before)}</Table.Td>
                    <Table.Td>{terms(c.after)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Card>
  );
}
