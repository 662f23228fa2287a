// A link that downloads one of the partnership's tables as CSV.
import { Anchor } from '@mantine/core';

export function CsvLink({ partnershipId, table, children }: { partnershipId: string; table: string; children: string }) {
  return (
    <Anchor href={`/api/partnerships/${encodeURIComponent(partnershipId)}/export/${table}`} download size="sm">
      {children}
    </Anchor>
  );
}
