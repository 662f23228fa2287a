// The year-to-date pace of a metric whose benchmark is per year (pacing.ts), under its value.
import { Badge, Group, Text } from '@mantine/core';
import type { Pace } from '../pacing';

export function PaceLine({ pace, testId }: { pace: Pace; testId?: string }): React.JSX.Element {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" data-testid={testId}>
      {pace.verdict && (
        <Badge size="sm" variant="light" color={pace.verdict.tone === 'good' ? 'green' : 'red'} style={{ flexShrink: 0 }}>
          {pace.verdict.label}
        </Badge>
      )}
      <Text size="xs" c="dimmed">
        {pace.text}
      </Text>
    </Group>
  );
}
