// The partner directory, worst relationship first: each row says how the relationship stands and
// why, so the manager knows whom to call. Contracts coming up for renewal sit above it.
import { Alert, Anchor, Badge, Group, List, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, type Health } from '../api';
import { QueryState } from '../components/QueryState';
import { HEALTH_COLOR, HEALTH_LABEL, daysAgo, formatDate, label } from '../format';
import { PageTitle } from '../components/PageTitle';

const RANK = { poor: 0, at_risk: 1, good: 2 } as const;
const byNeed = (a: Health, b: Health) =>
  RANK[a.status] - RANK[b.status] ||
  (b.days_since_formal ?? 1e9) - (a.days_since_formal ?? 1e9) ||
  a.partner_id.localeCompare(b.partner_id);

export function PartnersPage() {
  const [kind, setKind] = useState('all');
  const partners = useQuery({ queryKey: ['partners'], queryFn: api.partners });
  const health = useQuery({ queryKey: ['health'], queryFn: () => api.health() });
  const contracts = useQuery({ queryKey: ['contracts'], queryFn: () => api.contracts() });
  const renewals = useQuery({ queryKey: ['renewals'], queryFn: api.renewals });
  const info = new Map((partners.data?.items ?? []).map((p) => [p.partner_id, p]));
  const contractCount = (id: string) => (contracts.data?.items ?? []).filter((c) => c.partner_id === id).length;
  const rows = [...(health.data?.items ?? [])].sort(byNeed).filter((h) => kind === 'all' || info.get(h.partner_id)?.kind === kind);
  const needing = rows.filter((h) => h.status !== 'good').length;
  return (
    <Stack>
      <PageTitle>Partners</PageTitle>
      <Text c="dimmed" size="sm">
        Worst relationship first. A relationship is at risk when a formal or informal touchpoint is overdue for its cadence, or a follow-up
        is past due; poor when two of those hold.
      </Text>
      {(renewals.data?.items.length ?? 0) > 0 && (
        <Alert color="yellow" title="Contracts coming up for renewal" role="region" aria-label="Contracts coming up for renewal">
          <List size="sm">
            {renewals.data!.items.map((c) => (
              <List.Item key={c.contract_id}>
                <Anchor component={Link} to={`/contracts/${encodeURIComponent(c.contract_id)}`}>
                  {c.name}
                </Anchor>{' '}
                with {c.partner_name} ends {formatDate(c.ends_on)} — {c.days_left} days left. Schedule the negotiation.
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Group justify="space-between">
        <Text fw={500}>
          {needing > 0 ? `${needing} relationship${needing === 1 ? ' needs' : 's need'} attention` : 'Every relationship is on cadence.'}
        </Text>
        <SegmentedControl
          size="xs"
          value={kind}
          onChange={setKind}
          data={['all', 'provider', 'community', 'public_health', 'payer', 'other'].map((k) => ({
            value: k,
            label: k === 'all' ? 'All' : label(k),
          }))}
        />
      </Group>
      <QueryState
        loading={health.isLoading || partners.isLoading}
        error={health.error ?? partners.error}
        empty={rows.length === 0}
        emptyText="No partners yet: import partners.csv."
      >
        <Table.ScrollContainer minWidth={720}>
          <Table striped aria-label="Partners by relationship health">
            <Table.Thead>
              <Table.Tr>
                {['Partner', 'Kind', 'Health', 'Why', 'Formal', 'Informal', 'Contracts'].map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((h) => (
                <Table.Tr key={h.partner_id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/partners/${encodeURIComponent(h.partner_id)}`}>
                      {info.get(h.partner_id)?.name ?? h.partner_id}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{label(info.get(h.partner_id)?.kind ?? '')}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Badge color={HEALTH_COLOR[h.status]} variant="light" styles={{ label: { overflow: 'visible' } }}>
                      {HEALTH_LABEL[h.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{h.reasons.length ? h.reasons.join('; ') : 'On cadence, nothing overdue'}</Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{daysAgo(h.days_since_formal)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{daysAgo(h.days_since_informal)}</Table.Td>
                  <Table.Td>{contractCount(h.partner_id) || '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
    </Stack>
  );
}
