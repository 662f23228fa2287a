// Citus only. A transaction that writes a distributed table over several connections per worker
// and then reads it with a reference table fails on Citus ("cannot perform query with placements
// that were modified over multiple connections"). Citus opens more connections only when a
// shard's work takes long, so this first showed at 1,000,000 members (the first load of 20
// million actions, whose rollups are built in its transaction). Here the database makes Citus
// open one connection per shard for every statement (citus.force_max_query_parallelization), so
// a plan of 5,000 members takes the same paths: the first load, a rebuild, API recordings.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/db/connect.js';
import { recordAction } from '../../src/domain/actions/actions.service.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { coverage, rebuildRollups } from '../../src/domain/rollups/rollups.service.js';
import { computeScorecard } from '../../src/domain/scorecard/scorecard.service.js';
import { generateSyntheticPlan } from '../../src/domain/synth/synth.service.js';
import { testTargets } from '../support/db-targets.js';

const citus = testTargets().find((t) => t.name === 'citus');

/** Opens the target's database again with every statement spread over one connection per shard. */
async function withEveryConnection(db: Db): Promise<Db> {
  if (db.target.kind !== 'postgres') throw new Error('a Citus database is a server database');
  const url = db.target.url;
  await db.close();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const name = new URL(url).pathname.slice(1);
    await admin.query(`ALTER DATABASE ${name} SET citus.force_max_query_parallelization = on`);
  } finally {
    await admin.end();
  }
  return openDb({ kind: 'postgres', url });
}

describe.skipIf(!citus)('Citus writes over many connections per worker', () => {
  const root = mkdtempSync(join(tmpdir(), 'diplomat-citus-conn-'));
  let db: Db;
  beforeAll(async () => {
    db = await withEveryConnection(await citus!.open());
    await generateSyntheticPlan({ members: 5000, outDir: join(root, 'plan'), seed: 7 });
  });
  afterAll(async () => {
    await db?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('a first load keeps its rollups, a rebuild gives the same scorecard, and recordings land', async () => {
    const dir = join(root, 'plan');
    const report = await importPaths(
      db,
      readdirSync(dir).map((f) => join(dir, f)),
      { reportDir: join(root, 'report') },
    );
    expect(report.files.filter((f) => f.error).map((f) => `${f.file}: ${f.error}`)).toEqual([]);
    const actions = report.files.find((f) => f.file === 'actions')!;
    // Large enough for the merge's bulk path (indexes dropped and built again) to run.
    expect(actions.accepted).toBeGreaterThan(20_000);
    expect((await coverage(db.kysely)).fresh).toBe(true);
    const before = await computeScorecard(db, { period: '2025' });
    await rebuildRollups(db.kysely);
    expect(await computeScorecard(db, { period: '2025' })).toEqual(before);
    const member = (await db.kysely.selectFrom('members').select('member_id').limit(1).executeTakeFirstOrThrow()).member_id;
    const recorded = await Promise.all(
      [1, 2, 3].map((i) =>
        recordAction(
          db,
          { member_id: member, action_type: 'transportation', occurred_at: `2025-12-2${i}T10:00:00Z`, outcome: 'scheduled' } as never,
          `citus-conn-${i}`,
        ),
      ),
    );
    expect(recorded.map((r) => r.created)).toEqual([true, true, true]);
  });
});
