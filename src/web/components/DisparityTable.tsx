// Under a metric's equity bars: each group's rate with its 95% interval, its gap and ratio to the
// best group and to the plan, whether the gap is more than noise and whether it widened since the
// prior period (disparity.ts). Worst first, so the group to act for is on top.
import { Badge, Group, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api, type Metric, type Row } from '../api';
import { comparedPeriods } from '../comparisons';
import { disparities, type Disparity } from '../disparity';
import { directionOf, formatPercent } from '../format';
import { TableCsvButton } from './TableCsvButton';

const pts = (d: number): string => `${d > 0 ? '+' : d < 0 ? '−' : ''}${Math.abs(d * 100).toFixed(1)} pts`;
const ratio = (r: number | null): string => (r === null ? '—' : `${r.toFixed(2)}×`);

interface Props {
  metric: Metric;
  period: string;
  breakdown: string;
  tier: string | null;
  label: (value: string) => string;
}

export function DisparityTable({ metric, period, breakdown, tier, label }: Props): React.JSX.Element | null {
  const prior = comparedPeriods(period).prior;
  const pick = (rows: Row[] | undefined): Row[] =>
    (rows ?? []).filter((r) => r.metric === metric.id && r.principle === metric.principle && r.tier === tier);
  const now = useQuery({ queryKey: ['scorecard', period, breakdown], queryFn: () => api.scorecard(period, breakdown) });
  const then = useQuery({ queryKey: ['scorecard', prior, breakdown], queryFn: () => api.scorecard(prior, breakdown) });
  const plan = useQuery({ queryKey: ['scorecard', period, ''], queryFn: () => api.scorecard(period) });
  const planThen = useQuery({ queryKey: ['scorecard', prior, ''], queryFn: () => api.scorecard(prior) });
  const planRate = pick(plan.data?.rows)[0]?.value ?? null;
  if (planRate === null || !now.data) return null;
  const higher = directionOf(metric, tier) !== 'lower';
  const rows = disparities(pick(now.data.rows), planRate, higher, pick(then.data?.rows), pick(planThen.data?.rows)[0]?.value ?? null).sort(
    (a, b) => (higher ? a.gapToPlan - b.gapToPlan : b.gapToPlan - a.gapToPlan),
  );
  return (
    <div>
      <Text size="sm" mb={4}>
        Disparities: each group against the best group and the plan ({formatPercent(planRate)}). A gap is more than noise when the plan's
        rate lies outside the group's 95% interval.
      </Text>
      <Table.ScrollContainer minWidth={640}>
        <Table striped aria-label={`${metric.title}: disparities by group`}>
          <Table.Thead>
            <Table.Tr>
              {['Group', 'Rate (95% interval)', 'Counted', 'vs best group', 'vs plan', ''].map((h, i) => (
                <Table.Th key={i}>{h || 'Reading'}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((d) => (
              <DisparityRow key={d.group} d={d} label={label} higher={higher} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <TableCsvButton table={`${metric.title}: disparities by group`} file={`${metric.id}-disparities-${period}.csv`} />
    </div>
  );
}

function DisparityRow({ d, label, higher }: { d: Disparity; label: (v: string) => string; higher: boolean }) {
  const worse = higher ? d.gapToPlan < 0 : d.gapToPlan > 0;
  return (
    <Table.Tr data-testid={`disparity-${d.group}`}>
      <Table.Td>{label(d.group)}</Table.Td>
      <Table.Td>
        {formatPercent(d.rate)} ({formatPercent(d.interval[0])}–{formatPercent(d.interval[1])})
      </Table.Td>
      <Table.Td>
        {d.numerator.toLocaleString('en-US')} of {d.denominator.toLocaleString('en-US')}
      </Table.Td>
      <Table.Td>
        {pts(d.gapToBest)} · {ratio(d.ratioToBest)}
      </Table.Td>
      <Table.Td>
        {pts(d.gapToPlan)} · {ratio(d.ratioToPlan)}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {d.beyondNoise && worse && <Badge color="red">Gap beyond noise</Badge>}
          {d.beyondNoise && !worse && <Badge color="green">Better than the plan</Badge>}
          {!d.beyondNoise && <Text size="xs">Within noise</Text>}
          {d.widened && <Badge color="orange">Gap widened since the prior period</Badge>}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
