// One member: coverage, programs, caseload, renewals and the timeline of what the plan did;
// log a new action, or correct or void one (each change is recorded with its reason).
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type Member } from '../api';
import { Confirmation, loggedDone, type Done } from '../components/Confirmation';
import { CorrectionModal, type Edit } from '../components/CorrectionModal';
import { LogActionModal } from '../components/LogActionModal';
import { QueryState } from '../components/QueryState';
import { formatDateTime } from '../format';
import { PageTitle } from '../components/PageTitle';
import { ActionColumnHeader } from '../components/TableBits';

/** A heading inside one of the record's cards: second level under the page's h1, at card size. */
const CardTitle = ({ children, mt }: { children: string; mt?: boolean }) => (
  <Title order={2} size="h5" mt={mt ? 'sm' : undefined}>
    {children}
  </Title>
);

/** How to reach the member, where members.csv gave it. */
const Contact = ({ phone, email }: { phone: string | null; email: string | null }) => (
  <Text size="sm" data-testid="member-contact">
    Phone: {phone ? <Anchor href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</Anchor> : '—'} · Email: {email ?? '—'}
  </Text>
);

/** Who the member is and how to reach them. */
function MemberCard({ member }: { member: Member['member'] }) {
  return (
    <Card withBorder>
      <CardTitle>Member</CardTitle>
      <Text size="sm">Risk tier: {member.risk_tier}</Text>
      <Contact phone={member.phone} email={member.email} />
      <Text size="sm">
        Born: {member.birth_date ?? '—'} · Sex: {member.sex ?? '—'}
      </Text>
      <Text size="sm">
        Race: {member.race ?? '—'} · Ethnicity: {member.ethnicity ?? '—'}
      </Text>
      <Text size="sm">
        Language: {member.language ?? '—'} · County: {member.county ?? '—'}
      </Text>
      <Text size="sm">
        PCP: {member.pcp_id ?? '—'} ({member.pcp_assignment ?? 'unknown'})
      </Text>
    </Card>
  );
}

export function MemberPage() {
  const { memberId = '' } = useParams();
  const client = useQueryClient();
  const member = useQuery({ queryKey: ['member', memberId], queryFn: () => api.member(memberId) });
  const [logging, setLogging] = useState(false);
  const [editing, setEditing] = useState<Edit | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const refresh = () => void client.invalidateQueries();
  const m = member.data;
  return (
    <QueryState
      loading={member.isLoading}
      error={member.error}
      notFound={
        <>
          No member {memberId} in the plan.{' '}
          <Anchor component={Link} to="/members">
            Search the members
          </Anchor>
          .
        </>
      }
    >
      {m && (
        <Stack>
          <Anchor component={Link} to="/members" size="sm">
            ← Members
          </Anchor>
          <Group justify="space-between">
            <PageTitle>{`Member ${m.member.member_id}`}</PageTitle>
            <Button onClick={() => setLogging(true)}>Log action</Button>
          </Group>
          {done && <Confirmation key={done.message} done={done} onDismiss={() => setDone(null)} onUndone={refresh} />}
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <MemberCard member={m.member} />
            <Card withBorder>
              <CardTitle>Enrollment</CardTitle>
              {m.enrollments.map((e) => (
                <Text size="sm" key={e.enrolled_from}>
                  {e.line_of_business} / {e.product}: {e.enrolled_from} to {e.enrolled_to ?? 'now'}
                </Text>
              ))}
              <CardTitle mt>Renewals</CardTitle>
              <Text size="sm">{m.renewals.map((r) => r.due_on).join(', ') || '—'}</Text>
            </Card>
            <Card withBorder>
              <CardTitle>Care programs and caseload</CardTitle>
              {m.care_programs.map((p) => (
                <Text size="sm" key={p.program + p.enrolled_on}>
                  {p.program}: {p.enrolled_on} to {p.disenrolled_on ?? 'now'}
                </Text>
              ))}
              {m.caseload.map((c) => (
                <Text size="sm" key={c.staff_id + c.assigned_on}>
                  {c.staff_name ?? c.staff_id} ({c.staff_role}): {c.assigned_on} to {c.unassigned_on ?? 'now'}
                </Text>
              ))}
              {m.care_programs.length + m.caseload.length === 0 && <Text size="sm">—</Text>}
            </Card>
          </SimpleGrid>
          <Title order={2} size="h3">
            Timeline
          </Title>
          <QueryState loading={false} error={null} empty={m.timeline.length === 0} emptyText="Nothing recorded for this member yet.">
            <Table.ScrollContainer minWidth={560}>
              <Table striped aria-label="Timeline">
                <Table.Thead>
                  <Table.Tr>
                    {['When', 'What', 'Channel', 'Outcome', 'Staff', 'Minutes'].map((h) => (
                      <Table.Th key={h}>{h}</Table.Th>
                    ))}
                    <ActionColumnHeader />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {m.timeline.map((t) => (
                    <Table.Tr
                      key={`${t.kind}-${t.id ?? t.occurred_at}`}
                      style={t.voided ? { textDecoration: 'line-through', opacity: 0.6 } : undefined}
                    >
                      <Table.Td>{formatDateTime(t.occurred_at)}</Table.Td>
                      <Table.Td>
                        {t.type.replace(/_/g, ' ')}{' '}
                        {t.kind === 'activity' && (
                          <Badge size="xs" variant="outline">
                            member
                          </Badge>
                        )}{' '}
                        {t.personalized && <Badge size="xs">personalized</Badge>}{' '}
                        {t.voided && (
                          <Badge size="xs" color="gray">
                            voided
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td>{t.channel ?? ''}</Table.Td>
                      <Table.Td>{t.outcome ?? ''}</Table.Td>
                      <Table.Td>{t.staff_name ?? t.staff_id ?? ''}</Table.Td>
                      <Table.Td>{t.minutes ?? ''}</Table.Td>
                      <Table.Td>
                        {t.kind === 'action' && !t.voided && t.id && (
                          <Group gap={4} wrap="nowrap">
                            <Button size="compact-xs" variant="subtle" onClick={() => setEditing({ id: t.id!, kind: 'correct' })}>
                              Correct
                            </Button>
                            <Button size="compact-xs" variant="subtle" color="red" onClick={() => setEditing({ id: t.id!, kind: 'void' })}>
                              Void
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </QueryState>
          {logging && (
            <LogActionModal
              memberId={m.member.member_id}
              opened
              onClose={() => setLogging(false)}
              onLogged={(a) => {
                setDone(loggedDone(a));
                refresh();
              }}
            />
          )}
          {editing && (
            <CorrectionModal
              edit={editing}
              onClose={() => setEditing(null)}
              onDone={(message) => {
                setDone({ message });
                refresh();
              }}
            />
          )}
        </Stack>
      )}
    </QueryState>
  );
}
