// Download and print for a page of numbers (issue 15): the scorecard rows behind it as CSV (the
// API's export, SPEC §5 columns) and the browser's print with the print layout of app.css.
import { Anchor, Button, Group } from '@mantine/core';
import { query } from '../api';

export function PageActions({ period, by }: { period: string; by?: string }): React.JSX.Element {
  return (
    <Group gap="sm" className="no-print">
      <Anchor href={`/api/scorecard/export${query({ period, by })}`} download size="sm">
        Download CSV
      </Anchor>
      <Button variant="subtle" size="compact-sm" onClick={() => window.print()}>
        Print
      </Button>
    </Group>
  );
}
