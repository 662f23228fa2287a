// Reading a small CSV text whole (a Star Ratings table, a partnership's upload, a report in
// tests) with the parser the import streams files through (record-source.ts).
import Papa from 'papaparse';

/** What a parser error code means, in words that quote nothing from the file (it may hold member data). */
export function csvProblem(code: string): string {
  const known: Record<string, string> = {
    MissingQuotes: 'a quoted field is never closed',
    InvalidQuotes: 'a quoted field is followed by something other than a comma or the end of the line',
    TooLong: 'a row is longer than any row should be',
  };
  return known[code] ?? code;
}

export class CsvTextError extends Error {}

/** The rows of a CSV text (a leading byte-order mark dropped, empty lines skipped); rows may differ in length. */
export function csvGrid(text: string): string[][] {
  const { data, errors } = Papa.parse<string[]>(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, { skipEmptyLines: true });
  const error = errors[0];
  if (error) throw new CsvTextError(`row ${(error.row ?? 0) + 1}: malformed CSV (${csvProblem(error.code)})`);
  return data;
}

/** The rows of a CSV text with a header row, as column → text; every row has the header's length. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = csvGrid(text);
  if (!header) return [];
  return rows.map((row, i) => {
    if (row.length !== header.length) throw new CsvTextError(`row ${i + 2} has ${row.length} fields, the header has ${header.length}`);
    return Object.fromEntries(header.map((name, at) => [name, row[at]!]));
  });
}
