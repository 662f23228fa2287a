// Keeps the scorecard cube (cube.sql.ts) equal to what the raw ledger says, so that no
// scorecard read scans actions. Three ways in:
// - rebuildRollups: from scratch, for every year with plan actions (also what a time
//   zone or catalog change, or a first import, triggers);
// - beginUpkeep/finish around a change (an import's merge, a void): the touched members' old
//   contributions are subtracted before the change and their new ones added after it, in the
//   change's own transaction, so the cube is never seen out of step with the ledger;
// - readCube: the scorecard's lookup, or null where the cube does not cover the period (the
//   scorecard then computes it live from the raw tables — same SQL, just slower).
// All writers take one advisory lock, so changes apply to the cube one after another.
import { createHash } from 'node:crypto';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Period } from '../scorecard/periods.js';
import type { AggregateRow } from '../scorecard/scorecard.queries.js';
import type { Segment } from '../scorecard/segments.js';
import { readSetting } from '../settings/settings.service.js';
import {
  CASELOAD_COLUMNS,
  CUBE_COLUMNS,
  PERIODS_PER_YEAR,
  caseloadFacts,
  caseloadRowsOf,
  cubeRowsOf,
  cubeTablesDdl,
  memberFacts,
  periodsOfYear,
} from './cube.sql.js';

type Q = Kysely<Database>;

const ROLLUP_LOCK = 7_245_001;
export const rollupTuning = {
  /**
   * Above this share of all members, a change rebuilds the cube rather than applying deltas
   * (a delta computes the touched members' facts twice: before and after).
   */
  rebuildShare: 0.5,
  /** From this many touched members, deltas are computed one period at a time (see buildYear). */
  perPeriodFrom: 10_000,
};

let signatureCache: string | undefined;
/** What the cube was computed with: the catalog's SQL and the tables' shape. A change rebuilds. */
function signature(db: Q): string {
  if (!signatureCache) {
    const sample = periodsOfYear(2000);
    const text = [
      memberFacts(sample, 'UTC', null).compile(db).sql,
      cubeRowsOf('f').compile(db).sql,
      caseloadFacts(sample, 'UTC').compile(db).sql,
      caseloadRowsOf('f').compile(db).sql,
      ...cubeTablesDdl(),
    ].join('\n');
    signatureCache = createHash('sha256').update(text).digest('hex').slice(0, 32);
  }
  return signatureCache;
}

export interface Coverage {
  /** The cube matches the catalog and the plan's current time zone. */
  fresh: boolean;
  years: ReadonlySet<number>;
  timezone: string;
}

export async function coverage(db: Q): Promise<Coverage> {
  const timezone = await readSetting(db, 'timezone');
  const state = await db.selectFrom('rollup_state').selectAll().executeTakeFirst();
  if (!state || state.signature !== signature(db) || state.timezone !== timezone) return { fresh: false, years: new Set(), timezone };
  const years = await db.selectFrom('rollup_years').select('year').execute();
  return { fresh: true, years: new Set(years.map((y) => y.year)), timezone };
}

const yearOf = (period: Period): number => Number(period.start.slice(0, 4));

/** The cube's rows for a period and segment, shaped like the live aggregate; null when not covered. */
export async function readCube(db: Q, period: Period, segment: Segment | null): Promise<AggregateRow[] | null> {
  const cov = await coverage(db);
  if (!cov.fresh || !cov.years.has(yearOf(period))) return null;
  const cols = [...CUBE_COLUMNS.map((c) => `k.${c}`), ...CASELOAD_COLUMNS.map((c) => `c.${c}`)].join(', ');
  const { rows } = await sql<AggregateRow>`
    SELECT k.segment_value, ${sql.raw(cols)}
    FROM scorecard_cube k LEFT JOIN caseload_cube c
      ON c.period = k.period AND c.segment = k.segment AND c.segment_value = k.segment_value
    WHERE k.period = ${period.label} AND k.segment = ${segment ?? 'all'}
    ORDER BY k.segment_value`.execute(db);
  return rows;
}

export interface RebuildProgress {
  /** The period being built. */
  period: string;
  done: number;
  total: number;
}

/** Recomputes the whole cube from the raw tables. */
export async function rebuildRollups(db: Q, onProgress?: (p: RebuildProgress) => void): Promise<{ years: number[] }> {
  return db.transaction().execute(async (trx) => {
    await lock(trx);
    return rebuildIn(trx, onProgress);
  });
}

/** Rebuilds when the cube is stale (a new catalog or time zone); true when it did. */
export async function ensureRollups(db: Q, onProgress?: (p: RebuildProgress) => void): Promise<boolean> {
  if ((await coverage(db)).fresh) return false;
  await rebuildRollups(db, onProgress);
  return true;
}

async function memberCount(trx: Q): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM members`.execute(trx);
  return Number(rows[0]?.n ?? 0);
}

async function lock(trx: Q): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK})`.execute(trx);
  // For this transaction only: JIT compiling these wide aggregates costs more than it saves,
  // and a build's sorts and hashes should stay in memory.
  await sql`SELECT set_config('jit', 'off', true), set_config('work_mem', '256MB', true)`.execute(trx);
}

async function rebuildIn(trx: Q, onProgress?: (p: RebuildProgress) => void): Promise<{ years: number[] }> {
  const timezone = await readSetting(trx, 'timezone');
  await sql`DROP TABLE IF EXISTS scorecard_cube, caseload_cube`.execute(trx);
  for (const ddl of cubeTablesDdl()) await sql.raw(ddl).execute(trx);
  await trx.deleteFrom('rollup_years').execute();
  const years = await ledgerYears(trx, timezone);
  const total = years.length * PERIODS_PER_YEAR;
  let done = 0;
  for (const year of years) await buildYear(trx, year, timezone, (period) => onProgress?.({ period, done: done++, total }));
  await trx
    .insertInto('rollup_state')
    .values({ id: 1, signature: signature(trx), timezone })
    .onConflict((oc) => oc.column('id').doUpdateSet({ signature: signature(trx), timezone, built_at: new Date() }))
    .execute();
  return { years };
}

/** The local calendar years holding plan actions: the years the cube covers. */
async function ledgerYears(trx: Q, timezone: string): Promise<number[]> {
  const { rows } = await sql<{ lo: number | null; hi: number | null }>`
    SELECT extract(year FROM min(occurred_at) AT TIME ZONE ${timezone}::text)::int AS lo,
      extract(year FROM max(occurred_at) AT TIME ZONE ${timezone}::text)::int AS hi
    FROM actions`.execute(trx);
  const { lo, hi } = rows[0] ?? { lo: null, hi: null };
  if (lo === null || hi === null) return [];
  const years: number[] = [];
  for (let y = Number(lo); y <= Number(hi); y++) {
    // Index probes: a stray date years away adds no empty years to build.
    const { rows: hit } = await sql<{ hit: boolean }>`
      SELECT EXISTS (SELECT 1 FROM actions WHERE occurred_at >= (${`${y}-01-01`}::date::timestamp AT TIME ZONE ${timezone}::text)
        AND occurred_at < (${`${y + 1}-01-01`}::date::timestamp AT TIME ZONE ${timezone}::text)) AS hit`.execute(trx);
    if (hit[0]?.hit) years.push(y);
  }
  return years;
}

/**
 * The cube of one year, one period at a time: each period's facts (one row per member) fit in
 * memory, where all 17 periods at once would spill every sort and hash of a large plan to disk.
 */
async function buildYear(trx: Q, year: number, timezone: string, onPeriod?: (label: string) => void): Promise<void> {
  await trx
    .insertInto('rollup_years')
    .values({ year })
    .onConflict((oc) => oc.doNothing())
    .execute();
  for (const period of periodsOfYear(year)) {
    onPeriod?.(period.label);
    await materializeFacts(trx, [period], timezone, null);
    await sql`INSERT INTO scorecard_cube (period, segment, segment_value, ${sql.raw(CUBE_COLUMNS.join(', '))})
      SELECT * FROM (${cubeRowsOf(FACTS)}) x`.execute(trx);
    await sql`DROP TABLE ${sql.table(FACTS)}`.execute(trx);
    await insertCaseloadCells(trx, [period], timezone);
  }
}

const FACTS = 'rollup_facts';

/** The facts of some periods (and members) into the temporary table FACTS, with statistics. */
async function materializeFacts(trx: Q, periods: readonly Period[], timezone: string, members: RawBuilder<unknown> | null): Promise<void> {
  await sql`CREATE TEMP TABLE ${sql.table(FACTS)} ON COMMIT DROP AS ${memberFacts(periods, timezone, members)}`.execute(trx);
  await sql`ANALYZE ${sql.table(FACTS)}`.execute(trx);
}

/** The caseload cells of some periods, one period at a time (see buildYear). */
async function insertCaseloadCells(trx: Q, periods: readonly Period[], timezone: string): Promise<void> {
  for (const period of periods) {
    await sql`CREATE TEMP TABLE ${sql.table(CASELOAD_FACTS)} ON COMMIT DROP AS ${caseloadFacts([period], timezone)}`.execute(trx);
    await sql`ANALYZE ${sql.table(CASELOAD_FACTS)}`.execute(trx);
    await sql`INSERT INTO caseload_cube (period, segment, segment_value, ${sql.raw(CASELOAD_COLUMNS.join(', '))})
      SELECT * FROM (${caseloadRowsOf(CASELOAD_FACTS)}) x`.execute(trx);
    await sql`DROP TABLE ${sql.table(CASELOAD_FACTS)}`.execute(trx);
  }
}

const CASELOAD_FACTS = 'rollup_caseload_facts';

/** What a change to the ledger may alter in the cube. */
export interface LedgerChange {
  /**
   * A query of (member_id, lo, hi): members whose facts may change, and the local dates the
   * change is about (null: any period). Evaluated before the change, in its transaction.
   */
  touched: ((timezone: string) => RawBuilder<unknown>) | null;
  /** Caseload cells may change (caseload, enrollment or member attributes). */
  caseload: boolean;
  /** A query of the local years (column `year`) the change adds data to; evaluated after it. */
  years?: ((timezone: string) => RawBuilder<unknown>) | null;
}

/**
 * Call inside the change's transaction, before changing anything; call the returned function
 * after the change, still inside it.
 */
export async function beginUpkeep(trx: Q, change: LedgerChange): Promise<() => Promise<void>> {
  await lock(trx);
  const cov = await coverage(trx);
  if (!cov.fresh) return async () => void (await rebuildIn(trx));
  let plan: 'none' | 'delta' | 'rebuild' = 'none';
  let deltaPeriods: Period[] = [];
  let touchedCount = 0;
  if (change.touched && cov.years.size > 0) {
    await sql`CREATE TEMP TABLE rollup_touched (member_id text, lo date, hi date) ON COMMIT DROP`.execute(trx);
    await sql`INSERT INTO rollup_touched (member_id, lo, hi) ${change.touched(cov.timezone)}`.execute(trx);
    const { rows } = await sql<{ n: number; everywhere: boolean | null; lo: string | null; hi: string | null }>`
      SELECT count(DISTINCT member_id) AS n, bool_or(lo IS NULL OR hi IS NULL) AS everywhere,
        to_char(min(lo), 'YYYY-MM-DD') AS lo, to_char(max(hi), 'YYYY-MM-DD') AS hi
      FROM rollup_touched`.execute(trx);
    const t = rows[0]!;
    const n = Number(t.n);
    touchedCount = n;
    if (n > 1000 && n > (await memberCount(trx)) * rollupTuning.rebuildShare) plan = 'rebuild';
    else if (n > 0) {
      const covered = [...cov.years].sort().flatMap(periodsOfYear);
      deltaPeriods = t.everywhere ? covered : covered.filter((p) => p.end >= t.lo! && p.start <= t.hi!);
      if (deltaPeriods.length > 0) {
        plan = 'delta';
        await sql`ANALYZE rollup_touched`.execute(trx);
        await sql`CREATE TEMP TABLE rollup_delta ON COMMIT DROP AS SELECT * FROM scorecard_cube WITH NO DATA`.execute(trx);
        await addContributions(trx, deltaPeriods, cov.timezone, -1, n);
      }
    }
  }
  return async () => {
    if (plan === 'rebuild') {
      await rebuildIn(trx);
      return;
    }
    if (plan === 'delta') {
      await addContributions(trx, deltaPeriods, cov.timezone, 1, touchedCount);
      await applyDelta(trx, deltaPeriods);
    }
    if (change.touched && cov.years.size > 0) await sql`DROP TABLE rollup_touched`.execute(trx);
    if (change.caseload && cov.years.size > 0) {
      const periods = [...cov.years].sort().flatMap(periodsOfYear);
      await sql`DELETE FROM caseload_cube`.execute(trx);
      await insertCaseloadCells(trx, periods, cov.timezone);
    }
    if (change.years) {
      const { rows } = await sql<{ year: number }>`${change.years(cov.timezone)}`.execute(trx);
      for (const year of rows.map((r) => Number(r.year)).filter((y) => !cov.years.has(y))) await buildYear(trx, year, cov.timezone);
    }
  };
}

/** Adds the touched members' contributions, times `sign`, to rollup_delta. */
async function addContributions(trx: Q, periods: readonly Period[], timezone: string, sign: 1 | -1, touched: number): Promise<void> {
  const signed = CUBE_COLUMNS.map((c) => `${sign} * x.${c}`).join(', ');
  const batches = touched >= rollupTuning.perPeriodFrom ? periods.map((p) => [p]) : [periods];
  for (const batch of batches) {
    await materializeFacts(trx, batch, timezone, sql`SELECT member_id FROM rollup_touched`);
    await sql`INSERT INTO rollup_delta SELECT x.period, x.segment, x.segment_value, ${sql.raw(signed)}
      FROM (${cubeRowsOf(FACTS)}) x`.execute(trx);
    await sql`DROP TABLE ${sql.table(FACTS)}`.execute(trx);
  }
}

/** Folds rollup_delta into the cube; cells left with no members disappear, as in a rebuild. */
async function applyDelta(trx: Q, periods: readonly Period[]): Promise<void> {
  const sums = CUBE_COLUMNS.map((c) => `sum(${c})`).join(', ');
  const anyChange = CUBE_COLUMNS.map((c) => `sum(${c}) <> 0`).join(' OR ');
  const add = CUBE_COLUMNS.map((c) => `${c} = scorecard_cube.${c} + EXCLUDED.${c}`).join(', ');
  await sql`INSERT INTO scorecard_cube (period, segment, segment_value, ${sql.raw(CUBE_COLUMNS.join(', '))})
    SELECT period, segment, segment_value, ${sql.raw(sums)} FROM rollup_delta
    GROUP BY period, segment, segment_value HAVING ${sql.raw(anyChange)}
    ON CONFLICT (period, segment, segment_value) DO UPDATE SET ${sql.raw(add)}`.execute(trx);
  await sql`DELETE FROM scorecard_cube WHERE members = 0 AND period IN (${sql.join(periods.map((p) => p.label))})`.execute(trx);
  await sql`DROP TABLE rollup_delta`.execute(trx);
}
