// Cross-sector partnerships: each one with what needs doing now (milestones missed, results not
// in, decision follow-ups open), and below, the overdue items across all of them, oldest first —
// the list a project manager works through.
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api';
import { QueryState } from '../components/QueryState';
import { formatDate, label } from '../format';
import { PageTitle } from '../components/PageTitle';

export function PartnershipsPage() {
  const list = useQuery({ queryKey: ['partnerships'], queryFn: api.partnerships });
  const work = useQuery({ queryKey: ['partnership-work'], queryFn: api.partnershipWork });
  const items = list.data?.items ?? [];
  return (
    <Stack>
      <PageTitle>Partnerships</PageTitle>
      <Text c="dimmed" size="sm">
        Coalitions with public health, providers and community organizations around a shared population. Open one for its charter, plan,
        decisions and measures, and to download a results packet for a member organization’s leaders.
      </Text>
      <QueryState loading={list.isLoading} error={list.error} empty={items.length === 0} emptyText="No partnerships yet.">
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {items.map((p) => {
            const overdue = p.overdue_milestones + p.overdue_results;
            return (
              <Card withBorder key={p.partnership_id} role="article" aria-label={p.name}>
                <Group justify="space-between" align="flex-start">
                  <Anchor component={Link} to={`/partnerships/${encodeURIComponent(p.partnership_id)}`} fw={600} size="lg">
                    {p.name}
                  </Anchor>
                  <Badge color={overdue > 0 ? 'red' : 'green'}>{overdue > 0 ? `${overdue} overdue` : 'on track'}</Badge>
                </Group>
                <Text size="sm" c="dimmed">
                  Since {formatDate(p.starts_on)} · {p.members} member organizations
                </Text>
                <Text size="sm" mt="xs">
                  {p.overdue_milestones} milestone{p.overdue_milestones === 1 ? '' : 's'} missed · {p.overdue_results} result
                  {p.overdue_results === 1 ? '' : 's'} not in · {p.open_follow_ups} follow-up{p.open_follow_ups === 1 ? '' : 's'} open
                </Text>
              </Card>
            );
          })}
        </SimpleGrid>
      </QueryState>
      <Title order={2} size="h3">
        Overdue across partnerships
      </Title>
      <QueryState loading={work.isLoading} error={work.error} empty={(work.data?.items.length ?? 0) === 0} emptyText="Nothing is overdue.">
        <Table.ScrollContainer minWidth={640}>
          <Table aria-label="Overdue across partnerships" striped>
            <Table.Thead>
              <Table.Tr>
                {['Due', 'What', 'Kind', 'Who', 'Partnership'].map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(work.data?.items ?? []).map((w, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{formatDate(w.due_on)}</Table.Td>
                  <Table.Td>{w.what}</Table.Td>
                  <Table.Td>{label(w.kind)}</Table.Td>
                  <Table.Td>{w.owner ?? 'the partnership'}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/partnerships/${encodeURIComponent(w.partnership_id)}`}>
                      {w.partnership}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
    </Stack>
  );
}
