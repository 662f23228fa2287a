// The charter: purpose, impact, vision and values; SMART goals with where each stands; the scope,
// and which decisions changed it (scope changes only by decision, so creep is on the record).
import { Badge, Button, Card, List, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { PartnershipWorkspace } from '../../api';
import { formatDate } from '../../format';
import { CharterForm } from './CharterForm';
import { measureText } from './measure-format';

export function CharterTab({ workspace: w, canWrite }: { workspace: PartnershipWorkspace; canWrite: boolean }) {
  const [editing, setEditing] = useState(false);
  if (editing) return <CharterForm workspace={w} onDone={() => setEditing(false)} />;
  const measures = new Map(w.measures.map((m) => [m.measure_id, m]));
  const scopeDecisions = w.decisions.filter((d) => d.scope_change);
  return (
    <Stack>
      {canWrite && (
        <Button variant="light" w="fit-content" onClick={() => setEditing(true)}>
          Edit the charter
        </Button>
      )}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {(['purpose', 'impact', 'vision'] as const).map((f) => (
          <Card withBorder key={f}>
            <Text size="xs" c="dimmed" tt="uppercase">
              {f === 'impact' ? 'Community impact' : f}
            </Text>
            <Text>{w.charter[f] || '—'}</Text>
          </Card>
        ))}
      </SimpleGrid>
      <Text size="sm">
        <Text span c="dimmed">
          Values:{' '}
        </Text>
        {w.charter.values.join(' · ') || '—'}
      </Text>
      <Title order={2} size="h3">
        Goals
      </Title>
      <Table.ScrollContainer minWidth={720}>
        <Table aria-label="Goals" striped>
          <Table.Thead>
            <Table.Tr>
              {['Goal', 'Measure', 'Baseline', 'Latest', 'Target', 'By', 'Progress'].map((h) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {w.charter.goals.map((g) => {
              const m = g.measure_id ? measures.get(g.measure_id) : undefined;
              const fmt = m ? measureText(m) : (v: number | null) => (v === null ? '—' : String(v));
              return (
                <Table.Tr key={g.goal_id}>
                  <Table.Td>{g.statement}</Table.Td>
                  <Table.Td>{m?.name ?? g.measure_id}</Table.Td>
                  <Table.Td>{fmt(g.baseline)}</Table.Td>
                  <Table.Td>{m?.latest ? `${fmt(m.latest.value)} (${m.latest.period})` : '—'}</Table.Td>
                  <Table.Td>{fmt(g.target)}</Table.Td>
                  <Table.Td>{formatDate(g.by)}</Table.Td>
                  <Table.Td miw={120}>
                    {m?.progress != null ? (
                      <Progress value={m.progress * 100} aria-label={`${Math.round(m.progress * 100)}% of the way`} />
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={3} size="h4">
            In scope
          </Title>
          <List size="sm">
            {w.charter.scope_in.map((s) => (
              <List.Item key={s}>{s}</List.Item>
            ))}
          </List>
        </Card>
        <Card withBorder>
          <Title order={3} size="h4">
            Out of scope
          </Title>
          <List size="sm">
            {w.charter.scope_out.map((s) => (
              <List.Item key={s}>{s}</List.Item>
            ))}
          </List>
        </Card>
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        Scope changes only through a recorded decision.{' '}
        {scopeDecisions.length === 0
          ? 'It has not changed since the charter.'
          : `Changed ${scopeDecisions.length} time${scopeDecisions.length === 1 ? '' : 's'}:`}
      </Text>
      {scopeDecisions.map((d) => (
        <Text size="sm" key={d.decision_id}>
          <Badge variant="light" mr="xs">
            {formatDate(d.decided_on)}
          </Badge>
          {d.summary}
        </Text>
      ))}
    </Stack>
  );
}
