import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import * as m0001 from './migrations/0001_core.js';
import * as m0002 from './migrations/0002_api.js';
import * as m0003 from './migrations/0003_auth.js';
import * as m0004 from './migrations/0004_rollups.js';
import * as m0005 from './migrations/0005_import_job_owner.js';
import * as m0006 from './migrations/0006_partner_relationships.js';
import * as m0007 from './migrations/0007_stars_and_playbooks.js';
import * as m0008 from './migrations/0008_partnerships.js';
import * as m0009 from './migrations/0009_saved_views.js';
import * as m0010 from './migrations/0010_worklist_assignments.js';
import * as m0011 from './migrations/0011_member_contact.js';
import * as m0012 from './migrations/0012_rollup_changes.js';
import * as m0013 from './migrations/0013_citus_placement.js';
import * as m0014 from './migrations/0014_utc_instant_text.js';

// Listed explicitly (not read from the file system) so the compiled CLI and the tests run the
// same numbered migrations, in the same order, on both databases.
const MIGRATIONS: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_api': m0002,
  '0003_auth': m0003,
  '0004_rollups': m0004,
  '0005_import_job_owner': m0005,
  '0006_partner_relationships': m0006,
  '0007_stars_and_playbooks': m0007,
  '0008_partnerships': m0008,
  '0009_saved_views': m0009,
  '0010_worklist_assignments': m0010,
  '0011_member_contact': m0011,
  '0012_rollup_changes': m0012,
  '0013_citus_placement': m0013,
  '0014_utc_instant_text': m0014,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Kysely<unknown>): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, {
      cause: error,
    });
  }
}
