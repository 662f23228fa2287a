// Bulk import of the files of SPEC.md §1 from paths (the CLI and the HTTP import jobs), and the
// one seam other areas use to write ledger rows: recordRows, which runs the same importer on a
// few rows so they obey exactly the rules of an imported file.
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Db } from '../../db/connect.js';
import { DomainError, RejectedError } from '../errors.js';
import { getSetting } from '../settings/settings.service.js';
import { isFhirPath, translateFhir } from './fhir/fhir-import.service.js';
import { isResourceType } from './fhir/fhir-schema.js';
import { fhirKindOf, looksLikeBundle, ndjsonTypeOf } from './fhir/fhir-sources.js';
import { FILE_NAMES, FILE_SPECS, specForPath, type FileName, type FileSpec } from './file-specs.js';
import { sumReports, type FileReport, type ImportHooks, type ImportReport } from './import-report.js';
import { importSource, sweepLeftoverStages, type SourceImportOptions } from './import-source.js';
import { fileSource, rowsSource } from './record-source.js';
import { MemoryRejects, RejectsWriter, type RejectedRow, type RejectSink } from './rejects-writer.js';

export { reservedStageName } from './import-source.js';

export interface ImportOptions extends ImportHooks, Pick<SourceImportOptions, 'extendRollupYears'> {
  /** Where summary.json and the rejects files go. */
  reportDir: string;
}

export interface ImportPlan {
  csv: { path: string; spec: FileSpec }[];
  /** FHIR NDJSON files and Bundles (./fhir). */
  fhir: string[];
}

/** In a directory, a FHIR file is `<ResourceType>….ndjson` (bulk-data export) or a JSON Bundle, either maybe gzipped. */
function fhirInDirectory(path: string, name: string): boolean {
  const kind = fhirKindOf(name);
  if (kind === 'ndjson') return /^[A-Z][A-Za-z]+$/.test(ndjsonTypeOf(name)) && isResourceType(ndjsonTypeOf(name));
  return kind === 'bundle' && looksLikeBundle(path);
}

/** Expands directories, recognises each file by its name and orders them so references resolve. */
export function planImport(paths: readonly string[]): ImportPlan {
  const planned: { path: string; spec: FileSpec }[] = [];
  const fhir: string[] = [];
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
        const path = join(full, name);
        if (!statSync(path).isFile()) continue;
        const spec = specForPath(name);
        if (spec) planned.push({ path, spec });
        else if (fhirInDirectory(path, name)) fhir.push(path);
      }
    } else if (isFhirPath(full)) {
      fhir.push(full);
    } else {
      const spec = specForPath(full);
      if (!spec) {
        throw new DomainError(
          'unknown_file',
          `${p}: not one of the import files (${FILE_NAMES.map((n) => `${n}.csv`).join(', ')}, or FHIR: *.ndjson, a Bundle *.json)`,
        );
      }
      planned.push({ path: full, spec });
    }
  }
  const order = (spec: FileSpec): number => FILE_NAMES.indexOf(spec.file);
  return { csv: planned.sort((a, b) => order(a.spec) - order(b.spec)), fhir };
}

interface PlannedFile {
  file: FileName;
  run: () => Promise<FileReport>;
}

export async function importPaths(db: Db, paths: readonly string[], options: ImportOptions): Promise<ImportReport> {
  const plan = planImport(paths);
  mkdirSync(options.reportDir, { recursive: true });
  await sweepLeftoverStages(db);
  const timezone = await getSetting(db, 'timezone');
  const runs: PlannedFile[] = plan.csv.map(({ path, spec }) => ({
    file: spec.file,
    run: () => {
      const rejectsPath = join(options.reportDir, `${basename(path, '.csv')}.rejects.csv`);
      const makeSink = (header: string[]): RejectSink => new RejectsWriter(rejectsPath, header);
      return importSource(db, { spec, source: fileSource(path), makeSink, timezone, path }, options);
    },
  }));
  // FHIR files become the CSV files they stand for, imported in file order with the CSV files.
  const fhir = plan.fhir.length > 0 ? await translateFhir(plan.fhir, { ...options, timezone }) : undefined;
  for (const job of fhir?.jobs ?? []) runs.push({ file: job.file, run: () => job.run(db, options) });
  runs.sort((a, b) => FILE_NAMES.indexOf(a.file) - FILE_NAMES.indexOf(b.file));
  const files: FileReport[] = [];
  for (const r of runs) files.push(await r.run());
  const report: ImportReport = {
    reportDir: options.reportDir,
    files,
    totals: sumReports(files),
    failedFiles: files.filter((f) => f.error !== null).length,
    ...(fhir ? { fhir: fhir.report() } : {}),
  };
  writeFileSync(join(options.reportDir, 'summary.json'), JSON.stringify(report, null, 2) + '\n');
  return report;
}

export interface RecordedRows {
  report: FileReport;
  rejects: RejectedRow[];
}

/**
 * Writes a few rows of one file (e.g. an action recorded through the API) through the importer:
 * the same validation, references, idempotency and rollup upkeep as a file. `afterMerge` runs in
 * the merge's transaction.
 */
export async function recordRows(
  db: Db,
  file: FileName,
  rows: readonly Record<string, string | null | undefined>[],
  options: Pick<SourceImportOptions, 'afterMerge' | 'extendRollupYears' | 'stage' | 'fewMembers'> = {},
): Promise<RecordedRows> {
  const spec = FILE_SPECS[file];
  const rejects = new MemoryRejects();
  const columns = spec.columns.map((c) => c.name);
  const timezone = await getSetting(db, 'timezone');
  const report = await importSource(db, { spec, source: rowsSource('request', columns, rows), makeSink: () => rejects, timezone }, options);
  return { report, rejects: rejects.rows };
}

/**
 * recordRows for an API write: a row that breaks a rule is refused as a whole, with every rule it
 * broke (problem+json 422), instead of being reported as a rejected row.
 */
export async function recordOrRefuse(
  db: Db,
  file: FileName,
  rows: readonly Record<string, string | null | undefined>[],
  what: string,
): Promise<FileReport> {
  const { report, rejects } = await recordRows(db, file, rows);
  if (report.rejected > 0) {
    throw new RejectedError(
      `The ${what} breaks a rule.`,
      rejects.map((r) => ({ column: r.column, reason: r.reason })),
    );
  }
  if (report.error) throw new Error(report.error);
  return report;
}
