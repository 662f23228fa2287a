// Home: the four principles, each metric against its research benchmark with a 12-period
// sparkline; pickers for period and segment. State lives in the URL so a view can be shared.
import { ActionIcon, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, type Metric, type Row } from '../api';
import { Sparkline } from '../components/Chart';
import { QueryState } from '../components/QueryState';
import { AttentionStrip } from '../components/AttentionStrip';
import { PaceLine } from '../components/PaceLine';
import { paceOf } from '../pacing';
import { comparisonLine, HISTORY_FOR_COMPARISONS, periodsWithActions } from '../comparisons';
import { StatusBadge } from '../components/StatusBadge';
import { useSegmentLabel } from '../segment-labels';
import {
  directionOf,
  formatBenchmark,
  formatValue,
  inProgressNote,
  kindOf,
  label,
  lastFullMonth,
  periodChoices,
  periodOptions,
  plural,
  type PeriodKind,
} from '../format';
import { PRINCIPLE_NAMES, PRINCIPLES } from '../../domain/ledger/vocabulary';
import { SEGMENTS } from '../../domain/metrics/segments';
import { PageTitle } from '../components/PageTitle';
import { PageActions } from '../components/PageActions';

export function usePeriodParams() {
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? lastFullMonth();
  const by = params.get('by') ?? '';
  const value = params.get('value') ?? '';
  const set = (next: Record<string, string>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged);
  };
  return { period, by, value, set };
}

export function PeriodPickers() {
  const { period, by, value, set } = usePeriodParams();
  const kind = kindOf(period);
  const scorecard = useQuery({
    queryKey: ['scorecard', period, by],
    queryFn: () => api.scorecard(period, by || undefined),
    enabled: Boolean(by),
  });
  const values = [...new Set((scorecard.data?.rows ?? []).map((r) => r.segment_value))];
  const segmentLabel = useSegmentLabel(by);
  const choices = values.map((v) => ({ value: v, label: segmentLabel(v) }));
  return (
    <Group align="flex-end" wrap="wrap">
      <SegmentedControl
        aria-label="Period length"
        value={kind}
        onChange={(k) => set({ period: periodChoices(k as PeriodKind, lastFullMonth())[0]! })}
        data={[
          { value: 'month', label: 'Month' },
          { value: 'quarter', label: 'Quarter' },
          { value: 'year', label: 'Year' },
        ]}
      />
      <Select
        label="Period"
        w={160}
        data={periodOptions(kind, period)}
        value={period}
        onChange={(p) => p && set({ period: p })}
        allowDeselect={false}
      />
      <Select
        label="Segment"
        w={190}
        data={[{ value: '', label: 'Whole plan' }, ...SEGMENTS.map((s) => ({ value: s, label: label(s) }))]}
        value={by}
        onChange={(s) => set({ by: s ?? '', value: '' })}
        allowDeselect={false}
      />
      {by && (
        <Select
          label={label(by)}
          w={190}
          placeholder="Choose a value"
          data={choices}
          value={value || null}
          onChange={(v) => set({ value: v ?? '' })}
          disabled={values.length === 0}
        />
      )}
    </Group>
  );
}

interface CardProps {
  metric: Metric;
  rows: Row[];
  history: Row[];
  link: string;
  yearRows: Row[];
  /** Periods the ledger has actions in: the others are not compared with. */
  withData: ReadonlySet<string>;
}

function MetricCard({ metric, rows, history, link, yearRows, withData }: CardProps) {
  return (
    <Card withBorder padding="sm" radius="md" component={Link} to={link} data-testid={`metric-${metric.id}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Text fw={600} size="sm" lineClamp={2}>
          {metric.title}
        </Text>
        <Tooltip label={metric.definition} multiline w={320} withArrow events={{ hover: true, focus: true, touch: true }}>
          <ActionIcon variant="subtle" size="md" aria-label={`Definition of ${metric.title}`} onClick={(e) => e.preventDefault()}>
            ?
          </ActionIcon>
        </Tooltip>
      </Group>
      {rows.map((row) => {
        const tierHistory = history.filter((h) => h.tier === row.tier);
        const points = tierHistory.slice(-12).map((h) => h.value);
        const compared = comparisonLine(row, tierHistory, metric.format, withData);
        const benchmark = formatBenchmark(row.benchmark, metric.format);
        return (
          <Stack key={row.tier ?? 'all'} gap={2} mt={6}>
            <Group justify="space-between" wrap="nowrap">
              <Text size="xl" fw={700}>
                <span data-testid={`value-${metric.id}${row.tier ? `-${row.tier}` : ''}`}>{formatValue(row, metric.format)}</span>
                {row.tier && (
                  <Text span size="xs" c="dimmed" ml={6}>
                    {row.tier} risk
                  </Text>
                )}
              </Text>
              {row.status && <StatusBadge status={row.status} direction={directionOf(metric, row.tier)} />}
            </Group>
            {benchmark && (
              <Text size="xs" c="dimmed">
                Research benchmark {benchmark}
              </Text>
            )}
            <PaceOf row={row} yearRows={yearRows} testId={`pace-${metric.id}${row.tier ? `-${row.tier}` : ''}`} />
            <Text size="xs" c="dimmed" data-testid={`count-${metric.id}${row.tier ? `-${row.tier}` : ''}`}>
              {row.denominator !== null
                ? `${row.numerator?.toLocaleString('en-US')} of ${row.denominator.toLocaleString('en-US')}`
                : row.per_1000 !== null
                  ? `${row.per_1000.toFixed(1)} per 1,000 member-months`
                  : ' '}
            </Text>
            {compared && (
              <Text size="xs" c="dimmed" data-testid={`compare-${metric.id}${row.tier ? `-${row.tier}` : ''}`}>
                {compared}
              </Text>
            )}
            <Sparkline
              values={points}
              describe={(v) => formatValue({ value: v }, metric.format)}
              label={`${metric.title}${row.tier ? ` (${row.tier})` : ''} over 12 periods`}
            />
          </Stack>
        );
      })}
    </Card>
  );
}

/** Pacing under a card whose benchmark is per year, unless the view is a year that is over (its status says it). */
function PaceOf({ row, yearRows, testId }: { row: Row; yearRows: Row[]; testId: string }) {
  if (row.benchmark?.per !== 'year') return null;
  const yearRow = yearRows.find((y) => y.metric === row.metric && y.principle === row.principle && y.tier === row.tier);
  const pace = paceOf(yearRow, new Date());
  if (!pace || (kindOf(row.period) === 'year' && !pace.text.includes('to date'))) return null;
  return <PaceLine pace={pace} testId={testId} />;
}

export function ScorecardPage() {
  const { period, by, value } = usePeriodParams();
  const catalog = useQuery({ queryKey: ['catalog'], queryFn: api.catalog, staleTime: Infinity });
  const scorecard = useQuery({ queryKey: ['scorecard', period, by], queryFn: () => api.scorecard(period, by || undefined) });
  const history = useQuery({
    queryKey: ['history', period, by, HISTORY_FOR_COMPARISONS],
    queryFn: () => api.history(period, HISTORY_FOR_COMPARISONS, by || undefined),
  });
  // The period's year, for pacing against benchmarks stated per year (the cube's year is a lookup).
  const year = period.slice(0, 4);
  const yearCard = useQuery({ queryKey: ['scorecard', year, by], queryFn: () => api.scorecard(year, by || undefined) });
  const segmentValue = by ? value : 'all';
  const yearRows = (yearCard.data?.rows ?? []).filter((r) => r.segment_value === segmentValue);
  const note = inProgressNote(period);
  const rows = (scorecard.data?.rows ?? []).filter((r) => r.segment_value === segmentValue);
  const historyRows = (history.data?.rows ?? []).filter((r) => r.segment_value === segmentValue);
  const withData = periodsWithActions(history.data?.rows ?? []);
  const metrics = catalog.data?.metrics ?? [];
  const linkFor = (m: Metric) => `/metric/${m.id}?${new URLSearchParams({ principle: String(m.principle), period, by, value }).toString()}`;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <PageTitle>Diplomacy Scorecard</PageTitle>
          <Text c="dimmed" size="sm">
            What the plan does for its members, against research benchmarks.{' '}
            {by ? (value ? `${label(by)}: ${value}.` : `Choose a ${label(by).toLowerCase()} value.`) : 'Whole plan.'}
          </Text>
          <PageActions period={period} by={by || undefined} />
        </div>
        <PeriodPickers />
      </Group>
      {note && (
        <Text size="sm" c="dimmed" data-testid="in-progress">
          {note}
        </Text>
      )}
      {!by && metrics.length > 0 && <AttentionStrip rows={rows} metrics={metrics} />}
      <QueryState
        loading={scorecard.isLoading || catalog.isLoading}
        error={scorecard.error ?? catalog.error}
        waiting={scorecard.failureReason}
        empty={rows.length === 0}
        emptyText={by && !value ? 'Choose a segment value to see its scorecard.' : 'No members are enrolled in this period.'}
      >
        {PRINCIPLES.map((principle) => {
          // The measured rows (the principle's actions and staff hours) are its effort line; the rest are cards.
          const measured = metrics.filter((m) => m.principle === principle && m.tracking === 'measured');
          const rowOf = (m: Metric | undefined) => m && rows.find((r) => r.metric === m.id && r.principle === m.principle);
          const actions = rowOf(measured.find((m) => m.format === 'count'));
          const hours = rowOf(measured.find((m) => m.format === 'hours'));
          const cards = metrics.filter(
            (m) => m.principle === principle && m.tracking !== 'measured' && rows.some((r) => r.metric === m.id),
          );
          return (
            <section key={principle} aria-labelledby={`principle-${principle}`}>
              <Group justify="space-between" mt="md" mb="xs" wrap="wrap">
                <Title order={2} size="h3" id={`principle-${principle}`}>
                  {principle}. {PRINCIPLE_NAMES[principle]}
                </Title>
                <Text size="sm" c="dimmed" data-testid={`effort-${principle}`}>
                  Measured effort:{' '}
                  {actions
                    ? `${plural(actions.value ?? 0, 'action')} (${actions.per_1000?.toFixed(1) ?? '—'} per 1,000 member-months)`
                    : '—'}{' '}
                  · {hours ? `${formatValue(hours, 'hours')} staff hours` : '—'}
                </Text>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
                {cards.map((m) => (
                  <MetricCard
                    key={m.id}
                    metric={m}
                    rows={rows.filter((r) => r.metric === m.id)}
                    history={historyRows.filter((r) => r.metric === m.id && r.principle === m.principle)}
                    link={linkFor(m)}
                    yearRows={yearRows.filter((r) => r.metric === m.id && r.principle === m.principle)}
                    withData={withData}
                  />
                ))}
              </SimpleGrid>
            </section>
          );
        })}
      </QueryState>
    </Stack>
  );
}
