// Each test starts from an empty database, as Kysely's own suite does: every table of the schema
// is truncated (the migrations' bookkeeping excepted) and the rollups forget what they covered,
// so no test sees another's rows and the order tests run in cannot matter.
import { sql } from 'kysely';
import type { Db } from '../../src/db/connect.js';

export async function truncateAll(db: Db): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    SELECT tablename AS name FROM pg_tables
    WHERE schemaname = current_schema() AND tablename NOT LIKE 'kysely_%'`.execute(db.kysely);
  if (rows.length === 0) return;
  await sql`TRUNCATE ${sql.join(rows.map((r) => sql.table(r.name)))}`.execute(db.kysely);
}
