// One value-based contract: its scorecard for a period (SPEC 7.3) — score, coverage, earned
// incentive and each measure against threshold and target — the trend by month and quarter, what
// changed in its measure set between years, entering a reported result, and the reviews kept.
import { Anchor, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type ContractRows } from '../api';
import { Chart } from '../components/Chart';
import { ContractMeasures } from '../components/ContractMeasures';
import { MeasureSetChanges } from '../components/MeasureSetChanges';
import { QueryState } from '../components/QueryState';
import { MeasureForm } from '../components/MeasureForm';
import { ResultForm } from '../components/ResultForm';
import { ReviewsKept } from '../components/ReviewsKept';
import { formatDate, label, money, todayLocal } from '../format';
import { PageTitle } from '../components/PageTitle';

type Kind = 'year' | 'quarter' | 'month';
const periodsOf = (year: number, kind: Kind): string[] =>
  kind === 'year'
    ? [String(year)]
    : kind === 'quarter'
      ? [1, 2, 3, 4].map((q) => `${year}-Q${q}`)
      : Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${Math.round(v * 100)}%`);

export function ContractPage() {
  const { contractId = '' } = useParams();
  const me = useQuery({ queryKey: ['me'], queryFn: api.me, staleTime: Infinity });
  const role = me.data?.user?.role ?? '';
  const detail = useQuery({ queryKey: ['contract', contractId], queryFn: () => api.contract(contractId) });
  const catalog = useQuery({ queryKey: ['catalog'], queryFn: api.catalog, staleTime: Infinity });
  const years = detail.data?.years ?? [];
  const [year, setYear] = useState<number | null>(null);
  const [kind, setKind] = useState<Kind>('year');
  const [picked, setPicked] = useState<string | null>(null);
  const y = year ?? years[years.length - 1] ?? new Date().getFullYear();
  const period =
    picked && picked.startsWith(String(y)) && (kind === 'year') === (picked.length === 4)
      ? picked
      : periodsOf(y, kind)[kind === 'year' ? 0 : periodsOf(y, kind).length - 1]!;
  const scorecard = useQuery({
    queryKey: ['contract-scorecard', contractId, period],
    queryFn: () => api.contractScorecard(period, contractId),
    enabled: Boolean(detail.data),
  });
  const trend = useQuery({
    queryKey: ['contract-trend', contractId, y],
    queryFn: () => api.contractTrend(contractId, y),
    enabled: Boolean(detail.data),
  });
  const rows: ContractRows = scorecard.data?.items ?? [];
  const summary = rows.find((r) => r.measure_id === null) as Extract<ContractRows[number], { score: unknown }> | undefined;
  const measures = rows.filter((r): r is Extract<ContractRows[number], { source: string }> => r.measure_id !== null);
  const formats = new Map((catalog.data?.metrics ?? []).flatMap((m) => [[m.id, m.format] as const, [m.key, m.format] as const]));
  const trendOption = useMemo(() => {
    // Periods that have not started have no data yet: leave them off rather than draw zeros.
    const started = (label: string) =>
      label.replace(/-Q(\d)/, (_, q: string) => `-${String((Number(q) - 1) * 3 + 1).padStart(2, '0')}`) <= todayLocal().slice(0, 7);
    const points = (trend.data?.items ?? []).filter((p) => started(p.period));
    const months = points.filter((p) => /-\d\d$/.test(p.period));
    const quarters = points.filter((p) => p.period.includes('Q'));
    const score = (p: (typeof points)[number]) => (p.summary?.score == null ? null : Math.round(p.summary.score * 100));
    return {
      tooltip: { trigger: 'axis' as const },
      legend: { data: ['month', 'quarter'], top: 0, right: 0 },
      grid: { left: 40, right: 20, top: 36, bottom: 30 },
      xAxis: { type: 'category' as const, data: months.map((p) => p.period.slice(5)) },
      yAxis: { type: 'value' as const, name: 'score %', min: 0, max: 100 },
      series: [
        { name: 'month', type: 'line' as const, data: months.map(score), connectNulls: false },
        {
          name: 'quarter',
          type: 'bar' as const,
          barWidth: '60%',
          itemStyle: { opacity: 0.25 },
          data: months.map((_, i) => score(quarters[Math.floor(i / 3)]!) ?? null),
        },
      ],
    };
  }, [trend.data]);
  const c = detail.data?.contract;
  return (
    <QueryState loading={detail.isLoading} error={detail.error}>
      {c && (
        <Stack>
          <Anchor component={Link} to={`/partners/${encodeURIComponent(c.partner_id)}`} size="sm">
            ← {c.partner_name}
          </Anchor>
          <PageTitle>{c.name}</PageTitle>
          <Text size="sm" c="dimmed">
            {label(c.arrangement)} · {formatDate(c.starts_on)} – {c.ends_on ? formatDate(c.ends_on) : 'open-ended'} ·{' '}
            {c.line_of_business
              ? `${label(c.line_of_business)} members attributed to ${c.partner_name}`
              : `all members attributed to ${c.partner_name}`}
            {c.max_incentive !== null ? ` · incentive up to ${money(c.max_incentive)} a year` : ''}
          </Text>
          <Group>
            <Select aria-label="Year" w={100} data={years.map(String)} value={String(y)} onChange={(v) => setYear(v ? Number(v) : null)} />
            <SegmentedControl
              value={kind}
              onChange={(v) => setKind(v as Kind)}
              data={['year', 'quarter', 'month'].map((k) => ({ value: k, label: label(k) }))}
            />
            {kind !== 'year' && <Select aria-label="Period" w={120} data={periodsOf(y, kind)} value={period} onChange={setPicked} />}
          </Group>
          <QueryState
            loading={scorecard.isLoading}
            error={scorecard.error}
            empty={rows.length === 0}
            emptyText={`No measures for ${period}, or the contract's term does not cover it.`}
          >
            <SimpleGrid cols={{ base: 2, sm: 4 }}>
              {[
                ['Score', pct(summary?.score), 'weighted achievement of the measures with a value'],
                ['Coverage', pct(summary?.coverage), 'share of the weight with a value'],
                [
                  'Earned incentive',
                  summary?.earned_incentive != null ? money(summary.earned_incentive) : '—',
                  kind !== 'year'
                    ? 'year periods only'
                    : y >= Number(todayLocal().slice(0, 4))
                      ? 'so far: the year is not over'
                      : 'of the year',
                ],
                ['Population', summary ? String(summary.population) : '—', `members in ${period}`],
              ].map(([title, value, note]) => (
                <Card withBorder key={title} aria-label={title}>
                  <Text size="xs" c="dimmed">
                    {title}
                  </Text>
                  <Text fw={700} size="xl">
                    {value}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {note}
                  </Text>
                </Card>
              ))}
            </SimpleGrid>
            <ContractMeasures
              rows={measures}
              detail={detail.data!}
              period={period}
              formats={formats}
              staff={['admin', 'manager', 'coordinator'].includes(role)}
            />
          </QueryState>
          <Card withBorder>
            <Title order={2} size="h3" mb="xs">
              Score by month and quarter, {y}
            </Title>
            <Chart option={trendOption} label={`Contract score by month and quarter of ${y}`} height={240} />
          </Card>
          <MeasureSetChanges contractId={c.contract_id} years={years} />
          <ReviewsKept contractId={c.contract_id} />
          {['admin', 'manager'].includes(role) && <ResultForm detail={detail.data!} year={y} />}
          {['admin', 'manager'].includes(role) && <MeasureForm contractId={c.contract_id} year={y} />}
        </Stack>
      )}
    </QueryState>
  );
}
