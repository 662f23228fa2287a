// The SQL of the rollups' builds and deltas: the statements that build the cube a period at a time
// and those that apply a change's delta (its bookkeeping is in rollup-state.queries.ts).
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { hasCitus, placeTables } from '../../db/citus.js';
import { withLocalSettings } from '../../db/local-settings.js';
import type { Database } from '../../db/database.js';
import { reusedPlan } from '../../db/reused-plans.js';
import type { AggregateRow } from '../metrics/measures.sql.js';
import type { Period } from '../metrics/periods.js';
import type { CubeSegment } from '../metrics/segments.js';
import {
  actionReach,
  APPENDED_FACT_COLUMNS,
  appendedActionFactsOf,
  FACT_LOOK_BACKS,
  monthlyActionFactsOf,
  newlyGuidedOf,
} from '../metrics/facts.sql.js';
import { sqlList } from '../ledger/rules.js';
import { finishMemberFacts } from './rollup-state.queries.js';
import {
  CASELOAD_COLUMNS,
  CUBE_COLUMNS,
  type CubeTables,
  caseloadRowsFor,
  cubeChangeOfAddedActions,
  cubeRowsOfFacts,
  cubeTablesDdl,
  factsOf,
  LIVE_TABLES,
  MEMBER_FACTS,
  memberFactsDdl,
  periodsOfYear,
} from './cube.sql.js';

type Q = Kysely<Database>;

const ROLLUP_LOCK = 7_245_001;
const CUBE_ROWS = 'rollup_cube_rows';
const CASELOAD_ROWS = 'rollup_caseload_rows';
const PERIOD_FACTS = 'rollup_period_facts';
const NEW_FACTS = 'rollup_new_facts';
const facts = sql.table(MEMBER_FACTS);

/** The cube's rows for a period and segment, shaped like the live aggregate. */
export async function cubeRows(db: Q, period: Period, segment: CubeSegment | null): Promise<AggregateRow[]> {
  const cols = [...CUBE_COLUMNS.map((c) => `k.${c}`), ...CASELOAD_COLUMNS.map((c) => `c.${c}`)].join(', ');
  const { rows } = await sql<AggregateRow>`
    SELECT k.segment_value, ${sql.raw(cols)}
    FROM scorecard_cube k LEFT JOIN caseload_cube c
      ON c.period = k.period AND c.segment = k.segment AND c.segment_value = k.segment_value
    WHERE k.period = ${period.label} AND k.segment = ${segment ?? 'all'}
    ORDER BY k.segment_value`.execute(db);
  return rows;
}

/** Every cube row of some periods, each with its period and segment. */
export async function cubeRowsOfPeriods(db: Q, periods: readonly Period[]): Promise<AggregateRow[]> {
  const cols = [...CUBE_COLUMNS.map((c) => `k.${c}`), ...CASELOAD_COLUMNS.map((c) => `c.${c}`)].join(', ');
  const { rows } = await sql<AggregateRow>`
    SELECT k.period, k.segment, k.segment_value, ${sql.raw(cols)}
    FROM scorecard_cube k LEFT JOIN caseload_cube c
      ON c.period = k.period AND c.segment = k.segment AND c.segment_value = k.segment_value
    WHERE k.period IN (${sql.join(periods.map((p) => p.label))})
    ORDER BY k.period, k.segment, k.segment_value`.execute(db);
  return rows;
}

export async function memberCount(trx: Q): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM members`.execute(trx);
  return Number(rows[0]?.n ?? 0);
}

/**
 * Serialises cube writers; sets this transaction up for wide aggregates and, for a ledger change,
 * counts the change (countChange in rollup-state.queries.ts). One statement: an API recording
 * batch pays a round trip per statement. The lock is taken in the subquery, which runs before
 * the outer list is evaluated.
 */
export async function lockRollups(trx: Q, options: { countingChange?: boolean } = {}): Promise<void> {
  await sql`
    SELECT ${BUILD_SETTINGS} ${options.countingChange ? sql`, nextval('rollup_changes')` : sql``}
    FROM (SELECT pg_advisory_xact_lock(${ROLLUP_LOCK}) OFFSET 0) AS locked`.execute(trx);
}

// For the transaction only: JIT compiling these wide aggregates costs more than it saves, and a
// build's sorts and hashes should stay in memory.
const BUILD_SETTINGS = sql`set_config('jit', 'off', true), set_config('work_mem', '256MB', true)`;

/** The settings of lockRollups without the lock: for a rebuild's builders, whose rebuild holds it (rebuild-beside.ts). */
export async function tuneForBuild(trx: Q): Promise<void> {
  await sql`SELECT ${BUILD_SETTINGS}`.execute(trx);
}

/**
 * Runs `build` with room to hash. The planner expects more groups per segment than there are, so
 * at the transaction's work_mem it would sort every member's wide row once per segment instead of
 * hashing them. A hash aggregate of the real size needs little memory and spills to disk beyond
 * this anyway.
 */
async function hashingAggregates<T>(trx: Q, build: () => Promise<T>): Promise<T> {
  return withLocalSettings(trx, { work_mem: '1GB' }, build);
}

/**
 * Runs the appended-actions statement (addAppendedActions) with the plan its real sizes call for.
 * Joins are answered by index probes: the new rows' facts match a small share of member_facts (a
 * few periods of the members who had actions), and a hash join would read all of it. At 100,000
 * members the planner chose the probes by itself; this keeps it doing so where its statistics lag
 * (member_facts changes within the transaction and is analyzed only by a build). And the grouping
 * of the updated rows into the cube's segments hashes every grouping set: the planner expects 50
 * rows from the UPDATE where there are 130,000, and so sorted them all first for two of the sets
 * (0.2 s of sorting at 100,000 members to save nothing).
 */
async function withAppendPlan(trx: Q, work: () => Promise<void>): Promise<void> {
  await withLocalSettings(trx, { enable_hashjoin: 'off', enable_mergejoin: 'off', enable_sort: 'off' }, work);
}

/** Empty cube tables and member facts of the current catalog's shape, and no covered years. */
export async function resetCube(trx: Q): Promise<void> {
  await replaceCubeTables(trx, LIVE_TABLES);
  await placeTables(trx);
  await trx.deleteFrom('rollup_years').execute();
}

/** Drops a set of cube tables, those that exist. */
async function dropCubeTables(trx: Q, tables: CubeTables): Promise<void> {
  await sql`DROP TABLE IF EXISTS ${sql.join(Object.values(tables).map((t) => sql.table(t)))}`.execute(trx);
}

/** A set of cube tables made new and empty, of the current catalog's shape. */
async function replaceCubeTables(trx: Q, tables: CubeTables): Promise<void> {
  await dropCubeTables(trx, tables);
  for (const ddl of cubeTablesDdl(tables)) await sql.raw(ddl).execute(trx);
  await memberFactsDdl(tables.facts).execute(trx);
}

/** The tables a rebuild on several connections fills beside the live ones (rebuild-beside.ts). */
export const NEXT_TABLES: Readonly<CubeTables> = Object.freeze({
  cube: 'scorecard_cube_next',
  caseload: 'caseload_cube_next',
  facts: 'member_facts_next',
});

/** Empty tables for a rebuild beside the live ones; what an interrupted one left is dropped first. */
export async function createNextTables(trx: Q): Promise<void> {
  await replaceCubeTables(trx, NEXT_TABLES);
  await dropMonthlyActions(trx);
}

/** Drops a rebuild's tables beside the live ones, its monthly action counts too. */
export async function dropNextTables(trx: Q): Promise<void> {
  await dropCubeTables(trx, NEXT_TABLES);
  await dropMonthlyActions(trx);
}

/**
 * Puts a rebuild's filled tables in place of the live ones, with the live ones' names down to
 * their keys' (so the next rebuild's tables can take the _next names again), member_facts keyed
 * and counted, and no covered years yet. Readers wait only for this.
 */
export async function swapInNextTables(trx: Q): Promise<void> {
  await dropCubeTables(trx, LIVE_TABLES);
  for (const k of Object.keys(LIVE_TABLES) as (keyof CubeTables)[])
    await sql`ALTER TABLE ${sql.table(NEXT_TABLES[k])} RENAME TO ${sql.table(LIVE_TABLES[k])}`.execute(trx);
  // The cube tables were created with their keys (member_facts gets its key below).
  for (const k of ['cube', 'caseload'] as const) {
    await sql`ALTER INDEX ${sql.table(`${NEXT_TABLES[k]}_pkey`)} RENAME TO ${sql.table(`${LIVE_TABLES[k]}_pkey`)}`.execute(trx);
  }
  await finishMemberFacts(trx);
  await trx.deleteFrom('rollup_years').execute();
}

/** The first and last local year of any plan action. */
export async function actionYearBounds(trx: Q, timezone: string): Promise<{ lo: number; hi: number } | null> {
  const { rows } = await sql<{ lo: number | null; hi: number | null }>`
    SELECT extract(year FROM min(occurred_at) AT TIME ZONE ${timezone}::text)::int AS lo,
      extract(year FROM max(occurred_at) AT TIME ZONE ${timezone}::text)::int AS hi
    FROM actions`.execute(trx);
  const { lo, hi } = rows[0] ?? { lo: null, hi: null };
  return lo === null || hi === null ? null : { lo: Number(lo), hi: Number(hi) };
}

/** An index probe: whether the local year holds any action. */
export async function yearHasActions(trx: Q, year: number, timezone: string): Promise<boolean> {
  const { rows } = await sql<{ hit: boolean }>`
    SELECT EXISTS (SELECT 1 FROM actions WHERE occurred_at >= (${`${year}-01-01`}::date::timestamp AT TIME ZONE ${timezone}::text)
      AND occurred_at < (${`${year + 1}-01-01`}::date::timestamp AT TIME ZONE ${timezone}::text)) AS hit`.execute(trx);
  return Boolean(rows[0]?.hit);
}

/**
 * The table of a build's action facts per member and local month (monthlyActionFactsOf over the
 * ledger), which its periods sum instead of each counting the ledger's actions again.
 */
export const MONTHLY_ACTIONS = 'rollup_monthly_actions';

/**
 * Counts the ledger's actions of `years` per member and local month into MONTHLY_ACTIONS, once for
 * all of the years' periods. `shared`: an unlogged table that the builders of a rebuild beside read
 * from their own connections (dropMonthlyActions drops it); otherwise a temporary one, dropped at
 * commit at the latest.
 */
export async function createMonthlyActions(trx: Q, years: readonly number[], timezone: string, shared: boolean): Promise<void> {
  const ledger = sql`(SELECT * FROM actions WHERE voided_at IS NULL)`;
  const kind = shared ? sql`UNLOGGED` : sql`TEMP`;
  const onCommit = shared ? sql`` : sql`ON COMMIT DROP`;
  const table = sql.table(MONTHLY_ACTIONS);
  // Stored by month and indexed by it: a month's period reads its twelfth of the table's pages.
  // Analyzed: without statistics the planner sorted a year's 590,000 rows (100,000 members) to
  // sum them, where hashing takes half the time.
  await hashingAggregates(trx, () =>
    sql`CREATE ${kind} TABLE ${table} ${onCommit} AS
      SELECT * FROM (${monthlyActionFactsOf(ledger, years.flatMap(periodsOfYear), timezone)}) m ORDER BY month`.execute(trx),
  );
  await sql`CREATE INDEX ON ${table} (month)`.execute(trx);
  await sql`ANALYZE ${table}`.execute(trx);
}

export async function dropMonthlyActions(trx: Q): Promise<void> {
  await sql`DROP TABLE IF EXISTS ${sql.table(MONTHLY_ACTIONS)}`.execute(trx);
}

/**
 * The member facts, cube rows and caseload cells of one period. The facts are computed by CREATE
 * TABLE AS, which PostgreSQL may run in parallel (an INSERT … SELECT never is), grouped into the
 * cube's rows, joined to the period's caseload assignments (member_facts has no key until the
 * build ends, so they are joined here), and copied into member_facts. `monthly`: the action facts
 * are summed from MONTHLY_ACTIONS (createMonthlyActions) rather than counted from the ledger.
 */
export async function insertCubePeriod(
  trx: Q,
  period: Period,
  timezone: string,
  tables: CubeTables = LIVE_TABLES,
  monthly = false,
): Promise<void> {
  const periodFacts = sql.table(PERIOD_FACTS);
  const into = sql.table(tables.facts);
  await hashingAggregates(trx, async () => {
    const facts = factsOf([period], timezone, null, true, monthly ? sql.table(MONTHLY_ACTIONS) : null);
    await sql`CREATE TEMP TABLE ${periodFacts} ON COMMIT DROP AS ${facts}`.execute(trx);
    // Every grouping set hashed: the planner, with no statistics on the new table, sorted the
    // period's facts for two of them (0.1 s of a month's 0.8 at 100,000 members).
    await withLocalSettings(trx, { enable_sort: 'off' }, () =>
      sql`CREATE TEMP TABLE ${sql.table(CUBE_ROWS)} ON COMMIT DROP AS ${cubeRowsOfFacts(periodFacts)}`.execute(trx),
    );
  });
  await sql`INSERT INTO ${sql.table(tables.cube)} (period, segment, segment_value, ${sql.raw(CUBE_COLUMNS.join(', '))})
    SELECT * FROM ${sql.table(CUBE_ROWS)}`.execute(trx);
  if (await hasCitus(trx)) {
    // On Citus the caseload cells join the period's facts on the shards, once they are stored
    // there: joined with the coordinator's temporary table, Citus first pulled every assignment of
    // the period to the coordinator (46–55 s of a period's 80 at a million members).
    await sql`INSERT INTO ${into} SELECT * FROM ${periodFacts}`.execute(trx);
    await insertCaseloadRows(trx, caseloadRowsFor([period], timezone, into), tables.caseload);
  } else {
    // On one server the temporary table is the cheaper side: member_facts has no key until the build ends.
    await insertCaseloadRows(trx, caseloadRowsFor([period], timezone, periodFacts), tables.caseload);
    await sql`INSERT INTO ${into} SELECT * FROM ${periodFacts}`.execute(trx);
  }
  await sql`DROP TABLE ${sql.table(CUBE_ROWS)}, ${periodFacts}`.execute(trx);
}

async function insertCaseloadRows(trx: Q, rows: RawBuilder<unknown>, table = LIVE_TABLES.caseload): Promise<void> {
  await sql`CREATE TEMP TABLE ${sql.table(CASELOAD_ROWS)} ON COMMIT DROP AS ${rows}`.execute(trx);
  await sql`INSERT INTO ${sql.table(table)} (period, segment, segment_value, ${sql.raw(CASELOAD_COLUMNS.join(', '))})
    SELECT * FROM ${sql.table(CASELOAD_ROWS)}`.execute(trx);
  await sql`DROP TABLE ${sql.table(CASELOAD_ROWS)}`.execute(trx);
}

/** The caseload cells of some periods from member_facts, one period at a time (each period's assignments fit in memory). */
export async function insertCaseloadCells(trx: Q, periods: readonly Period[], timezone: string): Promise<void> {
  for (const period of periods) await insertCaseloadRows(trx, caseloadRowsFor([period], timezone, facts));
}

export async function clearCaseloadCells(trx: Q): Promise<void> {
  await sql`DELETE FROM caseload_cube`.execute(trx);
}

export interface Touched {
  members: number;
  /** Some change is about any period (no date). */
  everywhere: boolean;
  lo: string | null;
  hi: string | null;
}

/**
 * Collects a change's touched members and dates in the temporary table rollup_touched — created
 * only when some member is touched: most changes through the API (a new action) touch none, and
 * creating and dropping a table costs them more than the rest of their upkeep.
 */
export async function collectTouched(trx: Q, touched: RawBuilder<unknown>): Promise<Touched> {
  // EXISTS stops at the first row: a change that touches no one pays one cheap probe.
  const { rows: probe } = await sql<{ any: boolean }>`SELECT EXISTS (${touched}) AS any`.execute(trx);
  if (!probe[0]?.any) return { members: 0, everywhere: false, lo: null, hi: null };
  await sql`CREATE TEMP TABLE rollup_touched (member_id text, lo date, hi date) ON COMMIT DROP`.execute(trx);
  await sql`INSERT INTO rollup_touched (member_id, lo, hi) ${touched}`.execute(trx);
  const { rows } = await sql<{ n: number; everywhere: boolean | null; lo: string | null; hi: string | null }>`
    SELECT count(DISTINCT member_id) AS n, bool_or(lo IS NULL OR hi IS NULL) AS everywhere,
      to_char(min(lo), 'YYYY-MM-DD') AS lo, to_char(max(hi), 'YYYY-MM-DD') AS hi
    FROM rollup_touched`.execute(trx);
  const t = rows[0]!;
  return { members: Number(t.n), everywhere: Boolean(t.everywhere), lo: t.lo, hi: t.hi };
}

export async function dropTouched(trx: Q): Promise<void> {
  await sql`DROP TABLE rollup_touched`.execute(trx);
}

/** Statistics on the touched members, so the deltas' joins are planned for their number. */
export async function analyzeTouched(trx: Q): Promise<void> {
  await sql`ANALYZE rollup_touched`.execute(trx);
}

/** An empty delta table shaped like the cube: the signed rows a change adds up before they are folded in. */
export async function startDelta(trx: Q): Promise<void> {
  await sql`CREATE TEMP TABLE rollup_delta ON COMMIT DROP AS SELECT * FROM scorecard_cube WITH NO DATA`.execute(trx);
}

/** Adds the cube rows of some facts (a from-item), times `sign`, to rollup_delta. */
async function addToDelta(trx: Q, of: RawBuilder<unknown>, sign: 1 | -1): Promise<void> {
  const signed = CUBE_COLUMNS.map((c) => `${sign} * x.${c}`).join(', ');
  await sql`INSERT INTO rollup_delta SELECT x.period, x.segment, x.segment_value, ${sql.raw(signed)}
    FROM (${cubeRowsOfFacts(of, true)}) x`.execute(trx);
}

const labels = (periods: readonly Period[]): RawBuilder<unknown> => sql.join(periods.map((p) => p.label));

/**
 * Before a change: the touched members' stored facts in `periods` are taken out — their
 * contributions subtracted from the cube, their rows deleted. Read from member_facts, not
 * recomputed from the ledger: an index probe per member and period.
 */
export async function takeOutTouched(trx: Q, periods: readonly Period[]): Promise<void> {
  const where = sql`f.label IN (${labels(periods)}) AND f.member_id IN (SELECT t.member_id FROM rollup_touched t)`;
  await addToDelta(trx, sql`(SELECT f.* FROM ${facts} f WHERE ${where})`, -1);
  await sql`DELETE FROM ${facts} f WHERE ${where}`.execute(trx);
}

/**
 * After it: the touched members' facts in `periods`, computed from the ledger, are stored and
 * their contributions added. `probe`: look the members up through each table's member index (few
 * members); otherwise a semi-join the planner can hash (an id array compared row by row would be
 * quadratic on a scan).
 */
export async function putBackTouched(trx: Q, periods: readonly Period[], timezone: string, probe: boolean): Promise<void> {
  const touched = sql`SELECT member_id FROM rollup_touched`;
  await sql`CREATE TEMP TABLE ${sql.table(NEW_FACTS)} ON COMMIT DROP AS ${factsOf(periods, timezone, touched, probe)}`.execute(trx);
  await addToDelta(trx, sql.table(NEW_FACTS), 1);
  await sql`INSERT INTO ${facts} SELECT * FROM ${sql.table(NEW_FACTS)}`.execute(trx);
  await sql`DROP TABLE ${sql.table(NEW_FACTS)}`.execute(trx);
}

/**
 * The first and last local date the action rows of a table can change facts for (actionReach),
 * and whether any is of a type a fact looks back at (FACT_LOOK_BACKS).
 */
export async function actionDates(
  trx: Q,
  table: string,
  timezone: string,
): Promise<{ lo: string; hi: string; lookedBackAt: boolean } | null> {
  const reach = actionReach('a', sql`${timezone}::text`);
  const types = sqlList(FACT_LOOK_BACKS.flatMap((l) => l.actionTypes));
  const { rows } = await sql<{ lo: string | null; hi: string | null; looked_back_at: boolean | null }>`
    SELECT to_char(min(${reach.lo}), 'YYYY-MM-DD') AS lo, to_char(max(${reach.hi}), 'YYYY-MM-DD') AS hi,
      bool_or(a.action_type IN ${sql.raw(types)}) AS looked_back_at
    FROM ${sql.table(table)} a`.execute(trx);
  const r = rows[0];
  return r?.lo && r.hi ? { lo: r.lo, hi: r.hi, lookedBackAt: r.looked_back_at === true } : null;
}

/**
 * New action rows (the table `table`, all new to the ledger and already in it): what they add to
 * their members' facts in `periods` (their action counts, and the renewals new guidance guides) is
 * added to the stored facts, and the cube gets the difference — linear in the new rows, with no
 * member's history recomputed.
 * A member outside E(P) has no facts row in P, and its actions count nowhere there, as in a build.
 *
 * A statement for each kind of increment, no temporary tables: an API recording runs this for
 * every batch, and creating, analysing and dropping tables cost more than the work. The UPDATE returns each matched facts row
 * as it is now (`new`) with the increments it got, so the stored facts are read once, by the
 * UPDATE. The increments come sorted by member, then period, so the probes of each period walk
 * member_facts' index and pages in order (at a million members 2.0 s for 289,000 probes, against
 * 3.7 s in hash order). Member first: its ids sort on their leading bytes, where the few period
 * labels leading made every comparison read both whole keys (0.2 s of 0.45 for 130,000 rows).
 * The cube moves by what the increments change in the measures that read those facts, in one
 * grouping pass over `new` (cubeChangeOfAddedActions). A member's rows stay, so no cell changes
 * its member count and none empties.
 */
export async function addAppendedActions(
  trx: Q,
  table: string,
  periods: readonly Period[],
  timezone: string,
  options: {
    /** Members in rollup_touched are recomputed instead. */
    exceptTouched: boolean;
    /** Some row is of a type a fact looks back at (renewal guidance): then its increments too. */
    lookedBackAt: boolean;
    /** Every row's member, when few and known (an API batch). */
    members?: readonly string[] | undefined;
  },
): Promise<void> {
  const { exceptTouched, members } = options;
  // NOT IN, a hashed subplan: the statement runs with hash joins off (for its probes of
  // member_facts), under which NOT EXISTS became a nested loop over rollup_touched for every row
  // (55 s for 100,000 new actions at 100,000 members). Neither side holds a NULL member id.
  const rows = exceptTouched
    ? sql`(SELECT s.* FROM ${sql.table(table)} s WHERE s.member_id NOT IN (SELECT t.member_id FROM rollup_touched t WHERE t.member_id IS NOT NULL))`
    : sql.table(table);
  // Every row's member is among `members` when given: said outright, Citus touches their shards only.
  const matches = members
    ? sql`i.label = f.label AND i.member_id = f.member_id AND f.member_id = ANY(${members}::text[])`
    : sql.raw('i.label = f.label AND i.member_id = f.member_id');
  const add = APPENDED_FACT_COLUMNS.map((c) => `${c} = f.${c} + i.${c}`).join(', ');
  const added = APPENDED_FACT_COLUMNS.map((c) => `i.${c} AS added_${c}`).join(', ');
  // Two statements: the action counts, then the renewals new guidance guides (few rows, if any).
  // One statement over both would group every member's counts a second time to merge them.
  for (const increments of options.lookedBackAt ? [appendedActionFactsOf, newlyGuidedOf] : [appendedActionFactsOf]) {
    const statement = sql`
        WITH inc AS MATERIALIZED (SELECT * FROM (${increments(rows, periods, timezone)}) i0 ORDER BY member_id, label),
        new AS (UPDATE ${facts} f SET ${sql.raw(add)} FROM inc i WHERE ${matches} RETURNING f.*, ${sql.raw(added)}),
        d AS (${cubeChangeOfAddedActions(sql`new`)})
        ${foldIntoCube(sql`d`)}`;
    // An API batch (its members known) sends this same text batch after batch: planned once per
    // connection (reused-plans.ts). An import's staging table is new each time, so is its text.
    await withAppendPlan(trx, async () => void (await (members ? reusedPlan(statement) : statement).execute(trx)));
  }
}

/** Adds signed cube rows (a from-item with the cube's columns) to the cube, cell by cell. */
function foldIntoCube(signed: RawBuilder<unknown>): RawBuilder<unknown> {
  const sums = CUBE_COLUMNS.map((c) => `sum(${c})`).join(', ');
  const anyChange = CUBE_COLUMNS.map((c) => `sum(${c}) <> 0`).join(' OR ');
  const add = CUBE_COLUMNS.map((c) => `${c} = scorecard_cube.${c} + EXCLUDED.${c}`).join(', ');
  return sql`INSERT INTO scorecard_cube (period, segment, segment_value, ${sql.raw(CUBE_COLUMNS.join(', '))})
    SELECT period, segment, segment_value, ${sql.raw(sums)} FROM ${signed}
    GROUP BY period, segment, segment_value HAVING ${sql.raw(anyChange)}
    ON CONFLICT (period, segment, segment_value) DO UPDATE SET ${sql.raw(add)}`;
}

/** Folds rollup_delta into the cube; cells left with no members disappear, as in a rebuild. */
export async function applyDelta(trx: Q, periods: readonly Period[]): Promise<void> {
  await foldIntoCube(sql`rollup_delta`).execute(trx);
  await sql`DELETE FROM scorecard_cube WHERE members = 0 AND period IN (${sql.join(periods.map((p) => p.label))})`.execute(trx);
  await sql`DROP TABLE rollup_delta`.execute(trx);
}

/** The years a change's `years` query names. */
export async function yearsOf(trx: Q, query: RawBuilder<unknown>): Promise<number[]> {
  const { rows } = await sql<{ year: number }>`${query}`.execute(trx);
  return rows.map((r) => Number(r.year));
}
