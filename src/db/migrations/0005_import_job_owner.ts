// Import jobs belong to their uploader: their reports and rejects (member rows) are read only by
// that user and admins. Jobs from before this migration have no owner: admins only.
import type { Kysely } from 'kysely';
import { runStatements } from '../statements.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `ALTER TABLE import_jobs ADD COLUMN created_by text;`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `ALTER TABLE import_jobs DROP COLUMN created_by;`);
}
