// Work queue assignment (issue 15): who on the staff is to act on a member of a worklist. Keyed
// by member first, like every member-keyed table, so it distributes with the members on Citus.
import type { Kysely } from 'kysely';
import { runStatements } from '../statements.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `CREATE TABLE worklist_assignments (
      member_id text NOT NULL,
      worklist_id text NOT NULL,
      staff_id text NOT NULL,
      assigned_by text NOT NULL,
      assigned_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (member_id, worklist_id)
    );`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `DROP TABLE worklist_assignments;`);
}
