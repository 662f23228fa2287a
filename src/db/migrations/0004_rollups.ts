// The state of the scorecard rollups (src/domain/rollups). The cube tables themselves are
// created by the rollups from the metric catalog (their columns are the catalog's measures),
// and rebuilt whenever the catalog, the facts SQL or the plan's time zone changes.
import type { Kysely } from 'kysely';
import { runStatements } from '../statements.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    CREATE TABLE rollup_state (
      id integer PRIMARY KEY CHECK (id = 1),
      signature text NOT NULL,
      timezone text NOT NULL,
      built_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE rollup_years (
      year integer PRIMARY KEY
    );
  `,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `
    DROP TABLE IF EXISTS scorecard_cube, caseload_cube;
    DROP TABLE rollup_years, rollup_state;
  `,
  );
}
