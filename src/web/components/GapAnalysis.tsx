// The gap analysis of a playbook (seed 003): what we assumed they need, what they said they want,
// what we offer today and the gap — and the improvements run as plan-do-study-act cycles.
import { Badge, Button, Card, Group, Select, Table, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import type { PlaybookDoc } from '../api';
import { PDSA_STATUSES } from '../../domain/partners/playbook.schema';
import { formatDate, label, todayLocal } from '../format';

export function GapAnalysis({ doc, canWrite, onSave }: { doc: PlaybookDoc; canWrite: boolean; onSave: (doc: PlaybookDoc) => void }) {
  const [gap, setGap] = useState({ assumed_need: '', stated_want: '', current_offer: '', gap: '' });
  const [item, setItem] = useState({ title: '', gap_id: '', starts_on: '', due_on: '' });
  const addItem = () => {
    const improvement = {
      item_id: `I${doc.improvements.length + 1}-${Date.now() % 10000}`,
      gap_id: item.gap_id || null,
      title: item.title.trim(),
      owner_staff_id: null,
      starts_on: item.starts_on || null,
      due_on: item.due_on || null,
      status: 'plan' as const,
      learned: '',
    };
    onSave({ ...doc, improvements: [...doc.improvements, improvement] });
    setItem({ title: '', gap_id: '', starts_on: '', due_on: '' });
  };
  const shown = doc;
  const today = todayLocal();
  const setStatus = (itemId: string, status: string) =>
    onSave({ ...doc, improvements: doc.improvements.map((i) => (i.item_id === itemId ? { ...i, status: status as 'plan' } : i)) });
  const addGap = () => {
    onSave({ ...doc, gaps: [...doc.gaps, { gap_id: `G${doc.gaps.length + 1}-${Date.now() % 10000}`, ...gap }] });
    setGap({ assumed_need: '', stated_want: '', current_offer: '', gap: '' });
  };
  return (
    <>
      <Card withBorder>
        <Title order={2} size="h3" mb="xs">
          Gap analysis
        </Title>
        <Table.ScrollContainer minWidth={720}>
          <Table aria-label="Gap analysis">
            <Table.Thead>
              <Table.Tr>
                {['We assumed they need', 'They said they want', 'We offer today', 'Gap'].map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.gaps.map((g) => (
                <Table.Tr key={g.gap_id}>
                  <Table.Td>{g.assumed_need}</Table.Td>
                  <Table.Td>{g.stated_want}</Table.Td>
                  <Table.Td>{g.current_offer}</Table.Td>
                  <Table.Td fw={600}>{g.gap}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {canWrite && (
          <Group align="flex-end" mt="xs">
            {(['assumed_need', 'stated_want', 'current_offer', 'gap'] as const).map((f) => (
              <TextInput
                key={f}
                size="xs"
                label={label(f)}
                value={gap[f]}
                onChange={(e) => setGap({ ...gap, [f]: e.currentTarget.value })}
              />
            ))}
            <Button size="xs" disabled={!gap.gap} onClick={addGap}>
              Add gap
            </Button>
          </Group>
        )}
      </Card>
      <Card withBorder>
        <Title order={2} size="h3" mb="xs">
          Improvements (plan–do–study–act)
        </Title>
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label="Improvement cycles">
            <Table.Tbody>
              {shown.improvements.map((i) => (
                <Table.Tr key={i.item_id}>
                  <Table.Td>{i.title}</Table.Td>
                  <Table.Td>{i.gap_id ? shown.gaps.find((g) => g.gap_id === i.gap_id)?.gap : ''}</Table.Td>
                  <Table.Td>
                    {formatDate(i.starts_on)} – {formatDate(i.due_on)}{' '}
                    {i.status !== 'done' && i.due_on && i.due_on < today && (
                      <Badge color="red" variant="light">
                        past due
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {canWrite ? (
                      <Select
                        size="xs"
                        w={100}
                        aria-label={`Status of ${i.title}`}
                        data={[...PDSA_STATUSES]}
                        value={i.status}
                        onChange={(v) => v && setStatus(i.item_id, v)}
                      />
                    ) : (
                      <Badge variant="light">{i.status}</Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{i.learned}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {canWrite && (
          <Group align="flex-end" mt="xs">
            <TextInput
              size="xs"
              label="New improvement"
              value={item.title}
              onChange={(e) => setItem({ ...item, title: e.currentTarget.value })}
            />
            <Select
              size="xs"
              label="For gap"
              clearable
              data={doc.gaps.map((g) => ({ value: g.gap_id, label: g.gap.slice(0, 40) }))}
              value={item.gap_id || null}
              onChange={(v) => setItem({ ...item, gap_id: v ?? '' })}
            />
            <TextInput
              size="xs"
              type="date"
              label="Starts"
              value={item.starts_on}
              onChange={(e) => setItem({ ...item, starts_on: e.currentTarget.value })}
            />
            <TextInput
              size="xs"
              type="date"
              label="Due"
              value={item.due_on}
              onChange={(e) => setItem({ ...item, due_on: e.currentTarget.value })}
            />
            <Button size="xs" disabled={!item.title.trim()} onClick={addItem}>
              Add improvement
            </Button>
          </Group>
        )}
      </Card>
    </>
  );
}
