// The caseload table: who needs rebalancing first (over the cap or the range, then under the
// range), filterable by name or role and sortable by any column, so a manager with 99 staff reads
// the few exceptions instead of scrolling every row.
import { SegmentedControl, Group, Table, TextInput, UnstyledButton, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import type { api } from '../api';
import { CASELOAD_DIRECTION } from '../../domain/ledger/rules';
import { verdictOf, type Direction } from '../../domain/metrics/verdict';
import { StatusBadge } from './StatusBadge';
import { TableCsvButton } from './TableCsvButton';

type Item = Awaited<ReturnType<typeof api.caseloads>>['items'][number];
type SortKey = 'attention' | 'name' | 'role' | 'high_risk' | 'low_risk';

const RANK = { gap: 0, watch: 1, good: 2 } as const;
/** How urgent a row is: its worse tier's verdict (no caseload in a tier is fine). */
function urgency(i: Item): number {
  const of = (status: Item['high_status'], d: Direction): number => (status ? RANK[verdictOf(status, d).tone] : RANK.good);
  return Math.min(of(i.high_status, CASELOAD_DIRECTION.high), of(i.low_status, CASELOAD_DIRECTION.low));
}

const COMPARE: Record<SortKey, (a: Item, b: Item) => number> = {
  attention: (a, b) => urgency(a) - urgency(b) || b.high_risk - a.high_risk || b.low_risk - a.low_risk,
  name: (a, b) => (a.name ?? a.staff_id).localeCompare(b.name ?? b.staff_id),
  role: (a, b) => a.role.localeCompare(b.role),
  high_risk: (a, b) => a.high_risk - b.high_risk,
  low_risk: (a, b) => a.low_risk - b.low_risk,
};

const COLUMNS: { key: SortKey; label: string }[] = [
  { key: 'name', label: 'Staff' },
  { key: 'role', label: 'Role' },
  { key: 'high_risk', label: 'High-risk members' },
  { key: 'low_risk', label: 'Low-risk members' },
];

export function CaseloadTable({ items }: { items: readonly Item[] }): React.JSX.Element {
  const [show, setShow] = useState<'attention' | 'all'>('attention');
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: 'attention', desc: false });
  const needing = useMemo(() => items.filter((i) => urgency(i) < RANK.good), [items]);
  const rows = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const shown = (show === 'attention' ? needing : items).filter(
      (i) => !needle || `${i.name ?? ''} ${i.staff_id} ${i.role}`.toLowerCase().includes(needle),
    );
    const sorted = [...shown].sort(COMPARE[sort.key]);
    return sort.desc ? sorted.reverse() : sorted;
  }, [items, needing, show, filter, sort]);
  const toggle = (key: SortKey): void => setSort((s) => ({ key, desc: s.key === key ? !s.desc : key.endsWith('risk') }));
  return (
    <>
      <Group wrap="wrap">
        <SegmentedControl
          aria-label="Staff shown"
          value={show}
          onChange={(v) => setShow(v as 'attention' | 'all')}
          data={[
            { value: 'attention', label: `Needs attention (${needing.length})` },
            { value: 'all', label: `All staff (${items.length})` },
          ]}
        />
        <TextInput
          aria-label="Filter by name or role"
          placeholder="Filter by name or role"
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
        />
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed">{show === 'attention' && !filter ? 'Every caseload is within the benchmark.' : 'No staff match the filter.'}</Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={480}>
            <Table striped aria-label="Caseloads">
              <Table.Thead>
                <Table.Tr>
                  {COLUMNS.map((c) => (
                    <Table.Th key={c.key} aria-sort={sort.key === c.key ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                      <UnstyledButton onClick={() => toggle(c.key)} fw={600} fz="sm">
                        {c.label} {sort.key === c.key ? (sort.desc ? '▼' : '▲') : ''}
                      </UnstyledButton>
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((i) => (
                  <Table.Tr key={i.staff_id}>
                    <Table.Td>{i.name ?? i.staff_id}</Table.Td>
                    <Table.Td>{i.role.replace(/_/g, ' ')}</Table.Td>
                    <Table.Td>
                      {i.high_risk} {i.high_status && <StatusBadge status={i.high_status} direction={CASELOAD_DIRECTION.high} />}
                    </Table.Td>
                    <Table.Td>
                      {i.low_risk} {i.low_status && <StatusBadge status={i.low_status} direction={CASELOAD_DIRECTION.low} />}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <TableCsvButton table="Caseloads" file="caseloads.csv" />
        </>
      )}
    </>
  );
}
