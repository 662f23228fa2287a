// Caseloads: members per case manager by risk tier against the research benchmark.
import { Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '../api';
import { Chart } from '../components/Chart';
import { QueryState } from '../components/QueryState';
import { CASELOAD_BENCHMARK } from '../../domain/ledger/rules';
import { CaseloadTable } from '../components/CaseloadTable';
import { PageTitle } from '../components/PageTitle';
import { StaffingWhatIf } from '../components/StaffingWhatIf';

const { high: HIGH, low: LOW } = CASELOAD_BENCHMARK;
const HIGH_RANGE = `${HIGH.low}–${HIGH.high}`;

export function CaseloadPage() {
  const loads = useQuery({ queryKey: ['caseloads'], queryFn: api.caseloads });
  const items = loads.data?.items ?? [];
  // Highest first; with many staff, names go to the tooltip instead of overlapping under the bars.
  const withHigh = useMemo(() => items.filter((i) => i.high_risk > 0).sort((a, b) => b.high_risk - a.high_risk), [items]);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' as const },
      grid: { left: 40, right: 20, top: 20, bottom: 60 },
      xAxis: {
        type: 'category' as const,
        data: withHigh.map((i) => i.name ?? i.staff_id),
        axisLabel: withHigh.length > 15 ? { show: false } : { rotate: 40 },
        name: withHigh.length > 15 ? 'case managers, most loaded first' : '',
        nameLocation: 'middle' as const,
      },
      yAxis: { type: 'value' as const, name: 'high-risk members' },
      series: [
        {
          type: 'bar' as const,
          data: withHigh.map((i) => i.high_risk),
          markArea: {
            itemStyle: { color: 'rgba(64, 192, 87, 0.15)' },
            data: [[{ yAxis: HIGH.low }, { yAxis: HIGH.high }] as [{ yAxis: number }, { yAxis: number }]],
          },
        },
      ],
    }),
    [withHigh],
  );
  return (
    <Stack>
      <PageTitle>Caseloads</PageTitle>
      <Text c="dimmed" size="sm">
        Research benchmark: {HIGH_RANGE} high-risk members or {LOW.high} low-risk members per case manager
        {loads.data ? `, as of ${loads.data.as_of}` : ''}.
      </Text>
      <QueryState
        loading={loads.isLoading}
        error={loads.error}
        empty={items.length === 0}
        emptyText="No caseload assignments are active today."
      >
        {withHigh.length > 0 && (
          <Chart option={option} label={`High-risk members per case manager against the ${HIGH_RANGE} benchmark`} height={280} />
        )}
        <CaseloadTable items={items} />
        {loads.data && <StaffingWhatIf items={items} work={loads.data.productivity.roles} days={loads.data.productivity.days} />}
      </QueryState>
    </Stack>
  );
}
