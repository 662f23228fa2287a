import { sql, type Kysely } from 'kysely';

/**
 * Runs a script of `;`-separated DDL statements one at a time. PGlite's query() takes a single
 * statement (extended protocol), so migrations must not rely on multi-statement strings.
 * Only for our own static DDL: never pass data through here.
 */
export async function runStatements(db: Kysely<unknown>, script: string): Promise<void> {
  const statements = script
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}
