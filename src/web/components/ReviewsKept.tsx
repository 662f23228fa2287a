// The contract scorecards kept at scorecard reviews: what was on the table that day, even after
// later results changed the numbers.
import { Accordion, Card, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import { formatDate } from '../format';

interface KeptRow {
  measure_id: string | null;
  value?: number | null;
  achievement?: number | null;
  score?: number | null;
}

const pct = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : `${Math.round(v * 100)}%`);

export function ReviewsKept({ contractId }: { contractId: string }) {
  const reviews = useQuery({ queryKey: ['contract-reviews', contractId], queryFn: () => api.contractReviews(contractId) });
  const items = reviews.data?.items ?? [];
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="xs">
        Scorecard reviews kept
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          None yet: log a scorecard-review touchpoint for this contract and its scorecard is kept as it stands that day.
        </Text>
      ) : (
        <Accordion variant="separated" aria-label="Scorecard reviews kept">
          {items.map((r) => {
            const rows = r.rows as KeptRow[];
            const summary = rows.find((x) => x.measure_id === null);
            return (
              <Accordion.Item key={r.touchpoint_id} value={r.touchpoint_id}>
                <Accordion.Control>
                  Reviewed {formatDate(r.taken_at.slice(0, 10))} · scorecard of {r.period} · score {pct(summary?.score)}
                </Accordion.Control>
                <Accordion.Panel>
                  <Table.ScrollContainer minWidth={560}>
                    <Table aria-label={`Scorecard of ${r.period} as reviewed`}>
                      <Table.Tbody>
                        {rows
                          .filter((x) => x.measure_id !== null)
                          .map((x) => (
                            <Table.Tr key={x.measure_id}>
                              <Table.Td>{x.measure_id}</Table.Td>
                              <Table.Td>{x.value === null || x.value === undefined ? '—' : +x.value.toFixed(3)}</Table.Td>
                              <Table.Td>{pct(x.achievement)} achieved</Table.Td>
                            </Table.Tr>
                          ))}
                      </Table.Tbody>
                    </Table>
                  </Table.ScrollContainer>
                </Accordion.Panel>
              </Accordion.Item>
            );
          })}
        </Accordion>
      )}
    </Card>
  );
}
