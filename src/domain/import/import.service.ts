// Bulk import of the files of SPEC.md §1 (also what the HTTP import job and action recording
// run). Per file: stream and validate rows in Node, COPY the good ones in bounded chunks into a
// staging table, check references in SQL, then classify and merge in one transaction — a crash
// leaves the previous state or the new one, never half a file.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/database.js';
import { DomainError } from '../errors.js';
import { getSetting } from '../settings/settings.service.js';
import { FILE_NAMES, specForPath, type FileSpec } from './file-specs.js';
import {
  analyzeTable,
  classify,
  createStage,
  deleteRejected,
  dropStage,
  fillDerived,
  markUnknownReferences,
  merge,
  rejectedPage,
  stageColumns,
} from './merge.queries.js';
import { fileSource, type RecordSource } from './record-source.js';
import { rollupChangeOf } from './rollup-change.js';
import { beginUpkeep } from '../rollups/rollups.service.js';
import { RejectsWriter, type RejectSink } from './rejects-writer.js';
import { buildRowValidator, checkHeader } from './row-validator.js';

/** From this many new or changed rows, an import refreshes the table's statistics. */
const ANALYZE_FROM_ROWS = 1000;

export interface ImportProgress {
  path: string;
  file: string;
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
  phase: 'reading' | 'checking' | 'merging' | 'done';
}

export interface ImportHooks {
  onProgress?: (progress: ImportProgress) => void;
  onWarning?: (message: string) => void;
  /** Rows per COPY chunk: bounds memory, notably PGlite's in-memory COPY blob. */
  chunkRows?: number;
  /** From this many rows, a load into a much smaller table rebuilds its indexes after (tests lower it). */
  bulkLoadMinRows?: number;
}

export interface ImportOptions extends ImportHooks {
  /** Where summary.json and the rejects files go. */
  reportDir: string;
}

export interface FileReport {
  path: string;
  file: string;
  rowsRead: number;
  accepted: number;
  updated: number;
  duplicates: number;
  rejected: number;
  rejectsPath: string | null;
  warnings: string[];
  /** Set when the file as a whole could not be imported (nothing of it was kept). */
  error: string | null;
  seconds: number;
}

export interface ImportReport {
  reportDir: string;
  files: FileReport[];
  totals: { rowsRead: number; accepted: number; updated: number; duplicates: number; rejected: number };
  failedFiles: number;
}

/** Expands directories, recognises each file by its name and orders them so references resolve. */
export function planImport(paths: readonly string[]): { path: string; spec: FileSpec }[] {
  const planned: { path: string; spec: FileSpec }[] = [];
  for (const p of paths) {
    const full = resolve(p);
    let isDir: boolean;
    try {
      isDir = statSync(full).isDirectory();
    } catch {
      throw new DomainError('unknown_file', `${p}: no such file or directory`);
    }
    if (isDir) {
      for (const name of readdirSync(full).sort()) {
        const spec = specForPath(name);
        if (spec && statSync(join(full, name)).isFile()) planned.push({ path: join(full, name), spec });
      }
    } else {
      const spec = specForPath(full);
      if (!spec) {
        throw new DomainError('unknown_file', `${p}: not one of the import files (${FILE_NAMES.map((n) => `${n}.csv`).join(', ')})`);
      }
      planned.push({ path: full, spec });
    }
  }
  const order = (spec: FileSpec): number => FILE_NAMES.indexOf(spec.file);
  return planned.sort((a, b) => order(a.spec) - order(b.spec));
}

export async function importPaths(db: Db, paths: readonly string[], options: ImportOptions): Promise<ImportReport> {
  const plan = planImport(paths);
  mkdirSync(options.reportDir, { recursive: true });
  const timezone = await getSetting(db, 'timezone');
  const files: FileReport[] = [];
  for (const { path, spec } of plan) {
    const rejectsPath = join(options.reportDir, `${basename(path, '.csv')}.rejects.csv`);
    files.push(await importSource(db, spec, fileSource(path), (header) => new RejectsWriter(rejectsPath, header), timezone, options, path));
  }
  const report: ImportReport = {
    reportDir: options.reportDir,
    files,
    totals: sumReports(files),
    failedFiles: files.filter((f) => f.error !== null).length,
  };
  writeFileSync(join(options.reportDir, 'summary.json'), JSON.stringify(report, null, 2) + '\n');
  return report;
}

function sumReports(files: readonly FileReport[]): ImportReport['totals'] {
  const totals = { rowsRead: 0, accepted: 0, updated: 0, duplicates: 0, rejected: 0 };
  for (const f of files) {
    totals.rowsRead += f.rowsRead;
    totals.accepted += f.accepted;
    totals.updated += f.updated;
    totals.duplicates += f.duplicates;
    totals.rejected += f.rejected;
  }
  return totals;
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(';');
  return String(value);
}

export interface SourceImportOptions extends ImportHooks {
  /**
   * false: a change in a year the rollups do not cover yet leaves that year to be computed
   * live rather than building it inside this (e.g. an API request's) transaction.
   */
  extendRollupYears?: boolean;
  /** Runs inside the merge transaction, after the merge (e.g. to record a correction with it). */
  afterMerge?: (trx: Kysely<Database>, report: FileReport) => Promise<void>;
}

/** Imports one source into one table: validate, stage, check references, classify, merge. */
export async function importSource(
  db: Db,
  spec: FileSpec,
  source: RecordSource,
  makeSink: (header: string[]) => RejectSink,
  timezone: string,
  options: SourceImportOptions = {},
  path = source.name,
): Promise<FileReport> {
  const started = performance.now();
  const report: FileReport = {
    path,
    file: spec.file,
    rowsRead: 0,
    accepted: 0,
    updated: 0,
    duplicates: 0,
    rejected: 0,
    rejectsPath: null,
    warnings: [],
    error: null,
    seconds: 0,
  };
  const stage = `import_stage_${randomBytes(8).toString('hex')}`;
  const progress = (phase: ImportProgress['phase'], bytesRead: number): void =>
    options.onProgress?.({ path, file: spec.file, bytesRead, totalBytes: source.totalBytes, rowsRead: report.rowsRead, phase });
  let sink: RejectSink | undefined;
  try {
    await createStage(db.kysely, spec, stage);
    const loaded = await loadStage(db, spec, source, stage, timezone, options, report, progress, makeSink);
    sink = loaded.sink;
    if (loaded.headerError) {
      report.error = loaded.headerError;
      return report;
    }
    progress('checking', source.totalBytes);
    await fillDerived(db.kysely, spec, stage);
    // Statistics for the checks, classification and merge: an unanalyzed staging table of
    // 100,000 rows can lead the planner to scan a table of millions instead of probing its index.
    await analyzeTable(db.kysely, stage);
    if ((await markUnknownReferences(db.kysely, spec, stage)) > 0) {
      let after = 0;
      for (;;) {
        const page = await rejectedPage(db.kysely, spec, stage, after, 5000);
        if (page.length === 0) break;
        for (const r of page) {
          await sink!.write(
            r.line,
            r.column,
            r.reason,
            loaded.header.map((h) => formatCell(r.values[h])),
          );
          report.rejected++;
        }
        after = page[page.length - 1]!.line;
      }
      await deleteRejected(db.kysely, stage);
    }
    progress('merging', source.totalBytes);
    await db.kysely.transaction().execute(async (trx) => {
      const counts = await classify(trx, spec, stage);
      // The rollups change with the ledger, in this transaction (nothing to do when nothing changed).
      const change = rollupChangeOf(spec, stage, counts);
      if (options.extendRollupYears === false) change.years = null;
      const finishUpkeep = counts.accepted + counts.updated > 0 ? await beginUpkeep(trx, change) : null;
      await merge(
        trx,
        spec,
        stage,
        { maxPerKey: counts.maxPerKey, staged: counts.accepted + counts.updated + counts.duplicates, updated: counts.updated },
        options.bulkLoadMinRows,
      );
      // Fresh statistics after a large change, before the rollups read the table: the embedded
      // database has no autovacuum, and without them its planner chose plans 10× slower.
      if (counts.accepted + counts.updated >= ANALYZE_FROM_ROWS) await analyzeTable(trx, spec.table);
      await finishUpkeep?.();
      report.accepted = counts.accepted;
      report.updated = counts.updated;
      report.duplicates = counts.duplicates;
      await options.afterMerge?.(trx, report);
    });
    progress('done', source.totalBytes);
    return report;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    report.error = error instanceof Error ? error.message : String(error);
    report.accepted = report.updated = report.duplicates = 0;
    return report;
  } finally {
    report.rejectsPath = (await sink?.close()) ?? null;
    await dropStage(db.kysely, stage).catch(() => undefined);
    report.seconds = (performance.now() - started) / 1000;
  }
}

interface Loaded {
  header: string[];
  sink: RejectSink | undefined;
  headerError: string | null;
}

/** Streams the records through the validator into the staging table; bad rows go to the sink. */
async function loadStage(
  db: Db,
  spec: FileSpec,
  source: RecordSource,
  stage: string,
  timezone: string,
  options: ImportHooks,
  report: FileReport,
  progress: (phase: ImportProgress['phase'], bytesRead: number) => void,
  makeSink: (header: string[]) => RejectSink,
): Promise<Loaded> {
  const chunkRows = options.chunkRows ?? 50_000;
  const copyColumns = stageColumns(spec);
  let header: string[] | undefined;
  let validate: ReturnType<typeof buildRowValidator> | undefined;
  let sink: RejectSink | undefined;
  let chunk = '';
  let chunkCount = 0;
  // One COPY in flight while the next chunk is parsed: a server loads while Node validates.
  let inFlight: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    if (chunkCount === 0) return;
    const data = chunk;
    chunk = '';
    chunkCount = 0;
    await inFlight;
    inFlight = db.copyCsv(stage, copyColumns, data, { timezone });
    inFlight.catch(() => undefined); // handled where it is awaited; avoids an unhandled rejection meanwhile
  };
  try {
    for await (const batch of source.records()) {
      for (const { record, line, bytes } of batch) {
        if (!header) {
          header = record.map((h) => h.trim().toLowerCase());
          const problem = checkHeader(spec, header);
          if (problem.missing.length > 0 || problem.duplicated.length > 0) {
            const parts = [
              problem.missing.length > 0 ? `missing required column(s) ${problem.missing.join(', ')}` : '',
              problem.duplicated.length > 0 ? `repeated column(s) ${problem.duplicated.join(', ')}` : '',
            ].filter(Boolean);
            return { header, sink: undefined, headerError: `${source.name} line 1: header has ${parts.join(' and ')}` };
          }
          if (problem.unknown.length > 0) {
            const warning = `${source.name}: ignoring unknown column(s) ${problem.unknown.join(', ')}`;
            report.warnings.push(warning);
            options.onWarning?.(warning);
          }
          validate = buildRowValidator(spec, header);
          sink = makeSink(header);
          continue;
        }
        report.rowsRead++;
        const result = validate!(record, line);
        if (result.ok) {
          chunk += result.copyLine;
          if (++chunkCount >= chunkRows) {
            await flush();
            progress('reading', bytes);
          }
        } else {
          report.rejected++;
          await sink!.write(
            line,
            result.errors.map((e) => e.column).join(';'),
            result.errors.map((e) => (e.column ? `${e.column} ${e.reason}` : e.reason)).join('; '),
            record,
          );
        }
      }
    }
    await flush();
  } finally {
    await inFlight.catch(() => undefined);
  }
  await inFlight;
  if (!header) return { header: [], sink, headerError: `${source.name}: the file is empty (no header row)` };
  return { header, sink, headerError: null };
}
