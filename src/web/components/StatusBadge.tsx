// A benchmark status in words and colour that follow the metric's direction (format.ts statusBadge).
import { Badge } from '@mantine/core';
import type { Status } from '../../domain/ledger/vocabulary';
import type { Direction } from '../../domain/metrics/verdict';
import { statusBadge } from '../format';

export function StatusBadge({ status, direction }: { status: Status; direction: Direction | null }): React.JSX.Element {
  const b = statusBadge(status, direction);
  return (
    <Badge color={b.color} variant="light" data-status={status}>
      {b.label}
    </Badge>
  );
}
