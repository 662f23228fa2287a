// One member: coverage, programs, caseload, renewals and the timeline of what the plan did;
// log a new action, or correct or void one (each change is recorded with its reason).
import { Anchor, Badge, Button, Card, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api';
import { LogActionModal } from '../components/LogActionModal';
import { QueryState } from '../components/QueryState';

function ReasonModal({
  title,
  opened,
  onClose,
  onSubmit,
  withDate,
}: {
  title: string;
  opened: boolean;
  onClose: () => void;
  onSubmit: (reason: string, date?: string) => Promise<void>;
  withDate?: boolean;
}) {
  const [reason, setReason] = useState('');
  const [date, setDate] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await onSubmit(reason, date || undefined);
            onClose();
          } catch (err) {
            setError(
              err instanceof ApiError
                ? [err.message, ...(err.problem.errors ?? []).map((x) => x.reason)].join(' ')
                : 'The server could not be reached.',
            );
          }
        }}
      >
        <Stack>
          {error && (
            <Text c="red" role="alert">
              {error}
            </Text>
          )}
          {withDate && (
            <TextInput
              label="Correct date and time"
              type="datetime-local"
              value={date}
              onChange={(e) => setDate(e.currentTarget.value)}
              required
            />
          )}
          <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} required minLength={3} />
          <Group justify="flex-end">
            <Button type="submit">Save</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function MemberPage() {
  const { memberId = '' } = useParams();
  const client = useQueryClient();
  const member = useQuery({ queryKey: ['member', memberId], queryFn: () => api.member(memberId) });
  const [logging, setLogging] = useState(false);
  const [editing, setEditing] = useState<{ id: string; kind: 'correct' | 'void' } | null>(null);
  const refresh = () => void client.invalidateQueries();
  const m = member.data;
  return (
    <QueryState loading={member.isLoading} error={member.error}>
      {m && (
        <Stack>
          <Anchor component={Link} to="/members" size="sm">
            ← Members
          </Anchor>
          <Group justify="space-between">
            <Title order={2}>Member {m.member.member_id}</Title>
            <Button onClick={() => setLogging(true)}>Log action</Button>
          </Group>
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <Card withBorder>
              <Title order={5}>Member</Title>
              <Text size="sm">Risk tier: {m.member.risk_tier}</Text>
              <Text size="sm">
                Born: {m.member.birth_date ?? '—'} · Sex: {m.member.sex ?? '—'}
              </Text>
              <Text size="sm">
                Race: {m.member.race ?? '—'} · Ethnicity: {m.member.ethnicity ?? '—'}
              </Text>
              <Text size="sm">
                Language: {m.member.language ?? '—'} · County: {m.member.county ?? '—'}
              </Text>
              <Text size="sm">
                PCP: {m.member.pcp_id ?? '—'} ({m.member.pcp_assignment ?? 'unknown'})
              </Text>
            </Card>
            <Card withBorder>
              <Title order={5}>Enrollment</Title>
              {m.enrollments.map((e) => (
                <Text size="sm" key={e.enrolled_from}>
                  {e.line_of_business} / {e.product}: {e.enrolled_from} to {e.enrolled_to ?? 'now'}
                </Text>
              ))}
              <Title order={5} mt="sm">
                Renewals
              </Title>
              <Text size="sm">{m.renewals.map((r) => r.due_on).join(', ') || '—'}</Text>
            </Card>
            <Card withBorder>
              <Title order={5}>Care programs and caseload</Title>
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
          <Title order={3}>Timeline</Title>
          <QueryState loading={false} error={null} empty={m.timeline.length === 0} emptyText="Nothing recorded for this member yet.">
            <Table.ScrollContainer minWidth={560}>
              <Table striped aria-label="Timeline">
                <Table.Thead>
                  <Table.Tr>
                    {['When', 'What', 'Channel', 'Outcome', 'Staff', 'Minutes', ''].map((h) => (
                      <Table.Th key={h}>{h}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {m.timeline.map((t) => (
                    <Table.Tr
                      key={`${t.kind}-${t.id ?? t.occurred_at}`}
                      style={t.voided ? { textDecoration: 'line-through', opacity: 0.6 } : undefined}
                    >
                      <Table.Td>{new Date(t.occurred_at).toLocaleString()}</Table.Td>
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
                              Correct date
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
          {logging && <LogActionModal memberId={m.member.member_id} opened onClose={() => setLogging(false)} onLogged={refresh} />}
          {editing && (
            <ReasonModal
              title={editing.kind === 'void' ? 'Void this action' : 'Correct when this action happened'}
              withDate={editing.kind === 'correct'}
              opened
              onClose={() => setEditing(null)}
              onSubmit={async (reason, date) => {
                if (editing.kind === 'void') await api.voidAction(editing.id, reason);
                else await api.correctAction(editing.id, { changes: { occurred_at: new Date(date!).toISOString() }, reason });
                refresh();
              }}
            />
          )}
        </Stack>
      )}
    </QueryState>
  );
}
