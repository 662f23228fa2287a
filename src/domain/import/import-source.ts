// Imports one source into one table: validate and stage (stage-loader.ts), check references in
// SQL, then classify and merge in one transaction that also keeps the rollups current — a crash
// leaves the previous state or the new one, never half a file.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import { LEASE, takeAbandonedLease } from '../../db/lease.js';
import { analyzableInTransaction, oneConnectionPerWorker } from '../../db/citus.js';
import { isDatabaseUnavailable } from '../../db/unavailable.js';
import type { Database } from '../../db/database.js';
import { DomainError } from '../errors.js';
import { BUILDERS, buildMissingYears, rebuildsBeside } from '../rollups/rebuild-beside.js';
import { lockBeforeClassifying, withUpkeep } from '../rollups/rollups.service.js';
import type { FileSpec } from './file-specs.js';
import {
  DEFAULT_IMPORT_TUNING,
  emptyFileReport,
  type FileReport,
  type ImportHooks,
  type ImportProgress,
  type ImportTuning,
} from './import-report.js';
import {
  analyzeTable,
  classify,
  createStage,
  deleteRejected,
  dropStage,
  emptyOrCreateStage,
  emptyStage,
  estimatedRows,
  fillDerived,
  keepAbsentColumns,
  markRuleViolations,
  markUnknownReferences,
  merge,
  type MemberHint,
  rejectedPage,
  stagedMembers,
  stagingTables,
} from './merge.queries.js';
import type { RecordSource } from './record-source.js';
import type { RejectSink } from './rejects-writer.js';
import { bringsYears, rollupChangeOf } from './rollup-change.js';
import { loadStage } from './stage-loader.js';

export interface SourceJob {
  spec: FileSpec;
  source: RecordSource;
  makeSink: (header: string[]) => RejectSink;
  timezone: string;
  /** The path reported (default: the source's name). */
  path?: string;
}

export interface SourceImportOptions extends ImportHooks {
  /**
   * false: a change in a year the rollups do not cover yet leaves that year to be computed
   * live rather than building it inside this (e.g. an API request's) transaction.
   */
  extendRollupYears?: boolean;
  /** Runs inside the merge transaction, after the merge (e.g. to record a correction with it). */
  afterMerge?: (trx: Kysely<Database>, report: FileReport) => Promise<void>;
  /**
   * A staging table of the caller's (reservedStageName) for a series of small imports of one
   * file kind: emptied before and after each, instead of created and dropped. Creating, analyzing
   * and dropping a table took a fifth to two fifths of an API batch's time in the database, and on
   * Citus registering it in the cluster's metadata more.
   */
  stage?: string;
  /**
   * The rows name few members (an API batch): their ids are read from the stage once, and the
   * checks and the rollups' statements on member-keyed tables are limited to them, which Citus
   * sends to those members' shards only instead of every shard.
   */
  fewMembers?: boolean;
}

function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.join(';');
  return String(value);
}

/** Moves the rows a check marked (unknown references, then SQL rules) from the staging table to the rejects sink. */
async function rejectMarked(
  db: Db,
  spec: FileSpec,
  stage: string,
  header: string[],
  sink: RejectSink,
  report: FileReport,
  mark: typeof markUnknownReferences,
): Promise<void> {
  if ((await mark(db.kysely, spec, stage)) === 0) return;
  let after = 0;
  for (;;) {
    const page = await rejectedPage(db.kysely, spec, stage, after, 5000);
    if (page.length === 0) break;
    for (const r of page) {
      await sink.write(
        r.line,
        r.column,
        r.reason,
        header.map((h) => formatCell(r.values[h])),
      );
      report.rejected++;
    }
    after = page[page.length - 1]!.line;
  }
  await deleteRejected(db.kysely, stage);
}

/** Classifies and merges the staged rows, with the rollups kept in the same transaction. */
async function mergeStaged(
  db: Db,
  spec: FileSpec,
  stage: string,
  report: FileReport,
  tuning: ImportTuning,
  options: SourceImportOptions,
  members: MemberHint,
): Promise<void> {
  // On a PostgreSQL server the years the file brings are built after the commit, on several
  // connections (buildMissingYears); elsewhere in the merge's transaction, on its one connection.
  const yearsAfter = options.extendRollupYears !== false && bringsYears(spec) && (await rebuildsBeside(db));
  await db.kysely.transaction().execute(async (trx) => {
    await oneConnectionPerWorker<Database>(trx, db.kysely);
    await lockBeforeClassifying(trx);
    const counts = await classify(trx, spec, stage);
    const changed = counts.accepted + counts.updated;
    // Fresh statistics after a large change, before the rollups read the table: the embedded
    // database has no autovacuum, and without them its planner chose plans 10× slower. Not for a
    // change small beside the table: the planner scales its row counts by the table's current size
    // anyway, and analyzing 1.8 million actions took 1.3 s of a 100,000-action increment (a
    // server's autovacuum analyzes after the commit).
    const sizable = changed >= tuning.analyzeFromRows && changed >= (await estimatedRows(trx, spec.table)) * tuning.analyzeFromShare;
    const applyMerge = async (): Promise<void> => {
      const staged = changed + counts.duplicates;
      await merge(
        trx,
        spec,
        stage,
        { maxPerKey: counts.maxPerKey, staged, updated: counts.updated, accepted: counts.accepted },
        tuning.bulkLoadMinRows,
      );
      if (sizable && (await analyzableInTransaction<Database>(trx, spec.table))) await analyzeTable(trx, spec.table);
    };
    const change = { ...rollupChangeOf(spec, stage, counts), tuning: options.rollupTuning, members };
    if (options.extendRollupYears === false || yearsAfter) change.years = null;
    // Nothing changed, nothing for the rollups to do.
    await (changed > 0 ? withUpkeep(trx, change, applyMerge) : applyMerge());
    report.accepted = counts.accepted;
    report.updated = counts.updated;
    report.duplicates = counts.duplicates;
    await options.afterMerge?.(trx, report);
  });
  // Even when the file changed nothing: importing it again builds what a failed build left out.
  if (yearsAfter) await buildYearsAfterMerge(db, report, options.onWarning);
}

/**
 * The years a committed file brought to the ledger, built into the cube. The rows stay whatever
 * happens here: if the build fails the report says so and the years are computed live until the
 * next import of them, `serve` or `diplomat rollups rebuild` builds them.
 */
async function buildYearsAfterMerge(db: Db, report: FileReport, onWarning?: (message: string) => void): Promise<void> {
  try {
    await buildMissingYears(db.kysely, BUILDERS);
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    const warning = `${report.path}: the rows were imported, but the scorecard's rollups of their new year could not be built (${reason}); run diplomat rollups rebuild`;
    report.warnings.push(warning);
    onWarning?.(warning);
  }
}

/** This process's staging tables in use; a process killed mid-file leaves its own behind. */
const liveStages = new Set<string>();

const newStageName = (): string => `import_stage_${Math.floor(Date.now() / 1000)}_${randomBytes(6).toString('hex')}`;

/**
 * A staging table name for SourceImportOptions.stage, in use for as long as this process runs: no
 * sweep of this process drops it. Leased while an import uses it, like any stage, so between
 * imports another process's sweep may drop it (emptyOrCreateStage makes it again); once this
 * process ends it is litter like the rest.
 */
export function reservedStageName(): string {
  const stage = newStageName();
  liveStages.add(stage);
  return stage;
}

/**
 * Drops the staging tables (copies of file rows, member data among them) that an import killed
 * mid-file left behind. Every stage in use is leased by its process (src/db/lease.ts) on a
 * server; on the embedded database no other process can be importing, so every stage not in use
 * here is litter.
 */
export async function sweepLeftoverStages(db: Db): Promise<void> {
  for (const stage of await stagingTables(db.kysely)) {
    if (liveStages.has(stage)) continue;
    if (db.target.kind === 'pglite') {
      await dropStage(db.kysely, stage);
      continue;
    }
    // The lease taken until commit, so no process can claim the name while it is dropped.
    await db.kysely.transaction().execute(async (trx) => {
      if (await takeAbandonedLease(trx, LEASE.importStage, stage)) await dropStage(trx, stage);
    });
  }
}

/** Imports one source into one table through a staging table of its own, leased while in use. */
export async function importSource(db: Db, job: SourceJob, options: SourceImportOptions = {}): Promise<FileReport> {
  const stage = options.stage ?? newStageName();
  liveStages.add(stage);
  try {
    // The lease is taken before the table exists: a sweep never sees a live stage unleased.
    return await db.withLease(LEASE.importStage, stage, () => importThroughStage(db, job, options, stage));
  } finally {
    if (!options.stage) liveStages.delete(stage);
  }
}

/** Validate, stage, check references, classify, merge. */
async function importThroughStage(db: Db, job: SourceJob, options: SourceImportOptions, stage: string): Promise<FileReport> {
  const { spec, source } = job;
  const started = performance.now();
  const path = job.path ?? source.name;
  const tuning = { ...DEFAULT_IMPORT_TUNING, ...options.tuning };
  const report = emptyFileReport(path, spec.file);
  const progress = (phase: ImportProgress['phase'], bytesRead: number): void =>
    options.onProgress?.({ path, file: spec.file, bytesRead, totalBytes: source.totalBytes, rowsRead: report.rowsRead, phase });
  let sink: RejectSink | undefined;
  try {
    let created = true;
    if (options.stage) created = await emptyOrCreateStage(db.kysely, spec, stage);
    else await createStage(db.kysely, spec, stage);
    const loaded = await loadStage({
      db,
      spec,
      source,
      stage,
      timezone: job.timezone,
      chunkRows: tuning.chunkRows,
      report,
      progress,
      makeSink: job.makeSink,
      onWarning: options.onWarning,
    });
    sink = loaded.sink;
    if (loaded.headerError) {
      report.error = loaded.headerError;
      return report;
    }
    progress('checking', source.totalBytes);
    await fillDerived(db.kysely, spec, stage);
    // Statistics for the checks, classification and merge: an unanalyzed staging table of
    // 100,000 rows can lead the planner to scan a table of millions instead of probing its index.
    // A kept stage (a series of API batches, each at most a few hundred rows) keeps the statistics
    // of its first batch: they describe every batch well enough, and a round trip less counts.
    if (created) await analyzeTable(db.kysely, stage);
    const members = options.fewMembers ? await stagedMembers(db.kysely, stage) : undefined;
    const markUnknown: typeof markUnknownReferences = (q, sp, st) => markUnknownReferences(q, sp, st, members);
    await rejectMarked(db, spec, stage, loaded.header, sink!, report, markUnknown);
    await rejectMarked(db, spec, stage, loaded.header, sink!, report, markRuleViolations);
    await keepAbsentColumns(db.kysely, spec, stage, loaded.header);
    progress('merging', source.totalBytes);
    await mergeStaged(db, spec, stage, report, tuning, options, members);
    progress('done', source.totalBytes);
    return report;
  } catch (error) {
    // The database gone is no fault of the file: the whole import stops, and the caller says so
    // (an API request answers 503 rather than 'this file failed').
    if (error instanceof DomainError || isDatabaseUnavailable(error)) throw error;
    report.error = error instanceof Error ? error.message : String(error);
    report.accepted = report.updated = report.duplicates = 0;
    return report;
  } finally {
    report.rejectsPath = (await sink?.close()) ?? null;
    // A kept stage is emptied: no file rows stay behind in it either.
    await (options.stage ? emptyStage(db.kysely, stage) : dropStage(db.kysely, stage)).catch(() => undefined);
    report.seconds = (performance.now() - started) / 1000;
  }
}
