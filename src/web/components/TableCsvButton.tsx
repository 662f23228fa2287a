// A "Download CSV" button for a table on the page, found by its accessible name (aria-label).
import { Button } from '@mantine/core';
import { csvText, downloadText, tableRows } from '../table-csv';

export function TableCsvButton({ table, file }: { table: string; file: string }): React.JSX.Element {
  const save = () => {
    const el = document.querySelector<HTMLTableElement>(`table[aria-label="${CSS.escape(table)}"]`);
    if (el) downloadText(file, csvText(tableRows(el)));
  };
  return (
    <Button variant="subtle" size="compact-sm" className="no-print" onClick={save} aria-label={`Download CSV of ${table}`}>
      Download CSV
    </Button>
  );
}
