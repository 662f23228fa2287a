// One partner: how the relationship stands and what to do next, its contracts, open follow-ups,
// the timeline of touchpoints, and its take-stock profile.
import { Alert, Anchor, Badge, Button, Card, Grid, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type Health } from '../api';
import { ContractForm } from '../components/ContractForm';
import { PartnerTimeline } from '../components/PartnerTimeline';
import { ProfileCard } from '../components/ProfileCard';
import { QueryState } from '../components/QueryState';
import { TouchpointForm } from '../components/TouchpointForm';
import { HEALTH_COLOR, HEALTH_LABEL, formatDate, label, money, todayLocal } from '../format';
import { PageTitle } from '../components/PageTitle';

const WRITERS = new Set(['admin', 'manager']);

/** What a manager would do about each problem of the relationship. */
function nextSteps(h: Health): string[] {
  const steps: string[] = [];
  if (h.days_since_formal === null || h.reasons.some((r) => r.includes('formal touchpoint') && !r.includes('informal')))
    steps.push('Schedule a formal touchpoint: a scorecard review or a joint operating committee.');
  if (h.reasons.some((r) => r.includes('informal'))) steps.push('Check in informally: a call or a visit.');
  if (h.overdue_follow_ups > 0) steps.push('Close or re-date the overdue follow-ups below.');
  return steps;
}

/** How the relationship stands, and what a manager would do about each problem. */
function HealthAdvice({ health: h }: { health: Health }) {
  if (h.status === 'good') return <Text c="dimmed">On cadence with formal and informal touchpoints, and no follow-up is overdue.</Text>;
  return (
    <Alert color={HEALTH_COLOR[h.status]} title="What needs doing" role="region" aria-label="What needs doing">
      <Text size="sm">{h.reasons.join('; ')}.</Text>
      <List size="sm" mt={4}>
        {nextSteps(h).map((s) => (
          <List.Item key={s}>{s}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

export function PartnerPage() {
  const { partnerId = '' } = useParams();
  const client = useQueryClient();
  const [logging, setLogging] = useState(false);
  const [newContract, setNewContract] = useState(false);
  const me = useQuery({ queryKey: ['me'], queryFn: api.me, staleTime: Infinity });
  const canWrite = WRITERS.has(me.data?.user?.role ?? '');
  const profile = useQuery({ queryKey: ['profile', partnerId], queryFn: () => api.profile(partnerId) });
  const health = useQuery({ queryKey: ['health'], queryFn: () => api.health() });
  const contracts = useQuery({ queryKey: ['contracts', partnerId], queryFn: () => api.contracts(partnerId) });
  const touchpoints = useQuery({ queryKey: ['touchpoints', partnerId], queryFn: () => api.touchpoints(partnerId) });
  const followUps = useQuery({ queryKey: ['follow-ups', partnerId], queryFn: () => api.followUps(partnerId) });
  const done = useMutation({ mutationFn: (id: string) => api.completeFollowUp(id), onSuccess: () => client.invalidateQueries() });
  const h = health.data?.items.find((x) => x.partner_id === partnerId);
  const today = todayLocal();
  const open = (followUps.data?.items ?? []).filter((f) => !f.done_on);
  const contractName = new Map((contracts.data?.items ?? []).map((c) => [c.contract_id, c.name]));
  const staff = useQuery({ queryKey: ['staff'], queryFn: api.staff });
  const names = new Map((staff.data?.items ?? []).map((s) => [s.staff_id, s.name ?? s.staff_id]));
  const staffName = (id: string) => names.get(id) ?? id;
  return (
    <QueryState loading={profile.isLoading} error={profile.error}>
      {profile.data && (
        <Stack>
          <Anchor component={Link} to="/partners" size="sm">
            ← All partners
          </Anchor>
          <Group justify="space-between">
            <Group>
              <PageTitle>{profile.data.name}</PageTitle>
              <Badge variant="outline">{label(profile.data.kind)}</Badge>
              {h && (
                <Badge color={HEALTH_COLOR[h.status]} size="lg" aria-label={`Relationship health: ${HEALTH_LABEL[h.status]}`}>
                  {HEALTH_LABEL[h.status]}
                </Badge>
              )}
            </Group>
            <Group gap="xs">
              {me.data?.user?.role !== 'partner' && (
                <Button variant="default" component={Link} to={`/partners/${encodeURIComponent(partnerId)}/playbook`}>
                  Playbook
                </Button>
              )}
              {canWrite && (
                <Group gap="xs">
                  <Button variant="default" onClick={() => setNewContract(true)}>
                    New contract
                  </Button>
                  <Button onClick={() => setLogging(true)}>Log touchpoint</Button>
                </Group>
              )}
            </Group>
          </Group>
          {h && <HealthAdvice health={h} />}
          <Grid>
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <Stack>
                <Card withBorder>
                  <Title order={2} size="h3" mb="xs">
                    Contracts
                  </Title>
                  {(contracts.data?.items.length ?? 0) === 0 ? (
                    <Text c="dimmed" size="sm">
                      No contracts with this partner.
                    </Text>
                  ) : (
                    <Table.ScrollContainer minWidth={560}>
                      <Table aria-label="Contracts">
                        <Table.Tbody>
                          {contracts.data!.items.map((c) => (
                            <Table.Tr key={c.contract_id}>
                              <Table.Td>
                                <Anchor component={Link} to={`/contracts/${encodeURIComponent(c.contract_id)}`}>
                                  {c.name}
                                </Anchor>
                              </Table.Td>
                              <Table.Td>{label(c.arrangement)}</Table.Td>
                              <Table.Td>
                                {formatDate(c.starts_on)} – {c.ends_on ? formatDate(c.ends_on) : 'open-ended'}
                              </Table.Td>
                              <Table.Td>{c.line_of_business ? label(c.line_of_business) : 'All lines of business'}</Table.Td>
                              <Table.Td>{c.max_incentive !== null ? `up to ${money(c.max_incentive)}` : ''}</Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </Table.ScrollContainer>
                  )}
                </Card>
                <Card withBorder>
                  <Title order={2} size="h3" mb="xs">
                    Open follow-ups
                  </Title>
                  {open.length === 0 ? (
                    <Text c="dimmed" size="sm">
                      Nothing open.
                    </Text>
                  ) : (
                    <Table.ScrollContainer minWidth={560}>
                      <Table aria-label="Open follow-ups">
                        <Table.Tbody>
                          {open.map((f) => (
                            <Table.Tr key={f.follow_up_id}>
                              <Table.Td>{f.title}</Table.Td>
                              <Table.Td>
                                due {formatDate(f.due_on)}{' '}
                                {f.due_on < today && (
                                  <Badge color="red" variant="light">
                                    overdue
                                  </Badge>
                                )}
                              </Table.Td>
                              <Table.Td>{f.owner_staff_id ? staffName(f.owner_staff_id) : 'no owner'}</Table.Td>
                              <Table.Td>
                                {canWrite && (
                                  <Button
                                    size="xs"
                                    variant="light"
                                    loading={done.isPending && done.variables === f.follow_up_id}
                                    onClick={() => done.mutate(f.follow_up_id)}
                                  >
                                    Mark done
                                  </Button>
                                )}
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </Table.ScrollContainer>
                  )}
                </Card>
                <PartnerTimeline touchpoints={touchpoints.data?.items ?? []} contractName={contractName} staffName={staffName} />
              </Stack>
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <ProfileCard profile={profile.data} canEdit={canWrite} />
            </Grid.Col>
          </Grid>
          {newContract && <ContractForm partnerId={partnerId} onClose={() => setNewContract(false)} />}
          <TouchpointForm
            partnerId={partnerId}
            contracts={contracts.data?.items ?? []}
            opened={logging}
            onClose={() => setLogging(false)}
          />
        </Stack>
      )}
    </QueryState>
  );
}
