// A timestamp as the text member_activity's row key holds (SPEC.md §1: a row without an id is
// keyed by member, type and instant). to_char is STABLE in general (some patterns follow the
// locale) but not with this pattern, which has no locale-dependent field; declared IMMUTABLE so
// Citus accepts it in an UPDATE of the staging table (issue 17). Same text as before.
import type { Kysely } from 'kysely';
import { runStatements } from '../statements.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE FUNCTION utc_instant_text(timestamptz) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT to_char($1 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') $$;`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `DROP FUNCTION utc_instant_text(timestamptz);`);
}
