// Caseloads' what-if: add case managers to a tier (or move one: +1 on a tier, −1 on the other)
// and CHWs, and see the members per case manager that would follow against the benchmark, and
// what the new staff would do in a month at the plan's own measured pace (staffing.ts).
import { Card, Group, NumberInput, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Direction } from '../../domain/metrics/verdict';
import { CASELOAD_BENCHMARK, CASELOAD_DIRECTION } from '../../domain/ledger/rules';
import { projectStaffing, type CaseloadItem, type RoleWork, type TierProjection } from '../staffing';
import { StatusBadge } from './StatusBadge';
import { plural } from '../format';

const one = (n: number | null): string => (n === null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: 1 }));
const pace = (r: { actionsPerMonth: number; membersPerMonth: number; actionsPerHour: number | null }): string =>
  `${plural(Math.round(r.actionsPerMonth), 'action')} for ${plural(Math.round(r.membersPerMonth), 'member')} (${one(r.actionsPerHour)} an hour)`;
const statusOf = (v: number, b: { low: number; high: number }) => (v < b.low ? 'below' : v > b.high ? 'above' : 'within');

function TierLine({
  name,
  t,
  benchmark,
  direction,
}: {
  name: string;
  t: TierProjection;
  benchmark: { low: number; high: number };
  direction: Direction;
}) {
  return (
    <Group gap="xs" data-testid={`whatif-${name}`}>
      <Text size="sm">
        {name} risk: {t.members.toLocaleString('en-US')} members, {one(t.now)} per case manager now → <b>{one(t.then)}</b>
      </Text>
      {t.then !== null && <StatusBadge status={statusOf(t.then, benchmark)} direction={direction} />}
    </Group>
  );
}

export function StaffingWhatIf({ items, work, days }: { items: CaseloadItem[]; work: RoleWork[]; days: number }) {
  const [change, setChange] = useState({ high: 0, low: 0, chw: 0 });
  const p = projectStaffing(items, work, days, change);
  const field = (key: keyof typeof change, label: string) => (
    <NumberInput
      label={label}
      value={change[key]}
      onChange={(v) => setChange({ ...change, [key]: Number(v) || 0 })}
      min={-20}
      max={200}
      w={200}
    />
  );
  const cm = p.rates.case_manager;
  const chw = p.rates.chw;
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} size="h4">
          What if: staffing
        </Title>
        <Text size="sm" c="dimmed">
          Add case managers to a tier, or move one (+1 on one tier, −1 on the other), and add community health workers.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {field('high', 'Case managers on high risk')}
          {field('low', 'Case managers on low risk')}
          {field('chw', 'Community health workers')}
        </SimpleGrid>
        <TierLine name="High" t={p.high} benchmark={CASELOAD_BENCHMARK.high} direction={CASELOAD_DIRECTION.high} />
        <TierLine name="Low" t={p.low} benchmark={CASELOAD_BENCHMARK.low} direction={CASELOAD_DIRECTION.low} />
        <Text size="sm" data-testid="whatif-reach">
          The added staff would log about <b>{Math.round(p.reach.actions).toLocaleString('en-US')} actions</b> a month for about{' '}
          <b>{Math.round(p.reach.members).toLocaleString('en-US')} members</b> ({Math.round(p.reach.hours).toLocaleString('en-US')} logged
          hours).
        </Text>
        <Text size="xs" c="dimmed">
          At the plan&apos;s own pace over the last {days} days, per person a month: case managers {cm ? pace(cm) : 'logged nothing'}; CHWs{' '}
          {chw ? pace(chw) : 'logged nothing'}. A new hire takes time to reach that pace, and members already reached by others are counted
          again.
        </Text>
      </Stack>
    </Card>
  );
}
