// Measures at three levels — the population, the partnership, each organization — each with its
// latest value against baseline and target and a chart of its periods (computed ones next to the
// rest of the plan); the assessment calendar with what is overdue; and entering a result.
import { Badge, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import type { PartnershipMeasure, PartnershipWorkspace } from '../../api';
import { formatDate, label } from '../../format';
import { Chart } from '../Chart';
import { AreaEquity } from './AreaEquity';
import { CsvLink } from './CsvLink';
import { measureScale, measureText } from './measure-format';
import { MeasureForm } from './MeasureForm';
import { ResultEntry } from './ResultEntry';

const LEVELS = ['population', 'partnership', 'organization'] as const;
const STATUS_COLOR = { reported: 'green', computed: 'blue', due: 'yellow', overdue: 'red' } as const;

function MeasureCard({ m, w, showEquity }: { m: PartnershipMeasure; w: PartnershipWorkspace; showEquity: boolean }) {
  const text = measureText(m);
  const scale = measureScale(m);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      legend: { show: m.metric_key !== null, bottom: 0 },
      grid: { left: 44, right: 16, top: 16, bottom: m.metric_key ? 48 : 24 },
      xAxis: { type: 'category' as const, data: m.results.map((r) => r.period) },
      yAxis: { type: 'value' as const },
      series: [
        {
          name: m.metric_key ? 'In the area' : m.name,
          type: 'line' as const,
          data: m.results.map((r) => (r.value === null ? null : scale(r.value))),
        },
        ...(m.metric_key
          ? [
              {
                name: 'Rest of the plan',
                type: 'line' as const,
                lineStyle: { type: 'dotted' as const },
                data: m.results.map((r) => (r.rest_of_plan === null ? null : scale(r.rest_of_plan))),
              },
            ]
          : []),
        ...(m.target !== null
          ? [
              {
                name: 'Target',
                type: 'line' as const,
                symbol: 'none',
                lineStyle: { type: 'dashed' as const },
                data: m.results.map(() => scale(m.target!)),
              },
            ]
          : []),
      ],
    }),
    [m, scale],
  );
  const owner = m.partner_id ? (w.members.find((x) => x.partner_id === m.partner_id)?.name ?? m.partner_id) : null;
  return (
    <Card withBorder role="article" aria-label={m.name}>
      <Group justify="space-between">
        <Text fw={600}>{m.name}</Text>
        <Badge variant="light">{m.metric_key ? 'computed from the plan’s members' : `reported every ${m.cycle}`}</Badge>
      </Group>
      {owner && (
        <Text size="xs" c="dimmed">
          {owner}
        </Text>
      )}
      <Text size="sm" mt={4}>
        Latest {m.latest ? `${text(m.latest.value)} (${m.latest.period})` : '—'} · baseline {text(m.baseline)} · target {text(m.target)}
        {m.latest?.rest_of_plan != null ? ` · rest of the plan ${text(m.latest.rest_of_plan)}` : ''}
      </Text>
      {m.progress !== null && (
        <Progress value={m.progress * 100} mt={6} aria-label={`${m.name}: ${Math.round(m.progress * 100)}% of the way to target`} />
      )}
      {m.results.length > 1 && <Chart option={option} height={180} label={`${m.name} by ${m.cycle}`} />}
      {showEquity && m.metric_key && m.latest && <AreaEquity workspace={w} measure={m} />}
    </Card>
  );
}

export function MeasuresTab({
  workspace: w,
  role,
  partnerId,
}: {
  workspace: PartnershipWorkspace;
  role: string;
  partnerId: string | null;
}) {
  const names = new Map(w.measures.map((m) => [m.measure_id, m.name]));
  // Overdue first, then due, then what came in, newest first: the order someone chasing results works in.
  const rank = { overdue: 0, due: 1, reported: 2, computed: 3 } as const;
  const calendar = w.calendar
    .filter((c) => c.status !== 'computed')
    .sort((a, b) => rank[a.status] - rank[b.status] || b.due_on.localeCompare(a.due_on));
  const canEnter = role === 'admin' || role === 'manager' || role === 'partner';
  return (
    <Stack>
      {LEVELS.map((level) => {
        const measures = w.measures.filter((m) => m.level === level);
        if (measures.length === 0) return null;
        return (
          <Stack key={level} gap="xs">
            <Title order={2} size="h3">
              {level === 'organization' ? 'For each organization' : `For the ${level}`}
            </Title>
            <SimpleGrid cols={{ base: 1, lg: 2 }}>
              {measures.map((m) => (
                <MeasureCard key={m.measure_id} m={m} w={w} showEquity={role !== 'partner'} />
              ))}
            </SimpleGrid>
          </Stack>
        );
      })}
      {canEnter && <ResultEntry workspace={w} partnerId={role === 'partner' ? partnerId : null} />}
      {(role === 'admin' || role === 'manager') && <MeasureForm workspace={w} />}
      <Group justify="space-between">
        <Title order={2} size="h3">
          Assessment calendar
        </Title>
        <Group gap="md">
          <CsvLink partnershipId={w.partnership_id} table="measures">
            Measures as CSV
          </CsvLink>
          <CsvLink partnershipId={w.partnership_id} table="results">
            Results as CSV
          </CsvLink>
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label="Assessment calendar" striped>
          <Table.Thead>
            <Table.Tr>
              {['Measure', 'Period', 'Due', 'Status'].map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {calendar.map((c) => (
              <Table.Tr key={`${c.measure_id}|${c.period}`}>
                <Table.Td>{names.get(c.measure_id)}</Table.Td>
                <Table.Td>{c.period}</Table.Td>
                <Table.Td>{formatDate(c.due_on)}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[c.status]}>{label(c.status)}</Badge>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
