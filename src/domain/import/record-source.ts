// Where an import's rows come from: a CSV file (streamed) or rows already in memory (the API).
// Either way the same validator, staging and merge run on them.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';

export interface SourceRecord {
  record: string[];
  /** The line the record starts on (the header is line 1). */
  line: number;
  /** Bytes read so far, for progress. */
  bytes: number;
}

export interface RecordSource {
  /** Shown in messages: the file name, or e.g. "request". */
  name: string;
  totalBytes: number;
  /** The header row first, then the data rows. */
  records(): AsyncIterable<SourceRecord>;
}

export class SourceError extends Error {}

export function fileSource(path: string): RecordSource {
  const name = basename(path);
  return {
    name,
    totalBytes: statSync(path).size,
    async *records() {
      const parser = createReadStream(path, { highWaterMark: 1 << 20 }).pipe(
        parse({ bom: true, trim: true, relax_column_count: true, skip_empty_lines: true, info: true }),
      );
      let previousEndLine = 0;
      let previousEmptyLines = 0;
      try {
        for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number; bytes: number } }>) {
          // csv-parse reports the line a record ends on; a quoted field can span lines.
          const line = previousEndLine + 1 + (info.empty_lines - previousEmptyLines);
          previousEndLine = info.lines;
          previousEmptyLines = info.empty_lines;
          yield { record, line, bytes: info.bytes };
        }
      } catch (error) {
        if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('CSV_')) {
          throw new SourceError(`${name} line ${previousEndLine + 1}: malformed CSV (${error.message})`, { cause: error });
        }
        throw error;
      } finally {
        parser.destroy();
      }
    },
  };
}

/** Rows given as objects (column → text); line numbers count as if they were a CSV file. */
export function rowsSource(name: string, columns: readonly string[], rows: readonly Record<string, string | null | undefined>[]): RecordSource {
  return {
    name,
    totalBytes: rows.length,
    async *records() {
      yield { record: [...columns], line: 1, bytes: 0 };
      let line = 1;
      for (const row of rows) yield { record: columns.map((c) => (row[c] ?? '').trim()), line: ++line, bytes: line - 1 };
    },
  };
}
