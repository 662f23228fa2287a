// Faults on the embedded database (issue 17): kill -9 of the server while it records actions, and
// of an import in the middle of its biggest file. The next start must open the database; every
// recording the server acknowledged must be there; the import run again must leave what one clean
// import leaves, and no staging table behind.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/connect.js';
import { createApiToken, createUser } from '../../src/domain/auth/users.service.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { loadFixture } from '../http/api-fixture.js';
import { digest, diplomat, serve, sleep, stagingTableCount, synthPlan } from './fault-support.js';

describe('kill -9 on the embedded database (pglite)', () => {
  const roots: string[] = [];
  const tempRoot = (): string => {
    const root = mkdtempSync(join(tmpdir(), 'diplomat-fault-pglite-'));
    roots.push(root);
    return root;
  };
  afterAll(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('an import killed mid-file, then run again, leaves what one clean import leaves and no staging table', async () => {
    const root = tempRoot();
    const plan = join(root, 'plan');
    // Big enough that reading actions.csv (about 80,000 rows) takes the embedded database well
    // over the 5 s after which the command reports a file's progress.
    synthPlan(plan, 20_000);
    const clean = await openDb({ kind: 'pglite', dir: 'memory://' });
    const expected = await (async () => {
      await importPaths(clean, [plan], { reportDir: join(root, 'report-clean') });
      return digest(clean);
    })().finally(() => clean.close());

    const dir = join(root, 'db');
    const first = diplomat(dir, ['import', plan]);
    // Without a terminal the command reports a file's progress every 5 s: kill at the first report
    // of reading actions.csv, the biggest file.
    while (!first.output().includes('actions: reading')) {
      if (first.child.exitCode !== null) throw new Error(`the import ended before actions.csv: ${first.output()}`);
      await sleep(10);
    }
    first.child.kill('SIGKILL');
    await first.exited;

    const killed = await openDb({ kind: 'pglite', dir });
    try {
      expect((await digest(killed)).actions).toBe('0 ');
      // The killed run's staging table is left behind (empty: an unlogged table is emptied by the
      // recovery after a crash); the next import sweeps it.
      expect(await stagingTableCount(killed)).toBeGreaterThan(0);
    } finally {
      await killed.close();
    }
    const again = diplomat(dir, ['import', plan]);
    expect(await again.exited, again.output()).toBe(0);
    const after = await openDb({ kind: 'pglite', dir });
    try {
      expect(await digest(after)).toEqual(expected);
      expect(await stagingTableCount(after)).toBe(0);
    } finally {
      await after.close();
    }
    // Three imports of a 20,000-member plan on the embedded database: 135 s on a slow day of the
    // CI machine, over the suite's 120 s.
  }, 360_000);

  it('opens again with every acknowledged recording', async () => {
    const dir = join(tempRoot(), 'db');
    const setup = await openDb({ kind: 'pglite', dir });
    await loadFixture(setup);
    const user = await createUser(setup, { email: 'fault@test.diplomat', role: 'manager', password: 'correct horse battery staple' });
    const authorization = `Bearer ${(await createApiToken(setup, user.user_id, 'fault', 1)).token}`;
    await setup.close();

    const server = await serve(dir);
    const acknowledged: string[] = [];
    let running = true;
    let seq = 0;
    const client = async (): Promise<void> => {
      while (running) {
        const n = ++seq;
        const res = await fetch(`${server.url}/api/actions`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json', 'idempotency-key': `kill-${n}` },
          body: JSON.stringify({
            member_id: 'L1',
            action_type: 'outreach',
            occurred_at: `2025-03-${String(1 + (n % 28)).padStart(2, '0')}T${String(n % 24).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00Z`,
            outcome: 'reached',
          }),
        }).catch(() => null); // the kill drops requests in flight: those were never acknowledged
        if (res?.status === 201) acknowledged.push(((await res.json()) as { action: { action_id: string } }).action.action_id);
      }
    };
    const clients = [client(), client(), client(), client()];
    // Kill once the server has acknowledged a good number of recordings, while more are in flight.
    while (acknowledged.length < 30) await sleep(20);
    await server.kill();
    running = false;
    await Promise.all(clients);

    const reopened = await openDb({ kind: 'pglite', dir });
    try {
      const { rows } = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM actions WHERE action_id = ANY (${acknowledged}::text[])`.execute(reopened.kysely);
      expect(rows[0]!.n).toBe(acknowledged.length);
    } finally {
      await reopened.close();
    }
  });
});
