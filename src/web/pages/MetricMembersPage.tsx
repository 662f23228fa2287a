// The members behind one number of the scorecard (an equity bar, a card): by default exactly
// those a rate counts in its denominator and not yet in its numerator — the people who would
// close that gap — with the metric, period and segment it came from and the way back.
import { Anchor, Button, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, type Metric, type Row } from '../api';
import { Confirmation, loggedDone, type Done } from '../components/Confirmation';
import { LogActionModal } from '../components/LogActionModal';
import { QueryState } from '../components/QueryState';
import { useSegmentLabel } from '../segment-labels';
import { formatValue, label } from '../format';
import { PageTitle } from '../components/PageTitle';
import { TableCsvButton } from '../components/TableCsvButton';
import { MemberLink, ActionColumnHeader } from '../components/TableBits';

/** The action that would put a member into the metric's numerator, where one does. */
const CLOSES_WITH: Record<string, string> = {
  contact_rate: 'outreach',
  hra_call_rate: 'hra_call',
  personalized_outreach_rate: 'outreach',
  cost_guidance_rate: 'cost_guidance',
  guided_renewal_rate: 'renewal_guidance',
};

/** "Whole plan · 2026-10" or "Race: Black · high risk · 2026-10". */
function contextOf(period: string, by: string, valueLabel: string, tier: string | null): string {
  return [by ? `${label(by)}: ${valueLabel}` : 'Whole plan', tier ? `${tier} risk` : null, period].filter(Boolean).join(' · ');
}

function Summary({ metric, row }: { metric: Metric; row: Row | undefined }) {
  if (!row) return null;
  const n = typeof row.numerator === 'number' ? row.numerator : null;
  const d = typeof row.denominator === 'number' ? row.denominator : null;
  if (n === null) return null;
  if (d === null) return <Text>{`${formatValue(row, metric.format)} in all.`}</Text>;
  return (
    <Text data-testid="behind-summary">
      {`${formatValue(row, metric.format)}: ${n.toLocaleString('en-US')} of ${d.toLocaleString('en-US')} counted. `}
      <b>{(d - n).toLocaleString('en-US')} not yet</b>
      {' — the members who would close the gap.'}
    </Text>
  );
}

export function MetricMembersPage() {
  const { metricId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const [logFor, setLogFor] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const client = useQueryClient();
  const principle = params.get('principle') ?? '';
  const period = params.get('period') ?? '';
  const by = params.get('by') ?? '';
  const value = params.get('value') ?? '';
  const tier = params.get('tier') || null;
  const catalog = useQuery({ queryKey: ['catalog'], queryFn: api.catalog, staleTime: Infinity });
  const metric = catalog.data?.metrics.find((m) => m.id === metricId && (!principle || String(m.principle) === principle));
  const counted = params.get('counted') ?? (metric?.kind === 'count' ? 'true' : 'false');
  const scorecard = useQuery({ queryKey: ['scorecard', period, by], queryFn: () => api.scorecard(period, by || undefined) });
  const row = scorecard.data?.rows.find(
    (r) =>
      r.metric === metricId &&
      String(r.principle) === String(metric?.principle) &&
      r.tier === tier &&
      r.segment_value === (by ? value : 'all'),
  );
  const members = useQuery({
    queryKey: ['metric-members', metricId, principle, period, by, value, tier, counted],
    queryFn: () =>
      api.metricMembers({ metric: metricId, principle, period, by, segment_value: by ? value : '', tier: tier ?? '', counted }),
    enabled: Boolean(metric),
  });
  const segmentLabel = useSegmentLabel(by);
  // Back to the metric with the bar's breakdown open, as it was when the bar was chosen.
  const back = `/metric/${metricId}?${new URLSearchParams({ principle, period, ...(by ? { breakdown: by } : {}) }).toString()}`;
  const setCounted = (c: string) => {
    const next = new URLSearchParams(params);
    next.set('counted', c);
    setParams(next, { replace: true });
  };
  const data = members.data;
  // A member counts once in a share of members; a count of actions differs from member to member.
  const perMember = metric?.counts.numerator !== 'members';
  return (
    <QueryState loading={catalog.isLoading} error={catalog.error} empty={!metric} emptyText="No such metric.">
      {metric && (
        <Stack>
          <Anchor component={Link} to={back} size="sm">
            ← {metric.title}
          </Anchor>
          <div>
            <PageTitle>{`${metric.title}: the members behind the number`}</PageTitle>
            <Text c="dimmed" data-testid="behind-context">
              {contextOf(period, by, segmentLabel(value), tier)}
            </Text>
          </div>
          <Summary metric={metric} row={row} />
          {metric.kind !== 'count' && (
            <SegmentedControl
              aria-label="Which members"
              value={counted}
              onChange={setCounted}
              w={320}
              data={[
                { value: 'false', label: 'Not yet counted' },
                { value: 'true', label: 'Counted' },
              ]}
            />
          )}
          {done && (
            <Confirmation key={done.message} done={done} onDismiss={() => setDone(null)} onUndone={() => void client.invalidateQueries()} />
          )}
          <QueryState
            loading={members.isLoading}
            error={members.error}
            empty={data?.items.length === 0}
            emptyText={counted === 'false' ? 'Everyone is counted: there is no gap here.' : 'No member is counted yet.'}
          >
            {data && (
              <>
                <Text size="sm" c="dimmed" data-testid="behind-total">
                  {data.total > data.items.length
                    ? `The first ${data.items.length.toLocaleString('en-US')} of ${data.total.toLocaleString('en-US')}, by member id.`
                    : `${data.total.toLocaleString('en-US')} ${data.total === 1 ? 'member' : 'members'}.`}
                </Text>
                <Table.ScrollContainer minWidth={360}>
                  <Table striped highlightOnHover aria-label="Members behind the number">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Member</Table.Th>
                        {perMember && <Table.Th>{label(metric.counts.numerator)}</Table.Th>}
                        <ActionColumnHeader />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.items.map((m) => (
                        <Table.Tr key={m.member_id}>
                          <Table.Td>
                            <MemberLink id={m.member_id} />
                          </Table.Td>
                          {perMember && <Table.Td>{m.numerator.toLocaleString('en-US')}</Table.Td>}
                          <Table.Td>
                            <Button
                              size="xs"
                              variant="light"
                              onClick={() => setLogFor(m.member_id)}
                              aria-label={`Log action for ${m.member_id}`}
                            >
                              Log action
                            </Button>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                <TableCsvButton table="Members behind the number" file={`${metricId}-members-${period}.csv`} />
              </>
            )}
          </QueryState>
          {logFor && (
            <LogActionModal
              memberId={logFor}
              suggestedType={CLOSES_WITH[metricId]}
              opened
              onClose={() => setLogFor(null)}
              onLogged={(a) => {
                setDone(loggedDone(a));
                void client.invalidateQueries();
              }}
            />
          )}
        </Stack>
      )}
    </QueryState>
  );
}
