// Who is in the partnership and who is coming: members by pipeline stage with what each brings and
// cannot do alone, the roles (facilitator, project manager, sponsors), each organization's
// commitments, and the "agree to disagree" log.
import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { PartnershipWorkspace } from '../../api';
import { formatDate, label } from '../../format';
import { CommitmentForm } from './CommitmentForm';
import { CsvLink } from './CsvLink';
import { MemberForm } from './MemberForm';
import { DisagreementForm, RoleForm } from './PeopleForms';

const STAGE_COLOR = { committed: 'green', taking_stock: 'blue', approached: 'yellow', identified: 'gray' } as const;
const STAGES = ['committed', 'taking_stock', 'approached', 'identified'] as const;

export function PeopleTab({
  workspace: w,
  canWrite,
  partnerId,
}: {
  workspace: PartnershipWorkspace;
  canWrite: boolean;
  partnerId: string | null;
}) {
  const name = new Map(w.members.map((m) => [m.partner_id, m.name]));
  const members = [...w.members].sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage) || a.name.localeCompare(b.name));
  return (
    <Stack>
      <Title order={2} size="h3">
        Members and the pipeline
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table aria-label="Members" striped>
          <Table.Thead>
            <Table.Tr>
              {['Organization', 'Stage', 'Strengths', 'Contributes', 'Cannot do alone', 'Its own goals'].map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((m) => (
              <Table.Tr key={m.partner_id}>
                <Table.Td>
                  <Anchor component={Link} to={`/partners/${encodeURIComponent(m.partner_id)}`} title="Its take-stock profile">
                    {m.name}
                  </Anchor>
                </Table.Td>
                <Table.Td miw={130}>
                  <Badge color={STAGE_COLOR[m.stage]} variant="light">
                    {label(m.stage)}
                  </Badge>
                </Table.Td>
                <Table.Td>{m.strengths}</Table.Td>
                <Table.Td>{m.contributes}</Table.Td>
                <Table.Td>{m.cannot_do_alone}</Table.Td>
                <Table.Td>{m.goals}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {canWrite && <MemberForm workspace={w} />}
      <Title order={2} size="h3">
        Roles
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label="Roles">
          <Table.Tbody>
            {w.roles.map((r) => (
              <Table.Tr key={r.role_id}>
                <Table.Td fw={500}>{label(r.role)}</Table.Td>
                <Table.Td>
                  {r.person}
                  {r.partner_id ? `, ${name.get(r.partner_id) ?? r.partner_id}` : ''}
                </Table.Td>
                <Table.Td>{r.responsibilities}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {canWrite && <RoleForm workspace={w} />}
      <Group justify="space-between">
        <Title order={2} size="h3">
          Commitments
        </Title>
        <CsvLink partnershipId={w.partnership_id} table="commitments">
          Download CSV
        </CsvLink>
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label="Commitments" striped>
          <Table.Thead>
            <Table.Tr>
              {['Organization', 'Commitment', 'Resources', 'Cost', 'Borne by', 'Status', 'Due'].map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {w.commitments.map((c) => (
              <Table.Tr key={c.commitment_id}>
                <Table.Td>{name.get(c.partner_id) ?? c.partner_id}</Table.Td>
                <Table.Td>{c.what}</Table.Td>
                <Table.Td>{c.resources}</Table.Td>
                <Table.Td>{c.cost === null ? '—' : `$${c.cost.toLocaleString('en-US')}`}</Table.Td>
                <Table.Td>{c.borne_by ? (name.get(c.borne_by) ?? c.borne_by) : '—'}</Table.Td>
                <Table.Td>{label(c.status)}</Table.Td>
                <Table.Td>{formatDate(c.due_on)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {(canWrite || partnerId !== null) && <CommitmentForm workspace={w} partnerId={partnerId} />}
      <Title order={2} size="h3">
        Agree to disagree
      </Title>
      {w.disagreements.length === 0 && <Text c="dimmed">No disagreements recorded.</Text>}
      {canWrite && <DisagreementForm workspace={w} />}
      {w.disagreements.map((d) => (
        <Stack gap={2} key={d.disagreement_id}>
          <Text fw={500}>
            {d.topic} <Badge variant="light">{formatDate(d.recorded_on)}</Badge>
          </Text>
          <Text size="sm">{d.positions}</Text>
          <Text size="sm">
            <Text span c="dimmed">
              How we proceed:{' '}
            </Text>
            {d.how_we_proceed}
          </Text>
        </Stack>
      ))}
    </Stack>
  );
}
