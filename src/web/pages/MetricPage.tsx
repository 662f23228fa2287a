// One metric: its trend over 12 periods against the benchmark band, and the equity view — the
// metric by segment with counts, each bar a link to the members behind it.
import { Anchor, Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, type Metric, type Row } from '../api';
import { useSegmentLabel } from '../segment-labels';
import { Chart } from '../components/Chart';
import { QueryState } from '../components/QueryState';
import { SEGMENTS } from '../../domain/metrics/segments';
import { chartScale, formatBenchmark, formatValue, kindOf, label, lastFullMonth } from '../format';
import { paceOf } from '../pacing';
import { comparisonLine, periodsWithActions } from '../comparisons';
import { PERIODS_PER_YEAR, trendOption } from '../trend-chart';
import { DisparityTable } from '../components/DisparityTable';
import { PaceLine } from '../components/PaceLine';
import { PageTitle } from '../components/PageTitle';
import { PageActions } from '../components/PageActions';

export function MetricPage() {
  const { metricId = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const principle = Number(params.get('principle') ?? 0);
  const period = params.get('period') ?? lastFullMonth();
  const by = params.get('by') ?? '';
  const value = params.get('value') ?? '';
  const [breakdown, setBreakdown] = useState<string>(params.get('breakdown') || by || 'race');
  const catalog = useQuery({ queryKey: ['catalog'], queryFn: api.catalog, staleTime: Infinity });
  const metric = catalog.data?.metrics.find((m) => m.id === metricId && (!principle || m.principle === principle));
  const [tier, setTier] = useState<'high' | 'low'>('high');
  const tierOf = metric?.split_by_tier ? tier : null;
  // 12 periods and, before them, as many as reach the same periods a year before.
  const historyCount = 12 + (kindOf(period) === 'year' ? 0 : PERIODS_PER_YEAR[kindOf(period)]);
  const history = useQuery({
    queryKey: ['history', period, by, historyCount],
    queryFn: () => api.history(period, historyCount, by || undefined),
  });
  const split = useQuery({
    queryKey: ['scorecard', period, breakdown],
    queryFn: () => api.scorecard(period, breakdown),
    enabled: !metric?.plan_wide,
  });
  const segmentValue = by && value ? value : 'all';
  const points = (history.data?.rows ?? []).filter(
    (r) => r.metric === metricId && r.principle === metric?.principle && r.tier === tierOf && r.segment_value === segmentValue,
  );
  const segmentLabel = useSegmentLabel(breakdown);
  const bars = (split.data?.rows ?? []).filter((r) => r.metric === metricId && r.principle === metric?.principle && r.tier === tierOf);
  // A benchmark per year is not drawn over months or quarters: their rates are not comparable to it.
  const annualOverShort = points[0]?.benchmark?.per === 'year' && kindOf(period) !== 'year';
  const benchmark = annualOverShort ? null : (points[0]?.benchmark ?? null);
  const isPercent = metric?.format === 'percent';
  const scale = (v: number | null) => chartScale(v, metric?.format ?? 'count');

  const withData = useMemo(() => periodsWithActions(history.data?.rows ?? []), [history.data]);
  const trend = useMemo(
    () =>
      trendOption(points, PERIODS_PER_YEAR[kindOf(period)], { title: metric?.title ?? metricId, isPercent, scale, benchmark, withData }),
    [points, period, benchmark, isPercent, metric?.title, metricId, withData],
  );
  const last = points[points.length - 1];
  const compared = last && metric ? comparisonLine(last, points, metric.format, withData) : null;
  // Groups differ in size: a count is compared per 1,000 member-months, a rate as it is.
  const perThousand = metric?.kind === 'count' && bars.some((b) => b.per_1000 !== null);
  const barOption = useMemo(
    () => equityOption(bars, { isPercent, perThousand, clickable: Boolean(metric?.lists_members), label: segmentLabel, scale }),
    [bars, isPercent, perThousand, metric?.lists_members, segmentLabel],
  );
  const openMembers = useCallback(
    // Exactly the members behind the bar (not everyone in the segment), keeping the metric, period and
    // tier. By the bar's index, not its label: labels are worded for people, the API takes the stored value.
    (p: { dataIndex: number }) => {
      const bar = bars[p.dataIndex];
      if (!bar || !metric?.lists_members) return;
      const q = { principle: String(metric.principle), period, by: breakdown, value: bar.segment_value, tier: tierOf ?? '' };
      navigate(`/metric/${metricId}/members?${new URLSearchParams(q).toString()}`);
    },
    [bars, breakdown, navigate, metric, metricId, period, tierOf],
  );

  return (
    <QueryState loading={catalog.isLoading} error={catalog.error} empty={!metric} emptyText="No such metric.">
      {metric && (
        <Stack>
          <Anchor component={Link} to={`/?${new URLSearchParams({ period, by, value }).toString()}`} size="sm">
            ← Scorecard
          </Anchor>
          <PageTitle>{metric.title}</PageTitle>
          <Text c="dimmed">{metric.definition}</Text>
          {metric.split_by_tier && (
            <SegmentedControl
              aria-label="Risk tier"
              value={tier}
              onChange={(t) => setTier(t as 'high' | 'low')}
              data={[
                { value: 'high', label: 'High risk' },
                { value: 'low', label: 'Low risk' },
              ]}
              w={240}
            />
          )}
          <Title order={2} size="h4">
            Trend to {period}
            {segmentValue !== 'all' ? ` — ${label(by)}: ${value}` : ''}
          </Title>
          {benchmark && <Text size="sm">Research benchmark: {formatBenchmark(benchmark, metric.format)}</Text>}
          {annualOverShort && <AnnualBenchmark metric={metric} row={points[points.length - 1]} period={period} by={by} />}

          <QueryState loading={history.isLoading} error={history.error} empty={points.length === 0}>
            <Chart option={trend} label={`${metric.title} over 12 periods`} height={280} />
            <Group gap="md">
              <Text size="sm" c="dimmed" data-testid="metric-latest">
                {period}: {last ? formatValue(last, metric.format) : '—'}
                {compared ? ` (${compared})` : ''}
              </Text>
              {metric.lists_members && (
                <Anchor
                  component={Link}
                  size="sm"
                  to={`/metric/${metricId}/members?${new URLSearchParams({ principle: String(metric.principle), period, by: segmentValue === 'all' ? '' : by, value: segmentValue === 'all' ? '' : value, tier: tierOf ?? '' }).toString()}`}
                >
                  The members behind this number
                </Anchor>
              )}
            </Group>
          </QueryState>
          {metric.plan_wide ? (
            <Text c="dimmed">This metric is plan-wide: it has no breakdown by segment.</Text>
          ) : (
            <>
              <Group align="flex-end">
                <Title order={2} size="h4">
                  Equity view: {period} by
                </Title>
                <Select
                  aria-label="Breakdown segment"
                  data={SEGMENTS.map((s) => ({ value: s, label: label(s) }))}
                  value={breakdown}
                  onChange={(s) => s && setBreakdown(s)}
                  allowDeselect={false}
                  w={200}
                />
              </Group>
              <QueryState loading={split.isLoading} error={split.error} empty={bars.length === 0}>
                <PageActions period={period} by={breakdown} />
                <Chart option={barOption} label={`${metric.title} by ${label(breakdown)}`} height={300} onClick={openMembers} />
                {isShareOfMembers(metric) && (
                  <DisparityTable metric={metric} period={period} breakdown={breakdown} tier={tierOf} label={segmentLabel} />
                )}
                {metric.lists_members && (
                  <Text size="xs" c="dimmed">
                    Select a bar to see the members behind it: {metric.kind === 'count' ? 'those it counted' : 'those not yet counted'}.
                  </Text>
                )}
              </QueryState>
            </>
          )}
        </Stack>
      )}
    </QueryState>
  );
}

/** A share of members (people over people): the disparity table's intervals are for these. */
const isShareOfMembers = (m: Metric): boolean =>
  m.format === 'percent' && m.counts.numerator === 'members' && m.counts.denominator === 'members';

/** A benchmark per year under a month or quarter's trend: said, not drawn, with the year's pace. */
function AnnualBenchmark({ metric, row, period, by }: { metric: Metric; row: Row | undefined; period: string; by: string }) {
  const year = period.slice(0, 4);
  const yearCard = useQuery({ queryKey: ['scorecard', year, by], queryFn: () => api.scorecard(year, by || undefined) });
  if (!row?.benchmark) return null;
  const yearRow = yearCard.data?.rows.find(
    (r) => r.metric === row.metric && r.principle === row.principle && r.tier === row.tier && r.segment_value === row.segment_value,
  );
  const pace = paceOf(yearRow, new Date());
  return (
    <Stack gap={4}>
      <Text size="sm">
        Research benchmark: {formatBenchmark(row.benchmark, metric.format)}. It is not drawn over{' '}
        {kindOf(period) === 'month' ? 'months' : 'quarters'}: the year view compares like with like.
      </Text>
      {pace && <PaceLine pace={pace} testId="metric-pace" />}
    </Stack>
  );
}

type Bar = Row;
interface EquityLook {
  isPercent: boolean;
  perThousand: boolean;
  clickable: boolean;
  label: (value: string) => string;
  scale: (v: number | null) => number | null;
}

/** The equity bars: one per segment value, with its counts on top. */
function equityOption(bars: readonly Bar[], look: EquityLook) {
  return {
    tooltip: { trigger: 'axis' as const },
    grid: { left: 50, right: 20, top: 20, bottom: 60 },
    xAxis: {
      type: 'category' as const,
      data: bars.map((b) => look.label(b.segment_value)),
      axisLabel: { rotate: bars.length > 6 ? 30 : 0 },
    },
    yAxis: { type: 'value' as const, name: look.isPercent ? '%' : look.perThousand ? 'per 1,000 member-months' : '' },
    series: [
      {
        type: 'bar' as const,
        data: bars.map((b) => (look.perThousand ? (b.per_1000 === null ? null : +b.per_1000.toFixed(2)) : look.scale(b.value))),
        label: {
          show: true,
          position: 'top' as const,
          formatter: (p: { dataIndex: number }) => {
            const b = bars[p.dataIndex]!;
            return b.denominator !== null
              ? `${b.numerator?.toLocaleString('en-US')}/${b.denominator.toLocaleString('en-US')}`
              : (b.numerator?.toLocaleString('en-US') ?? '');
          },
        },
        cursor: look.clickable ? 'pointer' : 'default',
      },
    ],
  };
}
