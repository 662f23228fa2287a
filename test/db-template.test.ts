// A new embedded database starts from the template `npm run build` packs (db-template.ts) instead
// of initdb: it must be the same database that initdb and the migrations make, and a directory
// made from it must open again as itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/db/connect.js';
import { databaseTemplate } from '../src/db/db-template.js';
import { migrateToLatest } from '../src/db/migrate.js';

async function schemaOf(db: Kysely<unknown>): Promise<unknown[]> {
  const { rows: columns } = await sql`
    SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
    WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`.execute(db);
  const { rows: indexes } = await sql`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname`.execute(
    db,
  );
  const { rows: migrations } = await sql`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  const { rows: sequences } = await sql`SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`.execute(db);
  const { rows: settings } = await sql`SELECT * FROM settings ORDER BY 1`.execute(db);
  return [columns, indexes, migrations, sequences, settings];
}

describe('embedded database template', () => {
  it('is packed by the build and gives the schema initdb and the migrations give; a directory made from it reopens', async () => {
    expect(databaseTemplate(), 'npm run build packs dist/db-template-pglite-<version>.tar.gz').not.toBeNull();
    const pglite = await PGlite.create();
    const reference = new Kysely<unknown>({ dialect: new PGliteDialect({ pglite }) });
    await migrateToLatest(reference);
    const expected = await schemaOf(reference);
    await reference.destroy();

    const dir = mkdtempSync(join(tmpdir(), 'diplomat-template-'));
    try {
      const db = await openDb({ kind: 'pglite', dir });
      expect(await schemaOf(db.kysely as Kysely<unknown>)).toEqual(expected);
      await db.kysely.insertInto('partners').values({ partner_id: 'P1', name: 'kept', kind: 'other' }).execute();
      await db.close();
      const again = await openDb({ kind: 'pglite', dir });
      expect(await again.kysely.selectFrom('partners').select('name').execute()).toEqual([{ name: 'kept' }]);
      // initdb gives every cluster its own system identifier; two made from the template share it.
      const other = await openDb({ kind: 'pglite', dir: 'memory://' });
      const id = async (d: typeof db): Promise<unknown> =>
        (await sql<{ id: string }>`SELECT system_identifier::text AS id FROM pg_control_system()`.execute(d.kysely)).rows[0]!.id;
      expect(await id(other)).toBe(await id(again));
      await other.close();
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
