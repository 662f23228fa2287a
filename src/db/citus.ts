// Where each table lives on a Citus cluster (issue 17). Member-keyed tables are distributed by
// member_id and co-located with `members`, so every per-member join and every per-member write
// runs on one worker; the member facts the rollups keep are member-keyed too. Every other table
// is small (partners, staff, contracts, users, the scorecard cube itself...) and becomes a
// reference table: a copy on every node, so it joins with any shard locally. Nothing here runs
// unless the database has the citus extension: on PGlite and plain PostgreSQL the same
// migrations and SQL run unchanged.
import { sql, type Kysely } from 'kysely';

/** The co-location anchor: the table every member-keyed table is placed with. */
const ANCHOR = 'members';

/** The tables keyed by member_id first (no cross-member keys, so each shard is self-contained). */
export const MEMBER_KEYED_TABLES: readonly string[] = [
  ANCHOR,
  'enrollments',
  'actions',
  'member_activity',
  'care_programs',
  'caseload',
  'renewals',
  'action_corrections',
  'audit_log',
  'attributions',
  'worklist_assignments',
  // The rollups' per-member period facts (src/domain/rollups/cube.sql.ts), created by the rollups.
  'member_facts',
];

/**
 * For the rest of the transaction, Citus's executor runs each multi-shard statement over one
 * connection per worker (citus.multi_shard_modify_mode = sequential sets its pool to 1; the COPY
 * that carries an INSERT … SELECT still opens several). Without it, the first load of 20 million
 * actions at 1,000,000 members was refused at the first statement of the rollup build in its
 * transaction: "cannot perform query with placements that were modified over multiple
 * connections". Citus opens more connections when a shard's work takes long, so smaller plans
 * passed; test/import/citus-connections.test.ts provokes it at 5,000 members. Which placements
 * conflicted is not pinned down: the fix is checked by that test and by the million-member load.
 * Nothing is sent on PostgreSQL and the embedded database.
 */
export async function oneConnectionPerWorker<DB>(trx: Kysely<DB>, db: Kysely<DB>): Promise<void> {
  // Asked of the database handle `trx` came from (once per handle, not per transaction): an API
  // recording batch pays a round trip per statement.
  if (!(await hasCitusOnce(db))) return;
  await sql`SELECT set_config('citus.multi_shard_modify_mode', 'sequential', true)`.execute(trx);
}

/** Tables that stay local to the coordinator: the migrator's own bookkeeping. */
const LOCAL_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);

export async function hasCitus<DB>(db: Kysely<DB>): Promise<boolean> {
  const { rows } = await sql<{ present: boolean }>`
    SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'citus') AS present`.execute(db);
  return Boolean(rows[0]?.present);
}

/** hasCitus asked once per database handle: registerLocalTable runs for every API recording. */
const citusPresent = new WeakMap<object, Promise<boolean>>();

function hasCitusOnce<DB>(db: Kysely<DB>): Promise<boolean> {
  let present = citusPresent.get(db);
  if (!present) {
    present = hasCitus(db).catch((error: unknown) => {
      citusPresent.delete(db);
      throw error;
    });
    citusPresent.set(db, present);
  }
  return present;
}

/**
 * Whether ANALYZE of a table may run in the transaction that has just written it: not for a Citus
 * reference table. The transaction wrote the coordinator's copy by local execution, and ANALYZE
 * then needs every copy at once, which Citus refuses ("a local execution has accessed a placement
 * in the transaction"); autovacuum analyzes it once the import commits.
 */
export async function analyzableInTransaction<DB>(db: Kysely<DB>, table: string): Promise<boolean> {
  if (!(await hasCitusOnce(db))) return true;
  const { rows } = await sql<{ reference: boolean }>`
    SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = to_regclass(${table})
      AND partmethod = 'n' AND repmodel = 't') AS reference`.execute(db);
  return !rows[0]?.reference;
}

/** Whether a table is already in Citus's metadata (distributed or reference). */
async function isCitusTable<DB>(db: Kysely<DB>, table: string): Promise<boolean> {
  const { rows } = await sql<{ known: boolean }>`
    SELECT EXISTS (SELECT 1 FROM pg_dist_partition WHERE logicalrelid = to_regclass(${table})) AS known`.execute(db);
  return Boolean(rows[0]?.known);
}

export async function distributeByMember<DB>(db: Kysely<DB>, table: string): Promise<void> {
  if (await isCitusTable(db, table)) return;
  if (table === ANCHOR) {
    await sql`SELECT create_distributed_table(${table}, 'member_id')`.execute(db);
  } else {
    await sql`SELECT create_distributed_table(${table}, 'member_id', colocate_with => ${ANCHOR})`.execute(db);
  }
}

export async function makeReferenceTable<DB>(db: Kysely<DB>, table: string): Promise<void> {
  if (await isCitusTable(db, table)) return;
  await sql`SELECT create_reference_table(${table})`.execute(db);
}

/**
 * A scratch table of the coordinator (an import's staging table) made known to Citus as a local
 * table, so statements may join it with reference tables; joins with distributed tables are then
 * planned by shipping one side's rows as an intermediate result.
 */
export async function registerLocalTable<DB>(db: Kysely<DB>, table: string): Promise<void> {
  if (!(await hasCitusOnce(db)) || (await isCitusTable(db, table))) return;
  await sql`SELECT citus_add_local_table_to_metadata(${table})`.execute(db);
}

/**
 * Places every permanent public table: member-keyed ones distributed, the others reference
 * tables (an import's unlogged staging tables stay on the coordinator). Run by the migration that
 * follows the schema's tables and by the rollups when they create their tables; idempotent, so a
 * later migration's new tables are placed by calling it again.
 */
export async function placeTables<DB>(db: Kysely<DB>): Promise<void> {
  if (!(await hasCitus(db))) return;
  // audit_log's append-only trigger goes with it onto every shard. Citus calls triggers on
  // distributed tables unsafe in general (one that reads other tables sees only its shard); this
  // one reads nothing and only refuses UPDATE and DELETE.
  await sql`SET LOCAL citus.enable_unsafe_triggers TO on`.execute(db);
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relpersistence = 'p' ORDER BY c.relname`.execute(db);
  const tables = rows.map((r) => r.name).filter((name) => !LOCAL_TABLES.has(name));
  for (const table of MEMBER_KEYED_TABLES) if (tables.includes(table)) await distributeByMember(db, table);
  for (const table of tables) if (!MEMBER_KEYED_TABLES.includes(table)) await makeReferenceTable(db, table);
}
