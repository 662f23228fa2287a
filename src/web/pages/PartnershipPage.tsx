// One partnership's workspace: what needs doing now at the top, the packet for a member
// organization's leaders, then the charter, the people, the plan, decisions, measures and the
// community's voice, one tab each.
import { Alert, Anchor, Badge, Group, Stack, Tabs, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api';
import { QueryState } from '../components/QueryState';
import { CharterTab } from '../components/partnership/CharterTab';
import { CommunityTab } from '../components/partnership/CommunityTab';
import { DecisionsTab } from '../components/partnership/DecisionsTab';
import { MeasuresTab } from '../components/partnership/MeasuresTab';
import { PacketDownload } from '../components/partnership/PacketDownload';
import { PeopleTab } from '../components/partnership/PeopleTab';
import { PlanTimeline } from '../components/partnership/PlanTimeline';
import { formatDate } from '../format';
import { PageTitle } from '../components/PageTitle';

const TABS = [
  ['charter', 'Charter'],
  ['people', 'Members and roles'],
  ['plan', 'Plan'],
  ['decisions', 'Decisions'],
  ['measures', 'Measures'],
  ['community', 'Community'],
] as const;

export function PartnershipPage() {
  const { partnershipId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'charter';
  const me = useQuery({ queryKey: ['me'], queryFn: api.me, staleTime: Infinity });
  const role = me.data?.user?.role ?? '';
  const canWrite = role === 'admin' || role === 'manager';
  const w = useQuery({ queryKey: ['partnership', partnershipId], queryFn: () => api.partnership(partnershipId) });
  const data = w.data;
  const missed = data?.activities.filter((a) => a.overdue && a.milestone).length ?? 0;
  const late = data?.calendar.filter((c) => c.status === 'overdue').length ?? 0;
  const followUps = data?.decisions.flatMap((d) => d.follow_ups).filter((f) => f.overdue).length ?? 0;
  return (
    <QueryState loading={w.isLoading} error={w.error}>
      {data && (
        <Stack>
          <Anchor component={Link} to="/partnerships" size="sm">
            ← Partnerships
          </Anchor>
          <Group justify="space-between" align="flex-end">
            <div>
              <PageTitle>{data.name}</PageTitle>
              <Text c="dimmed" size="sm">
                Since {formatDate(data.starts_on)} · area: {[...data.area.counties, ...data.area.zips].join(', ') || 'not set'}
                {Object.entries(data.area.segments ?? {}).map(([k, v]) => ` (${k}: ${(v ?? []).join(', ')})`)} ·{' '}
                {data.members.filter((m) => m.stage === 'committed').length} member organizations
              </Text>
            </div>
            <PacketDownload workspace={data} partnerId={me.data?.user?.partner_id ?? null} />
          </Group>
          {missed + late + followUps > 0 ? (
            <Alert color="red" title="Needs doing now" role="region" aria-label="Needs doing now">
              <Group gap="md">
                {missed > 0 && <Badge color="red">{missed} milestone(s) missed</Badge>}
                {late > 0 && <Badge color="red">{late} result(s) overdue</Badge>}
                {followUps > 0 && <Badge color="red">{followUps} follow-up(s) overdue</Badge>}
              </Group>
              <Text size="sm" mt="xs">
                Missed milestones are on the Plan tab, overdue results on Measures, follow-ups on Decisions.
              </Text>
            </Alert>
          ) : (
            <Text c="green">Nothing is overdue.</Text>
          )}
          <Tabs value={tab} onChange={(t) => setParams({ tab: t ?? 'charter' }, { replace: true })} keepMounted={false}>
            <Tabs.List>
              {TABS.map(([id, name]) => (
                <Tabs.Tab key={id} value={id}>
                  {name}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="charter" pt="md">
              <CharterTab workspace={data} canWrite={canWrite} />
            </Tabs.Panel>
            <Tabs.Panel value="people" pt="md">
              <PeopleTab workspace={data} canWrite={canWrite} partnerId={role === 'partner' ? (me.data?.user?.partner_id ?? null) : null} />
            </Tabs.Panel>
            <Tabs.Panel value="plan" pt="md">
              <PlanTimeline workspace={data} canWrite={canWrite} />
            </Tabs.Panel>
            <Tabs.Panel value="decisions" pt="md">
              <DecisionsTab workspace={data} canWrite={canWrite} />
            </Tabs.Panel>
            <Tabs.Panel value="measures" pt="md">
              <MeasuresTab workspace={data} role={role} partnerId={me.data?.user?.partner_id ?? null} />
            </Tabs.Panel>
            <Tabs.Panel value="community" pt="md">
              <CommunityTab workspace={data} canWrite={canWrite} />
            </Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </QueryState>
  );
}
