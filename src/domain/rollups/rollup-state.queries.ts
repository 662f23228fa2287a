// The cube's bookkeeping: which years it covers, what it was computed with, and the counter of
// ledger changes a build in steps (build-in-steps.ts) checks between its steps.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Period } from '../metrics/periods.js';
import { MEMBER_FACTS, memberFactsKeyDdl } from './cube.sql.js';

type Q = Kysely<Database>;

const facts = sql.table(MEMBER_FACTS);

export interface CoverageState {
  /** The plan's time zone setting as stored (null: never set, the default applies). */
  timezoneSetting: string | null;
  /** What the cube was built with; null when it never was. */
  built: { signature: string; timezone: string } | null;
  years: number[];
}

/**
 * The plan's time zone, what the cube was built with and the years it covers, in one statement:
 * every scorecard read and every API recording asks, and three round trips were a tenth of a
 * recording batch's statements.
 */
export async function coverageState(db: Q): Promise<CoverageState> {
  const { rows } = await sql<{ timezone_setting: string | null; signature: string | null; built_timezone: string | null; years: number[] }>`
    SELECT (SELECT value FROM settings WHERE key = 'timezone') AS timezone_setting,
           s.signature, s.timezone AS built_timezone,
           ARRAY(SELECT year FROM rollup_years ORDER BY year) AS years
    FROM (SELECT 1) AS one LEFT JOIN rollup_state AS s ON true`.execute(db);
  const row = rows[0]!;
  return {
    timezoneSetting: row.timezone_setting,
    built: row.signature === null ? null : { signature: row.signature, timezone: row.built_timezone! },
    years: row.years.map(Number),
  };
}

export async function saveRollupState(trx: Q, signature: string, timezone: string): Promise<void> {
  await trx
    .insertInto('rollup_state')
    .values({ id: 1, signature, timezone })
    .onConflict((oc) => oc.column('id').doUpdateSet({ signature, timezone, built_at: new Date() }))
    .execute();
}

/**
 * Where the ledger's changes stand: a token that differs after any change applied since (see
 * migration 0012). last_value alone cannot tell a new sequence from one used once.
 */
export async function changesToken(trx: Q): Promise<string> {
  const { rows } = await sql<{ token: string }>`SELECT last_value::text || ':' || is_called::text AS token FROM rollup_changes`.execute(
    trx,
  );
  return rows[0]!.token;
}

/** Marks a change to what the cube is computed from (a build in steps then starts its year again). */
export async function countChange(trx: Q): Promise<void> {
  await sql`SELECT nextval('rollup_changes')`.execute(trx);
}

/** Removes whatever an interrupted build left of a year that is not covered. */
export async function clearYear(trx: Q, periods: readonly Period[]): Promise<void> {
  const labels = sql.join(periods.map((p) => p.label));
  await sql`DELETE FROM scorecard_cube WHERE period IN (${labels})`.execute(trx);
  await sql`DELETE FROM caseload_cube WHERE period IN (${labels})`.execute(trx);
  await sql`DELETE FROM ${facts} WHERE label IN (${labels})`.execute(trx);
}

/**
 * After a build filled member_facts: its key, added once the rows are in (one sort), unless it has
 * one (a build in steps may only add years to a table that kept its key), and statistics for the
 * deltas' joins.
 */
export async function finishMemberFacts(trx: Q): Promise<void> {
  const { rows } = await sql<{ keyed: boolean }>`
    SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = to_regclass(${MEMBER_FACTS}) AND contype = 'p') AS keyed`.execute(trx);
  if (!rows[0]?.keyed) await memberFactsKeyDdl().execute(trx);
  await analyzeMemberFacts(trx);
}

/** Statistics on member_facts, which autovacuum may take long to gather after a build (the planner's estimates of every delta depend on them). */
export async function analyzeMemberFacts(trx: Q): Promise<void> {
  await sql`ANALYZE ${facts}`.execute(trx);
}

export async function addCoveredYear(trx: Q, year: number): Promise<void> {
  await trx
    .insertInto('rollup_years')
    .values({ year })
    .onConflict((oc) => oc.doNothing())
    .execute();
}
