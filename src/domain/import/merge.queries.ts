// The SQL of an import: a staging table per file, reference checks, the accepted / updated /
// duplicate classification and the merge. Identifiers come only from FILE_SPECS and a random
// staging name, never from input; values never appear in this SQL.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { MEMBER_KEYED_TABLES, registerLocalTable } from '../../db/citus.js';
import type { Database } from '../../db/database.js';
import { withLocalSettings } from '../../db/local-settings.js';
import { reusedPlan } from '../../db/reused-plans.js';
import type { FileSpec } from './file-specs.js';
import { tableColumns } from './file-specs.js';

type Q = Kysely<Database>;

export const REJECT_COLUMN = '_reject_column';
export const REJECT_REASON = '_reject_reason';

const list = (cols: readonly string[], prefix = ''): string => cols.map((c) => `${prefix}${c}`).join(', ');
const rowOf = (cols: readonly string[], prefix: string): string => `ROW(${list(cols, prefix)})`;

/**
 * The rows of `table` whose `columns` equal a staged row's `stagedColumns`: the subquery to
 * outer-join a staging table to. Outer-joined to a distributed table itself, the staging table
 * makes Citus pull that table whole to the coordinator (6.5 s of every API recording with the
 * actions of 100,000 members); this semi-join it runs on the shards with the staged keys sent
 * along. PostgreSQL plans it as a hash semi-join.
 */
function storedMatching(table: string, columns: readonly string[], stage: string, stagedColumns = columns, also = ''): string {
  return `(SELECT t.* FROM ${table} t WHERE (${list(columns, 't.')}) IN (SELECT ${list(stagedColumns, 'k.')} FROM ${stage} k)${also})`;
}

/** Where a statement's text takes the member ids of MemberHint (bound as a parameter by withMembers). */
const MEMBERS_MARK = '/*members*/';

/**
 * The members every staged row names, when they are few (an API batch: stagedMembers);
 * undefined otherwise. Statements that read a member-keyed table for those rows are
 * limited to them, so Citus sends each to those members' shards instead of all 32.
 */
export type MemberHint = readonly string[] | undefined;

/** A statement's text with each MEMBERS_MARK bound to the hint's ids as a text[] parameter. */
function withMembers(text: string, members: MemberHint): RawBuilder<unknown> {
  const parts = text.split(MEMBERS_MARK);
  if (parts.length > 1 && !members) throw new Error('a member filter without members');
  return sql.join(
    parts.map((p) => sql.raw(p)),
    sql`${members}::text[]`,
  );
}

/** The staging table's columns, in COPY order: the CSV line number, then the table's columns. */
export function stageColumns(spec: FileSpec): string[] {
  return ['line', ...tableColumns(spec)];
}

export async function createStage(db: Q, spec: FileSpec, stage: string): Promise<void> {
  // Same column types as the target, no constraints; unlogged because it is scratch space.
  await sql
    .raw(
      `CREATE UNLOGGED TABLE ${stage} AS SELECT 0::integer AS line, ${list(tableColumns(spec), 't.')},
         NULL::text AS ${REJECT_COLUMN}, NULL::text AS ${REJECT_REASON}
       FROM ${spec.table} t WITH NO DATA`,
    )
    .execute(db);
  await registerLocalTable(db, stage);
}

/** The staging tables in the database (`import_stage_<seconds>_<random>`), left over or in use. */
export async function stagingTables(db: Q): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE 'import\\_stage\\_%'`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * Empties a staging table kept for a series of imports; creates it if it is not there yet or is
 * gone (another process's sweep dropped it while it was not in use). True when it was created.
 */
export async function emptyOrCreateStage(db: Q, spec: FileSpec, stage: string): Promise<boolean> {
  try {
    await emptyStage(db, stage);
    return false;
  } catch (error) {
    const undefinedTable = typeof error === 'object' && error !== null && 'code' in error && error.code === '42P01';
    if (!undefinedTable) throw error;
    await createStage(db, spec, stage);
    return true;
  }
}

export async function emptyStage(db: Q, stage: string): Promise<void> {
  await sql.raw(`DELETE FROM ${stage}`).execute(db);
}

export async function dropStage(db: Q, stage: string): Promise<void> {
  await sql.raw(`DROP TABLE IF EXISTS ${stage}`).execute(db);
}

/** The planner's row count of a table as of its last ANALYZE (or index build); 0 when never counted. */
export async function estimatedRows(db: Q, table: string): Promise<number> {
  const { rows } = await sql<{
    n: number;
  }>`SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = to_regclass(${table})`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** Refreshes a table's planner statistics (a staging table, or a table after a large merge). */
export async function analyzeTable(db: Q, table: string): Promise<void> {
  await sql.raw(`ANALYZE ${table}`).execute(db);
}

export async function fillDerived(db: Q, spec: FileSpec, stage: string): Promise<void> {
  const derived = Object.entries(spec.derived ?? {});
  if (derived.length === 0) return;
  await sql.raw(`UPDATE ${stage} SET ${derived.map(([c, expr]) => `${c} = ${expr}`).join(', ')}`).execute(db);
}

/** The member ids of the staged rows (for a stage of few rows: see MemberHint). */
export async function stagedMembers(db: Q, stage: string): Promise<string[]> {
  const { rows } = await sql<{ member_id: string }>`SELECT DISTINCT member_id FROM ${sql.table(stage)}`.execute(db);
  return rows.map((r) => r.member_id);
}

/** Marks rows naming a member, staff member, campaign or partner that is not known; returns how many. */
export async function markUnknownReferences(db: Q, spec: FileSpec, stage: string, members?: MemberHint): Promise<number> {
  const checks = spec.references.map((ref) => {
    const reason = `names a ${ref.noun} that is not known (not in the database or this import)`;
    const missing = (value: string): string => `NOT EXISTS (SELECT 1 FROM ${ref.table} r WHERE r.${ref.tableColumn} = ${value})`;
    const select = (condition: string, join = ''): string =>
      `SELECT s.line AS line, '${reason}' AS reason FROM ${stage} s ${join} WHERE ${condition}`;
    if (ref.list)
      return { column: ref.column, select: select(`EXISTS (SELECT 1 FROM unnest(s.${ref.column}) AS u(v) WHERE ${missing('u.v')})`) };
    const named = `s.${ref.column} IS NOT NULL AND s.${ref.column} <> ''`;
    // The same anti-join in the form Citus accepts for the referenced table's placement: into a
    // distributed table as LEFT JOIN … IS NULL over the rows the stage names (a correlated NOT
    // EXISTS there it refuses), into a reference table as NOT EXISTS (an outer join there it
    // refuses). PostgreSQL plans both alike.
    const onlyHinted = members && ref.tableColumn === 'member_id' ? ` AND t.member_id = ANY(${MEMBERS_MARK})` : '';
    const stored = storedMatching(ref.table, [ref.tableColumn], stage, [ref.column], onlyHinted);
    return {
      column: ref.column,
      select: MEMBER_KEYED_TABLES.includes(ref.table)
        ? select(`${named} AND r.${ref.tableColumn} IS NULL`, `LEFT JOIN ${stored} r ON r.${ref.tableColumn} = s.${ref.column}`)
        : select(`${named} AND ${missing(`s.${ref.column}`)}`),
    };
  });
  return markViolations(db, stage, checks, members);
}

/** Marks rows that break the spec's SQL rules (checked once references hold); returns how many. */
export async function markRuleViolations(db: Q, spec: FileSpec, stage: string): Promise<number> {
  return markViolations(
    db,
    stage,
    (spec.sqlRules ?? []).map((rule) => ({ column: rule.column, select: rule.select(stage) })),
  );
}

/** Each check selects (line, reason) of the rows that break it; a row's reasons are joined. */
async function markViolations(
  db: Q,
  stage: string,
  checks: readonly { column: string; select: string }[],
  members?: MemberHint,
): Promise<number> {
  if (checks.length === 0) return 0;
  const all = checks.map((c) => `SELECT v.line, '${c.column}' AS col, v.reason FROM (${c.select}) v`).join(' UNION ALL ');
  const statement = withMembers(
    // The violations are gathered first (MATERIALIZED), then marked: Citus runs the gathering as
    // a query of its own, then updates the coordinator's staging table from its result; one
    // UPDATE joining the staging table with ledger tables directly it refuses.
    `WITH x AS MATERIALIZED (
       SELECT line, string_agg(col, ';' ORDER BY col) AS cols, string_agg(col || ' ' || reason, '; ' ORDER BY col) AS reasons
       FROM (${all}) c GROUP BY line)
     UPDATE ${stage} s SET ${REJECT_COLUMN} = x.cols, ${REJECT_REASON} = x.reasons FROM x
     WHERE s.line = x.line`,
    members,
  );
  // With members, an API batch on its kept staging table: the same text every batch (reused-plans.ts).
  const result = await (members ? reusedPlan(statement) : statement).execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Columns the file left out keep the stored row's value (FileSpec.keepWhenAbsent). */
export async function keepAbsentColumns(db: Q, spec: FileSpec, stage: string, header: readonly string[]): Promise<void> {
  const absent = (spec.keepWhenAbsent ?? []).filter((c) => !header.includes(c));
  if (absent.length === 0) return;
  const keyJoin = spec.key.map((k) => `t.${k} = s.${k}`).join(' AND ');
  await sql.raw(`UPDATE ${stage} s SET ${absent.map((c) => `${c} = t.${c}`).join(', ')} FROM ${spec.table} t WHERE ${keyJoin}`).execute(db);
}

export interface StagedReject {
  line: number;
  column: string;
  reason: string;
  values: Record<string, unknown>;
}

/** One page of the rows marked as rejected, in line order after `afterLine`. */
export async function rejectedPage(db: Q, spec: FileSpec, stage: string, afterLine: number, limit: number): Promise<StagedReject[]> {
  const { rows } = await sql
    .raw<Record<string, unknown>>(
      `SELECT line, ${REJECT_COLUMN}, ${REJECT_REASON}, ${list(spec.columns.map((c) => c.name))}
       FROM ${stage} WHERE ${REJECT_REASON} IS NOT NULL AND line > ${Number(afterLine)}
       ORDER BY line LIMIT ${Number(limit)}`,
    )
    .execute(db);
  return rows.map((r) => ({
    line: Number(r.line),
    column: String(r[REJECT_COLUMN]),
    reason: String(r[REJECT_REASON]),
    values: r,
  }));
}

export async function deleteRejected(db: Q, stage: string): Promise<void> {
  await sql.raw(`DELETE FROM ${stage} WHERE ${REJECT_REASON} IS NOT NULL`).execute(db);
}

export interface Classification {
  accepted: number;
  updated: number;
  duplicates: number;
  /** The most rows any one key has in this file (1 = every key once). */
  maxPerKey: number;
}

/**
 * SPEC.md §1. A key whose last row in the file equals what the database holds is unchanged:
 * all its rows are duplicates (so importing a file twice changes nothing and counts only
 * duplicates). Otherwise rows are taken in file order: the first is new (accepted), unchanged
 * (duplicate) or changed (updated) against the database, and each later row is compared with
 * the row before it; the last row wins. The counts add up to the rows staged.
 */
export async function classify(db: Q, spec: FileSpec, stage: string): Promise<Classification> {
  const { maxPerKey, staged } = await rowsPerKey(db, spec, stage);
  if (maxPerKey <= 1) return { ...(await classifyUniqueKeys(db, spec, stage, staged)), maxPerKey };
  const cols = tableColumns(spec);
  const keyJoin = spec.key.map((k) => `t.${k} = v.${k}`).join(' AND ');
  const hash = (prefix: string): string => `md5(${rowOf(cols, prefix)}::text)`;
  const { rows } = await sql
    .raw<{ accepted: number; updated: number; duplicates: number; max_per_key: number | null }>(
      `WITH s0 AS (
         SELECT ${list(spec.key, 's.')}, s.line, ${hash('s.')} AS h FROM ${stage} s
       ), v AS (
         SELECT ${list(spec.key, 's0.')}, s0.h, lag(s0.h) OVER w AS prev_h, row_number() OVER w AS rn,
                last_value(s0.h) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS last_h
         FROM s0
         WINDOW w AS (PARTITION BY ${list(spec.key, 's0.')} ORDER BY s0.line)
       ), c AS (
         SELECT v.*, t.${spec.key[0]} IS NOT NULL AS existed, ${hash('t.')} AS th
         FROM v LEFT JOIN ${storedMatching(spec.table, spec.key, stage)} t ON v.rn = 1 AND ${keyJoin}
       ), d AS (
         SELECT c.rn, c.h, c.prev_h, c.existed, c.th,
                max(c.th) OVER (PARTITION BY ${list(spec.key, 'c.')}) = c.last_h AS unchanged
         FROM c
       ), k AS (
         SELECT rn, CASE
           WHEN unchanged THEN 'duplicate'
           WHEN rn = 1 AND NOT existed THEN 'accepted'
           WHEN rn = 1 THEN CASE WHEN th = h THEN 'duplicate' ELSE 'updated' END
           WHEN prev_h = h THEN 'duplicate' ELSE 'updated' END AS outcome
         FROM d
       )
       SELECT
         count(*) FILTER (WHERE outcome = 'accepted') AS accepted,
         count(*) FILTER (WHERE outcome = 'updated') AS updated,
         count(*) FILTER (WHERE outcome = 'duplicate') AS duplicates,
         max(rn) AS max_per_key
       FROM k`,
    )
    .execute(db);
  const r = rows[0]!;
  return {
    accepted: Number(r.accepted),
    updated: Number(r.updated),
    duplicates: Number(r.duplicates),
    maxPerKey: Number(r.max_per_key ?? 0),
  };
}

/** The most rows any one key has in the staging table, and its rows (a hash aggregate, no sort). */
async function rowsPerKey(db: Q, spec: FileSpec, stage: string): Promise<{ maxPerKey: number; staged: number }> {
  const { rows } = await sql
    .raw<{ n: number | null; staged: number | null }>(
      `SELECT max(n) AS n, sum(n) AS staged FROM (SELECT count(*) AS n FROM ${stage} GROUP BY ${list(spec.key)}) x`,
    )
    .execute(db);
  return { maxPerKey: Number(rows[0]?.n ?? 0), staged: Number(rows[0]?.staged ?? 0) };
}

/**
 * From this many staged rows on, the key check is planned with random_page_cost 1.1. Below, the
 * planner probes the key index anyway, and the two statements that set and restore it cost an API
 * recording about 5 ms (16 → 22 ms a recording, one client, measured).
 */
const PROBE_COSTING_FROM_ROWS = 1000;

/**
 * The common case, every key once in the file: each row against the database alone. The stored
 * rows are found through the key's index, costed as for data in memory or on SSD (random_page_cost
 * 1.1, the usual setting for both): under PostgreSQL's default of 4, which models spinning disks,
 * the planner read all 20 million actions (2–3 s) to match 100,000 new keys that the index finds
 * in 0.2 s.
 */
async function classifyUniqueKeys(db: Q, spec: FileSpec, stage: string, staged: number): Promise<Omit<Classification, 'maxPerKey'>> {
  const cols = tableColumns(spec);
  const keyJoin = spec.key.map((k) => `t.${k} = s.${k}`).join(' AND ');
  const same = `${rowOf(cols, 's.')} IS NOT DISTINCT FROM ${rowOf(cols, 't.')}`;
  const settings: Record<string, string> = staged >= PROBE_COSTING_FROM_ROWS ? { random_page_cost: '1.1' } : {};
  const { rows } = await withLocalSettings(db, settings, () =>
    sql
      .raw<{ accepted: number; updated: number; duplicates: number }>(
        `SELECT count(*) FILTER (WHERE t.${spec.key[0]} IS NULL) AS accepted,
              count(*) FILTER (WHERE t.${spec.key[0]} IS NOT NULL AND NOT (${same})) AS updated,
              count(*) FILTER (WHERE t.${spec.key[0]} IS NOT NULL AND ${same}) AS duplicates
       FROM ${stage} s LEFT JOIN ${storedMatching(spec.table, spec.key, stage)} t ON ${keyJoin}`,
      )
      .execute(db),
  );
  const r = rows[0]!;
  return { accepted: Number(r.accepted), updated: Number(r.updated), duplicates: Number(r.duplicates) };
}

/**
 * Applies the staged rows: the last row of each key wins; unchanged rows are not rewritten.
 * A load several times larger than the table (a first load) drops the table's secondary
 * indexes and builds them again afterwards — one sort per index instead of millions of
 * scattered inserts — inside the same transaction, so readers wait rather than see a table
 * without them.
 */
export interface MergeCounts {
  maxPerKey: number;
  /** Rows staged; with `updated`, decides the bulk path and whether rows can have moved. */
  staged: number;
  updated: number;
  /** Rows new to the table; all of them new (and classified under the rollups' lock): a plain INSERT. */
  accepted: number;
}

export async function merge(
  db: Q,
  spec: FileSpec,
  stage: string,
  counts: MergeCounts,
  /** Below this many staged rows, a load never rebuilds indexes. */
  bulkLoadMinRows: number,
): Promise<void> {
  const stagedRows = counts.staged;
  const rebuild = stagedRows >= bulkLoadMinRows && (await rowsUpTo(db, spec.table, Math.floor(stagedRows / 4))) < stagedRows / 4;
  const indexes = rebuild ? await secondaryIndexes(db, spec.table) : [];
  for (const index of indexes) await sql`DROP INDEX ${sql.id(index.name)}`.execute(db);
  await upsert(db, spec, stage, counts);
  for (const index of indexes) await sql.raw(index.definition).execute(db);
}

/** How many rows the table has, counting no further than `limit`. */
async function rowsUpTo(db: Q, table: string, limit: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM (SELECT 1 FROM ${sql.table(table)} LIMIT ${limit}) x`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/** The table's indexes other than its primary key, with the statements that create them. */
async function secondaryIndexes(db: Q, table: string): Promise<{ name: string; definition: string }[]> {
  const { rows } = await sql<{ name: string; definition: string }>`
    SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
    WHERE i.schemaname = current_schema() AND i.tablename = ${table}
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)`.execute(
    db,
  );
  return rows;
}

async function upsert(db: Q, spec: FileSpec, stage: string, counts: MergeCounts): Promise<void> {
  const cols = tableColumns(spec);
  if (counts.accepted === counts.staged) {
    // Every row new: no conflict to arbitrate. The check for one cost a 100,000-action increment
    // 0.2 s of its 1 s insert, and no other writer can add these keys meanwhile (the lock).
    await sql.raw(`INSERT INTO ${spec.table} (${list(cols)}) SELECT ${list(cols, 's.')} FROM ${stage} s`).execute(db);
    return;
  }
  const source =
    counts.maxPerKey > 1 ? `(SELECT DISTINCT ON (${list(spec.key)}) * FROM ${stage} ORDER BY ${list(spec.key)}, line DESC)` : stage;
  const keyOutsidePk = spec.key.some((k) => !spec.primaryKey.includes(k)) || spec.key.length < spec.primaryKey.length;
  // A moved row is an updated row: with none, there is nothing to look for.
  if (counts.updated > 0 && keyOutsidePk && spec.primaryKey.includes('member_id')) {
    // The key (e.g. action_id) does not include member_id but the table is sharded by it: a row
    // whose member changed is moved, i.e. deleted under its old member before the upsert.
    await sql
      .raw(
        `DELETE FROM ${spec.table} t USING ${source} s
         WHERE ${spec.key.map((k) => `t.${k} = s.${k}`).join(' AND ')} AND t.member_id <> s.member_id`,
      )
      .execute(db);
  }
  const nonKey = cols.filter((c) => !spec.primaryKey.includes(c));
  const onConflict =
    nonKey.length === 0
      ? 'DO NOTHING'
      : `DO UPDATE SET ${nonKey.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
         WHERE ${rowOf(nonKey, `${spec.table}.`)} IS DISTINCT FROM ${rowOf(nonKey, 'EXCLUDED.')}`;
  await sql
    .raw(
      `INSERT INTO ${spec.table} (${list(cols)}) SELECT ${list(cols, 's.')} FROM ${source} s
       ON CONFLICT (${list(spec.primaryKey)}) ${onConflict}`,
    )
    .execute(db);
}
