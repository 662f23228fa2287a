// The streaming pass of an import: reads a source's records, checks the header, validates each
// row in Node and COPYs the good ones into the staging table in bounded chunks (one chunk in
// flight while the next is parsed); bad rows go to the rejects sink with line, column and reason.
import type { Db } from '../../db/connect.js';
import type { FileSpec } from './file-specs.js';
import type { FileReport, ImportProgress } from './import-report.js';
import { stageColumns } from './merge.queries.js';
import type { RecordSource } from './record-source.js';
import type { RejectSink } from './rejects-writer.js';
import { buildRowValidator, checkHeader, type RowResult } from './row-validator.js';

export interface StageLoad {
  db: Db;
  spec: FileSpec;
  source: RecordSource;
  stage: string;
  timezone: string;
  chunkRows: number;
  report: FileReport;
  progress: (phase: ImportProgress['phase'], bytesRead: number) => void;
  makeSink: (header: string[]) => RejectSink;
  onWarning?: (message: string) => void;
}

export interface Loaded {
  header: string[];
  sink: RejectSink | undefined;
  headerError: string | null;
}

/** Lines joined before they are written to the chunk's bytes: one native write per line was 1.6 s of 1.8 million. */
const LINES_PER_WRITE = 256;

/**
 * A chunk's COPY text, kept as UTF-8 bytes outside the JavaScript heap: each validated line is
 * written in soon after it comes and its string dies young. Kept as a string of 50,000 lines, the
 * chunk survived every young-generation collection until it was sent, and copying it there was a
 * third of the import's time in Node (13.8 s of scavenges while reading 1.8 million actions).
 * The buffer starts small (an API batch is a few rows) and the next chunk starts at the size the
 * last one reached.
 */
class ChunkBytes {
  private bytes: Buffer | null = null;
  private capacity = 64 << 10;
  private used = 0;
  private pending: string[] = [];

  append(line: string): void {
    if (this.pending.push(line) >= LINES_PER_WRITE) this.write();
  }

  /** The bytes so far; the next chunk gets a buffer of its own (this one may be in flight). */
  take(): Uint8Array {
    this.write();
    const out = this.bytes ? this.bytes.subarray(0, this.used) : new Uint8Array(0);
    this.bytes = null;
    this.used = 0;
    return out;
  }

  private write(): void {
    const text = this.pending.join('');
    this.pending = [];
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    const need = this.used + text.length * 3;
    if (!this.bytes || need > this.bytes.length) {
      while (this.capacity < need) this.capacity *= 2;
      const larger = Buffer.allocUnsafe(this.capacity);
      this.bytes?.copy(larger, 0, 0, this.used);
      this.bytes = larger;
    }
    this.used += this.bytes.write(text, this.used);
  }
}

/** COPY chunks one at a time, the next parsed while the previous loads. */
class ChunkCopier {
  private readonly chunk = new ChunkBytes();
  private count = 0;
  /** A row of the chunk has a timestamp without an offset. */
  private zoneless = false;
  private inFlight: Promise<void> = Promise.resolve();

  constructor(private readonly load: StageLoad) {}

  /** Adds a line; true when a chunk was sent. */
  async add(line: string, zoneless: boolean): Promise<boolean> {
    this.chunk.append(line);
    if (zoneless) this.zoneless = true;
    if (++this.count < this.load.chunkRows) return false;
    await this.flush();
    return true;
  }

  async flush(): Promise<void> {
    if (this.count === 0) return;
    const data = this.chunk.take();
    const zoneless = this.zoneless;
    this.count = 0;
    this.zoneless = false;
    await this.inFlight;
    const { db, stage, spec, timezone } = this.load;
    this.inFlight = db.copyCsv(stage, stageColumns(spec), data, { timezone: zoneless ? timezone : null });
    this.inFlight.catch(() => undefined); // handled where it is awaited; avoids an unhandled rejection meanwhile
  }

  /** Waits for the last chunk; `settle` swallows its error (when another error is on its way). */
  async done(settle = false): Promise<void> {
    await (settle ? this.inFlight.catch(() => undefined) : this.inFlight);
  }
}

function headerProblem(load: StageLoad, header: string[]): string | null {
  const problem = checkHeader(load.spec, header);
  if (problem.missing.length > 0 || problem.duplicated.length > 0) {
    const parts = [
      problem.missing.length > 0 ? `missing required column(s) ${problem.missing.join(', ')}` : '',
      problem.duplicated.length > 0 ? `repeated column(s) ${problem.duplicated.join(', ')}` : '',
    ].filter(Boolean);
    return `${load.source.name} line 1: header has ${parts.join(' and ')}`;
  }
  if (problem.unknown.length > 0) {
    const warning = `${load.source.name}: ignoring unknown column(s) ${problem.unknown.join(', ')}`;
    load.report.warnings.push(warning);
    load.onWarning?.(warning);
  }
  return null;
}

async function reject(sink: RejectSink, line: number, result: Extract<RowResult, { ok: false }>, record: string[]): Promise<void> {
  const columns = result.errors.map((e) => e.column).join(';');
  const reasons = result.errors.map((e) => (e.column ? `${e.column} ${e.reason}` : e.reason)).join('; ');
  await sink.write(line, columns, reasons, record);
}

/** Streams the records through the validator into the staging table; bad rows go to the sink. */
export async function loadStage(load: StageLoad): Promise<Loaded> {
  const copier = new ChunkCopier(load);
  let header: string[] | undefined;
  let validate: ReturnType<typeof buildRowValidator> | undefined;
  let sink: RejectSink | undefined;
  try {
    for await (const batch of load.source.records()) {
      for (const { record, line, bytes } of batch) {
        if (!header) {
          header = record.map((h) => h.trim().toLowerCase());
          const headerError = headerProblem(load, header);
          if (headerError) return { header, sink: undefined, headerError };
          validate = buildRowValidator(load.spec, header);
          sink = load.makeSink(header);
          continue;
        }
        load.report.rowsRead++;
        const result = validate!(record, line);
        if (result.ok) {
          if (await copier.add(result.copyLine, result.zoneless)) load.progress('reading', bytes);
        } else {
          load.report.rejected++;
          await reject(sink!, line, result, record);
        }
      }
    }
    await copier.flush();
  } finally {
    await copier.done(true);
  }
  await copier.done();
  if (!header) return { header: [], sink, headerError: `${load.source.name}: the file is empty (no header row)` };
  return { header, sink, headerError: null };
}
