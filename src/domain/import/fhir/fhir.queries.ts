// The one lookup FHIR import needs beyond the importer: what the database already holds for
// columns FHIR does not carry (a member's risk tier, a staff member's role and start date).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../../db/database.js';

/** Stored values of `columns` for the rows keyed `keys` (`table` and columns are Diplomat's own names, never input). */
export async function storedValues(
  db: Kysely<Database>,
  table: string,
  key: string,
  columns: readonly string[],
  keys: readonly string[],
): Promise<Map<string, Record<string, unknown>>> {
  if (keys.length === 0) return new Map();
  const { rows } = await sql<Record<string, unknown>>`
    SELECT ${sql.ref(key)} AS row_key, ${sql.join(columns.map((c) => sql.ref(c)))}
    FROM ${sql.table(table)} WHERE ${sql.ref(key)} IN (${sql.join(keys)})`.execute(db);
  return new Map(rows.map((r) => [String(r.row_key), r]));
}
