// Member search: member id prefix plus segment filters (also reached from a metric's equity bars).
import { Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api';
import { Pager } from '../components/Pager';
import { QueryState } from '../components/QueryState';
import { LINES_OF_BUSINESS, PRODUCTS, RISK_TIERS } from '../../domain/ledger/vocabulary';
import { label } from '../format';
import { PageTitle } from '../components/PageTitle';
import { TableCsvButton } from '../components/TableCsvButton';
import { MemberLink } from '../components/TableBits';

const FILTERS = ['line_of_business', 'product', 'risk_tier', 'county', 'language', 'race', 'ethnicity', 'sex'] as const;
const CHOICES: Partial<Record<(typeof FILTERS)[number], readonly string[]>> = {
  line_of_business: LINES_OF_BUSINESS,
  product: PRODUCTS,
  risk_tier: RISK_TIERS,
};

export function MembersPage() {
  const [params, setParams] = useSearchParams();
  const [cursors, setCursors] = useState<string[]>([]);
  const [q, setQ] = useState(params.get('q') ?? '');
  const filters = Object.fromEntries([...params.entries()].filter(([k]) => k === 'q' || (FILTERS as readonly string[]).includes(k)));
  const cursor = cursors[cursors.length - 1];
  const members = useQuery({ queryKey: ['members', filters, cursor], queryFn: () => api.members({ ...filters, cursor, limit: '50' }) });
  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setCursors([]);
    setParams(next);
  };
  return (
    <Stack>
      <PageTitle>Members</PageTitle>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setFilter('q', q.trim() || null);
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Member ID" placeholder="Starts with…" value={q} onChange={(e) => setQ(e.currentTarget.value)} w={200} />
          <Button type="submit">Search</Button>
          {FILTERS.filter((f) => CHOICES[f] || params.get(f)).map((f) => (
            <Select
              key={f}
              label={label(f)}
              w={150}
              clearable
              data={CHOICES[f] ?? [params.get(f)!]}
              value={params.get(f)}
              onChange={(v) => setFilter(f, v)}
            />
          ))}
        </Group>
      </form>
      <QueryState loading={members.isLoading} error={members.error} empty={members.data?.items.length === 0} emptyText="No member matches.">
        <Table.ScrollContainer minWidth={560}>
          <Table striped highlightOnHover aria-label="Members">
            <Table.Thead>
              <Table.Tr>
                {['Member', 'Line of business', 'Product', 'Risk', 'Birth date', 'County', 'Language', 'Enrolled'].map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data?.items.map((m) => (
                <Table.Tr key={m.member_id}>
                  <Table.Td>
                    <MemberLink id={m.member_id} />
                  </Table.Td>
                  <Table.Td>{m.line_of_business ?? '—'}</Table.Td>
                  <Table.Td>{m.product ?? '—'}</Table.Td>
                  <Table.Td>{m.risk_tier}</Table.Td>
                  <Table.Td>{m.birth_date ?? '—'}</Table.Td>
                  <Table.Td>{m.county ?? '—'}</Table.Td>
                  <Table.Td>{m.language ?? '—'}</Table.Td>
                  <Table.Td>
                    {m.enrolled_from ?? '—'}
                    {m.enrolled_to ? ` to ${m.enrolled_to}` : ''}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <TableCsvButton table="Members" file="members.csv" />
      </QueryState>
      <Pager cursors={cursors} next={members.data?.next_cursor} onChange={setCursors}>
        <Text size="sm" c="dimmed">
          50 per page
        </Text>
      </Pager>
    </Stack>
  );
}
