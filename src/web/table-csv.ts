// "Download CSV" for any table on screen (issue 15: export of any table): the cells as shown,
// so the file says what the page says. A byte-order mark lets Excel read it as UTF-8.

/** RFC 4180 text: a cell with a comma, quote or line break is quoted, its quotes doubled. */
export function csvText(rows: readonly (readonly string[])[]): string {
  const cell = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** The rows of a rendered table: its header and body cells' text. */
export function tableRows(table: HTMLTableElement): string[][] {
  return [...table.rows].map((tr) => [...tr.cells].map((c) => (c as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
}

/** Saves text as a file through the browser's download. */
export function downloadText(file: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
