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
  /**
   * The header row first, then the data rows, in batches: one await per batch rather than per
   * row keeps the per-row path free of promise and GC overhead (measured: most of the time).
   */
  records(): AsyncIterable<SourceRecord[]>;
}

const BATCH = 2000;

type ParsedRecord = string[];

/** Reads a parser stream in synchronous runs between 'readable' events. */
async function* readInBatches(
  parser: NodeJS.ReadableStream & { read(): ParsedRecord | null; readableEnded: boolean },
): AsyncGenerator<ParsedRecord[]> {
  let failure: unknown;
  parser.on('error', (e) => (failure = e));
  for (;;) {
    const batch: ParsedRecord[] = [];
    let item: ParsedRecord | null;
    while (batch.length < BATCH && (item = parser.read() as unknown as ParsedRecord | null) !== null) batch.push(item);
    if (batch.length > 0) {
      yield batch;
      continue;
    }
    if (failure) throw failure;
    if (parser.readableEnded) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        parser.off('readable', done);
        parser.off('end', done);
        parser.off('error', done);
        resolve();
      };
      parser.on('readable', done);
      parser.on('end', done);
      parser.on('error', done);
    });
  }
}

export class SourceError extends Error {}

export function fileSource(path: string): RecordSource {
  const name = basename(path);
  return {
    name,
    totalBytes: statSync(path).size,
    async *records() {
      const file = createReadStream(path, { highWaterMark: 1 << 20 });
      // No `info` and no `trim` here: both cost more than the rest of the row's path (measured),
      // so lines are counted below and cells are trimmed by the validator.
      const parser = file.pipe(parse({ bom: true, relax_column_count: true }));
      let line = 1;
      try {
        for await (const parsed of readInBatches(parser as unknown as Parameters<typeof readInBatches>[0])) {
          const out: SourceRecord[] = [];
          for (const record of parsed) {
            if (record.length === 1 && record[0]!.trim() === '') {
              line++; // an empty line
              continue;
            }
            out.push({ record, line, bytes: file.bytesRead });
            line++;
            // A quoted field may span lines: the next record starts that many lines later.
            for (const field of record) for (let at = field.indexOf('\n'); at !== -1; at = field.indexOf('\n', at + 1)) line++;
          }
          if (out.length > 0) yield out;
        }
      } catch (error) {
        if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('CSV_')) {
          // The parser's own message can quote the file's content (a member's data): say what is wrong, not what is there.
          throw new SourceError(`${name} near line ${line}: malformed CSV (${csvProblem(error.code)})`, { cause: error });
        }
        throw error;
      } finally {
        parser.destroy();
      }
    },
  };
}

/** Rows given as objects (column → text); line numbers count as if they were a CSV file. */
export function rowsSource(
  name: string,
  columns: readonly string[],
  rows: readonly Record<string, string | null | undefined>[],
): RecordSource {
  return {
    name,
    totalBytes: rows.length,
    async *records() {
      yield [
        { record: [...columns], line: 1, bytes: 0 },
        ...rows.map((row, i) => ({ record: columns.map((c) => (row[c] ?? '').trim()), line: i + 2, bytes: i + 1 })),
      ];
    },
  };
}

/** What a csv-parse error code means, in words that quote nothing from the file. */
function csvProblem(code: string): string {
  const known: Record<string, string> = {
    CSV_INVALID_CLOSING_QUOTE: 'a quoted field is followed by something other than a comma or the end of the line',
    CSV_QUOTE_NOT_CLOSED: 'a quoted field is never closed',
    CSV_INVALID_OPENING_QUOTE: 'a quote appears inside a field that does not start with one',
    CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'a row has a different number of fields than the header',
    CSV_RECORD_DONT_MATCH_COLUMNS_LENGTH: 'a row has a different number of fields than the header',
    CSV_MAX_RECORD_SIZE: 'a row is longer than any row should be',
    CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quoted field is followed by something other than a comma or the end of the line',
  };
  return known[code] ?? code;
}
