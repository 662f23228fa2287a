// How to reach a member (issue 15: work queues show contact details). Optional members.csv
// columns beyond SPEC §1's list, which says unknown columns are ignored: a file without them
// imports as before, and FHIR's Patient.telecom (issue 16) has a place to land.
import type { Kysely } from 'kysely';
import { runStatements } from '../statements.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `ALTER TABLE members ADD COLUMN phone text;
    ALTER TABLE members ADD COLUMN email text;`,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(
    db,
    `ALTER TABLE members DROP COLUMN phone;
    ALTER TABLE members DROP COLUMN email;`,
  );
}
