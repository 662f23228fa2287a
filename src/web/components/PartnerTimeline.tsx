// A partner's touchpoints, newest first: formal ones in blue, what was said, the next step, and
// whether a scorecard review kept the contract scorecard as reviewed.
import { Button, Card, Text, Timeline, Title } from '@mantine/core';
import { useState } from 'react';
import type { TouchpointRow } from '../api';
import { formatDate, label } from '../format';

export function PartnerTimeline({
  touchpoints,
  contractName,
  staffName,
}: {
  touchpoints: TouchpointRow[];
  contractName: Map<string, string>;
  staffName: (id: string) => string;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? touchpoints : touchpoints.slice(0, 8);
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="xs">
        Timeline
      </Title>
      {touchpoints.length === 0 ? (
        <Text c="dimmed" size="sm">
          No touchpoints yet.
        </Text>
      ) : (
        <Timeline bulletSize={14} lineWidth={2} aria-label="Touchpoints, newest first">
          {shown.map((t) => (
            <Timeline.Item
              key={t.touchpoint_id}
              color={t.kind === 'formal' ? 'blue' : 'gray'}
              title={`${formatDate(t.occurred_on)} · ${label(t.type)} (${t.kind})`}
            >
              {t.contract_id && <Text size="xs">Contract: {contractName.get(t.contract_id) ?? t.contract_id}</Text>}
              {t.staff_ids.length > 0 && <Text size="xs">With: {t.staff_ids.map(staffName).join(', ')}</Text>}
              {t.summary && <Text size="sm">{t.summary}</Text>}
              {t.next_step && (
                <Text size="sm" c="dimmed">
                  Next: {t.next_step}
                </Text>
              )}
              {t.reviewed_period && (
                <Text size="xs" c="dimmed">
                  Scorecard of {t.reviewed_period} kept as reviewed
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {touchpoints.length > shown.length && (
        <Button variant="subtle" size="xs" mt="xs" onClick={() => setAll(true)}>
          Show all {touchpoints.length} touchpoints
        </Button>
      )}
    </Card>
  );
}
