// Benchmark steps on the database side: import against a raw COPY, rebuilding the rollups, the
// scorecard against DuckDB over the same files, and an increment of new actions in bulk.
import { join } from 'node:path';
import type { Db } from '../src/db/connect.js';
import { FILE_NAMES } from '../src/domain/import/file-specs.js';
import { importPaths } from '../src/domain/import/import.service.js';
import { parsePeriod } from '../src/domain/metrics/periods.js';
import { SEGMENTS } from '../src/domain/metrics/segments.js';
import { rebuild, rebuildsBeside } from '../src/domain/rollups/rebuild-beside.js';
import { rebuildRollups } from '../src/domain/rollups/rollups.service.js';
import { computeContractScorecard } from '../src/domain/contracts/contract-scorecard.service.js';
import { computeScorecard } from '../src/domain/scorecard/scorecard.service.js';
import { rawCopy } from './baseline-copy.js';
import { DuckDbBaseline } from './baseline-duckdb.js';
import { fmt, median, timed, withPeakRss } from './measure.js';
import { increment } from './plan-files.js';
import type { Results } from './results-table.js';

export interface BenchContext {
  name: string;
  db: Db;
  /** The plan's files. */
  dir: string;
  reportDir: string;
  results: Results;
}

const PERIODS = ['2025-06', '2025-Q2', '2025'];
const OTHER_FILES = FILE_NAMES.filter((f) => f !== 'actions');

/** The median of three runs after one warm-up. */
async function warmMs(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push((await timed(fn)).ms);
  return median(runs);
}

/** Imports the plan; returns the number of action rows read. */
export async function benchImport(ctx: BenchContext): Promise<number> {
  const { name, db, dir, results } = ctx;
  const rest = await timed(() =>
    importPaths(
      db,
      OTHER_FILES.map((f) => join(dir, `${f}.csv`)),
      { reportDir: ctx.reportDir },
    ),
  );
  results.add(
    name,
    `import of the other ${OTHER_FILES.length} files`,
    `${fmt(rest.result.totals.rowsRead)} rows in ${fmt(rest.ms / 1000, 1)} s`,
  );
  const actions = join(dir, 'actions.csv');
  const imp = await withPeakRss(() => importPaths(db, [actions], { reportDir: ctx.reportDir }));
  const rowsRead = imp.result.totals.rowsRead;
  const base = await timed(() => rawCopy(db, actions));
  const ours = rowsRead / (imp.ms / 1000);
  const raw = base.result / (base.ms / 1000);
  results.add(name, 'import actions.csv (rows/s)', fmt(ours), `${fmt(raw)} raw COPY`, `${fmt(ours / raw, 2)}×`);
  const rssLabel = name === 'pglite' ? 'the process incl. the embedded DB' : 'the importing process';
  results.add(name, `import peak RSS (MB, ${rssLabel})`, fmt(imp.peakMb));
  results.record(`${name}.import`, {
    rows: rowsRead,
    seconds: imp.ms / 1000,
    rowsPerSecond: ours,
    rawCopyRowsPerSecond: raw,
    peakRssMb: imp.peakMb,
  });
  return rowsRead;
}

export async function benchRebuild(ctx: BenchContext): Promise<void> {
  const ours = await timed(() => rebuild(ctx.db));
  if (!(await rebuildsBeside(ctx.db))) {
    ctx.results.add(ctx.name, 'rollups rebuilt from scratch (s)', fmt(ours.ms / 1000, 1));
    ctx.results.record(`${ctx.name}.rollupRebuildMs`, ours.ms);
    return;
  }
  // The baseline: the same rebuild in one transaction on one connection, as the embedded database
  // (and, before rebuild-beside.ts, PostgreSQL) runs it.
  const oneConnection = await timed(() => rebuildRollups(ctx.db.kysely));
  ctx.results.add(
    ctx.name,
    'rollups rebuilt from scratch (s)',
    fmt(ours.ms / 1000, 1),
    `${fmt(oneConnection.ms / 1000, 1)} s on one connection`,
    `${fmt(oneConnection.ms / ours.ms, 2)}× faster`,
  );
  ctx.results.record(`${ctx.name}.rollupRebuildMs`, ours.ms);
  ctx.results.record(`${ctx.name}.rollupRebuildOneConnectionMs`, oneConnection.ms);
}

async function slowestSegment(
  ctx: BenchContext,
  duck: DuckDbBaseline,
  label: string,
): Promise<{ ms: number; segment: string; duckMs: number }> {
  const period = parsePeriod(label);
  const worst = { ms: 0, segment: '', duckMs: 0 };
  for (const by of SEGMENTS) {
    const ms = await warmMs(() => computeScorecard(ctx.db, { period: label, by }));
    if (ms > worst.ms) Object.assign(worst, { ms, segment: by });
    // The tables are in memory already: one run each keeps a million-member run bounded.
    worst.duckMs = Math.max(worst.duckMs, (await timed(() => duck.scorecard(period, by))).ms);
  }
  return worst;
}

export async function benchScorecards(ctx: BenchContext): Promise<void> {
  const { name, db, results } = ctx;
  const duck = await timed(() => DuckDbBaseline.load(ctx.dir));
  results.add(name, 'DuckDB baseline: load the CSV files (s)', '', fmt(duck.ms / 1000, 1));
  for (const label of PERIODS) {
    const cold = await timed(() => computeScorecard(db, { period: label }));
    const warm = await warmMs(() => computeScorecard(db, { period: label }));
    const duckWarm = await warmMs(() => duck.result.scorecard(parsePeriod(label), 'all'));
    const vs = (ms: number, base: number): [string, string] => [`${fmt(base)} DuckDB`, `${fmt(base / ms)}× faster`];
    results.add(name, `scorecard ${label}, whole plan: cold / warm (ms)`, `${fmt(cold.ms, 1)} / ${fmt(warm, 1)}`, ...vs(warm, duckWarm));
    const worst = await slowestSegment(ctx, duck.result, label);
    results.add(
      name,
      `scorecard ${label}, slowest segment: warm (ms)`,
      `${fmt(worst.ms, 1)} (${worst.segment})`,
      ...vs(worst.ms, worst.duckMs),
    );
    results.record(`${name}.scorecard.${label}`, {
      coldMs: cold.ms,
      warmMs: warm,
      slowestSegmentMs: worst.ms,
      slowestSegment: worst.segment,
      duckdbWarmMs: duckWarm,
      duckdbSlowestSegmentMs: worst.duckMs,
    });
  }
  duck.result.close();
}

/** Every contract's scorecard of a period (SPEC 7.3), warm, next to the plan scorecard of the same period. */
export async function benchContractScorecards(ctx: BenchContext): Promise<void> {
  const { name, db, results } = ctx;
  for (const label of PERIODS) {
    const rows = await computeContractScorecard(db, { period: label });
    const contracts = rows.filter((r) => r.measure_id === null).length;
    const warm = await warmMs(() => computeContractScorecard(db, { period: label }));
    const plan = await warmMs(() => computeScorecard(db, { period: label }));
    results.add(
      name,
      `contract scorecards ${label}, all ${contracts} contracts: warm (ms)`,
      fmt(warm, 1),
      `${fmt(plan, 1)} plan scorecard`,
    );
    results.record(`${name}.contractScorecard.${label}`, { contracts, warmMs: warm, planScorecardWarmMs: plan });
  }
}

export async function benchIncrement(ctx: BenchContext, rows: number): Promise<void> {
  const bulk = await increment(ctx.dir, rows, 'INC');
  const imported = await timed(() => importPaths(ctx.db, [bulk], { reportDir: ctx.reportDir }));
  const reflected = await timed(() => computeScorecard(ctx.db, { period: '2025-12' }));
  // The floor: the same rows copied raw into a bare table, as the import's baseline does.
  const raw = await timed(() => rawCopy(ctx.db, bulk));
  const ours = imported.ms + reflected.ms;
  const label = `${fmt(rows)} new actions, bulk import until the scorecard shows them (s)`;
  ctx.results.add(ctx.name, label, fmt(ours / 1000, 2), `${fmt(raw.ms / 1000, 2)} raw COPY`, `${fmt(ours / raw.ms, 0)}× the time`);
  ctx.results.record(`${ctx.name}.increment`, { rows, importMs: imported.ms, scorecardMs: reflected.ms, rawCopyMs: raw.ms });
}
