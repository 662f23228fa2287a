// Statements marked reusedPlan() are prepared once per connection on a PostgreSQL server, give the
// same answers as unmarked ones, follow a table made again under the same name, and stay bounded.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/database.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../src/db/connect.js';
import { reusedPlan } from '../src/db/reused-plans.js';
import { testTargets } from './support/db-targets.js';

const server = testTargets().find((t) => t.name === 'postgres');

const prepared = async (trx: Kysely<Database>): Promise<string[]> =>
  (await sql<{ statement: string }>`SELECT statement FROM pg_prepared_statements ORDER BY prepare_time`.execute(trx)).rows.map(
    (r) => r.statement,
  );

describe.skipIf(!server)('reused plans (PostgreSQL)', () => {
  let db: Db;
  beforeAll(async () => {
    db = await server!.open();
  });
  afterAll(async () => {
    await db?.close();
  });

  it('prepares a marked statement once per connection and answers as an unmarked one does', async () => {
    await db.kysely.transaction().execute(async (trx) => {
      const before = await prepared(trx);
      for (let i = 0; i < 8; i++) {
        // Past five runs the server may keep a generic plan: the answers must not change.
        const { rows } = await reusedPlan(sql<{ n: number }>`SELECT ${i}::int * 2 AS n`).execute(trx);
        expect(rows).toEqual([{ n: i * 2 }]);
      }
      const { rows } = await sql<{ n: number }>`SELECT ${5}::int * 3 AS n`.execute(trx);
      expect(rows).toEqual([{ n: 15 }]);
      const added = (await prepared(trx)).filter((s) => !before.includes(s));
      expect(added).toEqual([expect.stringContaining('* 2 AS n')]);
    });
  });

  it('follows a table dropped and made again under the same name', async () => {
    await db.kysely.transaction().execute(async (trx) => {
      const count = async (): Promise<number> =>
        Number((await reusedPlan(sql<{ n: string }>`SELECT count(*) AS n FROM reused_probe WHERE v > ${0}`).execute(trx)).rows[0]!.n);
      await sql`CREATE TABLE reused_probe (v int)`.execute(trx);
      await sql`INSERT INTO reused_probe VALUES (1), (2)`.execute(trx);
      for (let i = 0; i < 6; i++) expect(await count()).toBe(2);
      await sql`DROP TABLE reused_probe`.execute(trx);
      await sql`CREATE TABLE reused_probe (w text, v int)`.execute(trx);
      await sql`INSERT INTO reused_probe VALUES ('a', 1), ('b', 2), ('c', 3)`.execute(trx);
      expect(await count()).toBe(3);
      await sql`DROP TABLE reused_probe`.execute(trx);
    });
  });

  it('keeps at most 16 prepared statements a connection; past that a marked text runs unprepared', async () => {
    await db.kysely.transaction().execute(async (trx) => {
      for (let i = 0; i < 24; i++) {
        const { rows } = await reusedPlan(sql<{ n: number }>`SELECT ${i}::int + ${sql.raw(String(i))} AS n`).execute(trx);
        expect(rows).toEqual([{ n: 2 * i }]);
      }
      expect((await prepared(trx)).length).toBe(16);
    });
  });

  it('runs marked statements on the embedded database too (the mark is a comment)', async () => {
    const embedded = await openDb({ kind: 'pglite', dir: 'memory://' });
    try {
      const { rows } = await reusedPlan(sql<{ n: number }>`SELECT ${4}::int AS n`).execute(embedded.kysely);
      expect(rows).toEqual([{ n: 4 }]);
    } finally {
      await embedded.close();
    }
  });
});
