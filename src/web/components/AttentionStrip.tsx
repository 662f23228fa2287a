// "What needs attention" at the top of the scorecard: the worklists holding people today, gaps
// first (a metric on the wrong side of its benchmark), then the longest lists, each with the
// number behind it and a link to the list that closes it.
import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { Metric, Row } from '../api';
import { verdictOf } from '../../domain/metrics/verdict';
import { directionOf, formatValue } from '../format';
import { useWorklistTotals } from '../worklist-totals';

const SHOWN = 4;

export function AttentionStrip({ rows, metrics }: { rows: readonly Row[]; metrics: readonly Metric[] }): React.JSX.Element | null {
  const totals = useWorklistTotals();
  // A list not counted yet is unknown, not empty: say nothing rather than "no one is waiting"
  // (the counts arrive late while the server is busy, e.g. building the rollups after a start).
  if (totals.length === 0 || totals.some((t) => t.total === null)) return null;
  const items = totals
    .filter((t) => (t.total ?? 0) > 0)
    .map((t) => {
      const metric = metrics.find((m) => m.id === t.worklist.metric);
      const row = rows.find((r) => r.metric === t.worklist.metric && (r.tier === null || r.tier === 'high'));
      const direction = metric && row ? directionOf(metric, row.tier) : null;
      const verdict = row?.status && direction ? verdictOf(row.status, direction) : null;
      return { ...t, metric, row, gap: verdict?.tone === 'gap', verdict };
    })
    .sort((a, b) => Number(b.gap) - Number(a.gap) || (b.total ?? 0) - (a.total ?? 0))
    .slice(0, SHOWN);
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="attention-title">
      <Title order={2} size="h5" id="attention-title">
        What needs attention
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          No one is waiting on a worklist today.
        </Text>
      ) : (
        <Stack gap={6} mt={4}>
          {items.map(({ worklist, total, metric, row, gap, verdict }) => (
            <Group key={worklist.id} justify="space-between" wrap="wrap" gap="xs" data-testid={`attention-${worklist.id}`}>
              <Text size="sm">
                <Text span fw={700} c={gap ? 'red' : undefined}>
                  {(total ?? 0).toLocaleString('en-US')}
                </Text>{' '}
                {worklist.title}
                {metric && row && row.value !== null && (
                  <Text span c="dimmed">
                    {' '}
                    ({metric.title}: {formatValue(row, metric.format)}
                    {gap && verdict ? `, ${verdict.label.toLowerCase()}` : ''})
                  </Text>
                )}
              </Text>
              <Anchor component={Link} to={`/worklists?list=${worklist.id}`} size="sm">
                Open the worklist →
              </Anchor>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
