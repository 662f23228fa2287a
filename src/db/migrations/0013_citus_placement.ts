// On a Citus cluster (issue 17): member-keyed tables distributed by member_id, co-located; the
// rest reference tables (src/db/citus.ts). Does nothing where the citus extension is absent, so
// PGlite and plain PostgreSQL run the same migrations unchanged.
import type { Kysely } from 'kysely';
import { placeTables } from '../citus.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await placeTables(db);
}

export async function down(): Promise<void> {
  // Undistributing (undistribute_table) would copy every shard back to the coordinator; a
  // downgrade off Citus is a dump and restore, not a migration.
}
