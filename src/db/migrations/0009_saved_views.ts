// Saved views (issue 15): a user's named places in the web app — a page with its period, segment
// and filters, kept as the page's address. Small and per user: a reference table on Citus.
import type { Kysely } from 'kysely';
import { runStatements } from '../statements.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE saved_views (
      user_id text NOT NULL,
      name text NOT NULL,
      path text NOT NULL,
      saved_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, name)
    );`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `DROP TABLE saved_views;`);
}
