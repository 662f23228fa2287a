// A counter every change to the ledger's rollups advances (issue 11). A build that runs one
// period per transaction while the server serves reads it before and after each step: if any
// process changed the ledger meanwhile, the periods it built so far are stale and it starts the
// year again. A sequence, because it is shared by every connection and process and costs one
// call per change.
import type { Kysely } from 'kysely';
import { runStatements } from '../statements.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `CREATE SEQUENCE rollup_changes;`);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, `DROP SEQUENCE rollup_changes;`);
}
