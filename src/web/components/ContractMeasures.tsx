// A contract scorecard's measures: value against threshold and target with an achievement bar,
// and for a scorecard measure the members behind it (those not yet counted first) and its
// breakdown by an equity segment within the contract's population.
import { Badge, Button, Card, Group, List, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type ContractInfo, type ContractRows } from '../api';
import { SEGMENTS } from '../../domain/metrics/segments';
import { Chart } from './Chart';
import { formatPercent, label } from '../format';
import { MemberLink } from './TableBits';

type MeasureRow = Extract<ContractRows[number], { source: string }>;

/** A measure's value as people read it: rates as percentages, the rest as numbers. */
export function measureValue(v: number | null, metric: string | null, formats: Map<string, string>): string {
  if (v === null) return '—';
  const f = metric ? formats.get(metric) : undefined;
  if (f === 'percent') return formatPercent(v);
  if (f === 'count') return Math.round(v).toLocaleString('en-US');
  return +v.toFixed(2) === Math.round(v) ? Math.round(v).toLocaleString('en-US') : v.toFixed(2);
}

export function ContractMeasures({
  rows,
  detail,
  period,
  formats,
  staff,
}: {
  rows: MeasureRow[];
  detail: ContractInfo;
  period: string;
  formats: Map<string, string>;
  staff: boolean;
}) {
  const [focus, setFocus] = useState<{ measure: string; view: 'members' | 'equity' } | null>(null);
  const names = new Map(detail.measures.map((m) => [m.measure_id, m.name]));
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="xs">
        Measures
      </Title>
      <Table.ScrollContainer minWidth={680}>
        <Table aria-label="Contract measures">
          <Table.Thead>
            <Table.Tr>
              {['Measure', 'Value', 'Threshold → target', 'Achievement', 'Weight', ''].map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.measure_id}>
                <Table.Td>
                  <Text size="sm">{names.get(r.measure_id) ?? r.measure_id}</Text>
                  <Text size="xs" c="dimmed">
                    {r.source === 'reported' ? 'reported by the partner' : `${label(r.metric ?? '')}${r.tier ? `, ${r.tier} risk` : ''}`}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {r.value === null ? (
                    <Badge color="gray" variant="light">
                      {r.source === 'reported' ? 'not reported' : 'no value'}
                    </Badge>
                  ) : (
                    measureValue(r.value, r.metric, formats)
                  )}
                </Table.Td>
                <Table.Td>
                  {measureValue(r.threshold, r.metric, formats)} → {measureValue(r.target, r.metric, formats)}{' '}
                  {r.direction === 'higher' ? '(higher is better)' : '(lower is better)'}
                </Table.Td>
                <Table.Td miw={140}>
                  {r.achievement === null ? (
                    '—'
                  ) : (
                    <Group gap={6} wrap="nowrap">
                      <Progress
                        value={r.achievement * 100}
                        w={90}
                        color={r.achievement >= 1 ? 'green' : r.achievement > 0 ? 'yellow' : 'red'}
                        aria-label={`${Math.round(r.achievement * 100)}% achieved`}
                      />
                      <Text size="sm">{Math.round(r.achievement * 100)}%</Text>
                    </Group>
                  )}
                </Table.Td>
                <Table.Td>{r.weight}</Table.Td>
                <Table.Td>
                  {r.source === 'scorecard' && staff && (
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-xs" variant="light" onClick={() => setFocus({ measure: r.measure_id, view: 'members' })}>
                        Members
                      </Button>
                      <Button size="compact-xs" variant="light" onClick={() => setFocus({ measure: r.measure_id, view: 'equity' })}>
                        Equity
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {focus?.view === 'members' && (
        <MeasureMembers
          contractId={detail.contract.contract_id}
          period={period}
          measureId={focus.measure}
          name={names.get(focus.measure) ?? ''}
        />
      )}
      {focus?.view === 'equity' && (
        <MeasureEquity
          contractId={detail.contract.contract_id}
          period={period}
          row={rows.find((r) => r.measure_id === focus.measure)!}
          formats={formats}
        />
      )}
    </Card>
  );
}

function MeasureMembers({ contractId, period, measureId, name }: { contractId: string; period: string; measureId: string; name: string }) {
  const members = useQuery({
    queryKey: ['contract-members', contractId, period, measureId],
    queryFn: () => api.contractMembers(contractId, period, measureId),
  });
  const items = members.data?.items ?? [];
  const waiting = items.filter((m) => !m.counted);
  return (
    <Stack mt="md" gap={4} aria-label="Members behind the measure" role="region">
      <Text fw={600}>
        {name}, {period}: {waiting.length} member{waiting.length === 1 ? '' : 's'} of the population not yet counted
        {items.length >= 500 ? ' (first 500)' : ''}
      </Text>
      <List size="sm">
        {waiting.slice(0, 50).map((m) => (
          <List.Item key={m.member_id}>
            <MemberLink id={m.member_id} />
          </List.Item>
        ))}
      </List>
      {waiting.length > 50 && (
        <Text size="xs" c="dimmed">
          … and {waiting.length - 50} more.
        </Text>
      )}
    </Stack>
  );
}

function MeasureEquity({
  contractId,
  period,
  row,
  formats,
}: {
  contractId: string;
  period: string;
  row: MeasureRow;
  formats: Map<string, string>;
}) {
  const [by, setBy] = useState<string>('race');
  const equity = useQuery({
    queryKey: ['contract-equity', contractId, period, row.measure_id, by],
    queryFn: () => api.contractEquity(contractId, period, row.measure_id, by),
  });
  const items = equity.data?.items ?? [];
  const percent = formats.get(row.metric ?? '') === 'percent';
  return (
    <Stack mt="md" gap="xs" role="region" aria-label="Measure by equity segment">
      <Group>
        <Text fw={600}>Within the contract population, by</Text>
        <Select
          size="xs"
          aria-label="Segment"
          data={SEGMENTS.filter((s) => s !== 'partner').map((s) => ({ value: s, label: label(s) }))}
          value={by}
          onChange={(v) => setBy(v ?? 'race')}
        />
      </Group>
      <Chart
        label={`${row.measure_id} by ${label(by)}`}
        height={240}
        option={{
          tooltip: { trigger: 'axis' },
          grid: { left: 50, right: 20, top: 20, bottom: 60 },
          xAxis: { type: 'category', data: items.map((i) => `${label(i.segment_value)} (${i.members})`), axisLabel: { rotate: 30 } },
          yAxis: { type: 'value', name: percent ? '%' : '' },
          series: [
            {
              type: 'bar',
              data: items.map((i) => (i.value === null ? null : percent ? +(i.value * 100).toFixed(1) : i.value)),
              markLine: {
                symbol: 'none',
                data: [{ yAxis: percent ? row.target * 100 : row.target, name: 'target' }],
                label: { formatter: 'target' },
              },
            },
          ],
        }}
      />
    </Stack>
  );
}
