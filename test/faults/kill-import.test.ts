// Fault: kill -9 in the middle of the biggest file of an import, then the same import again
// (issue 17). Each file is imported in one transaction, so the killed file leaves nothing; the
// files before it are kept, and importing them again changes nothing. The final state must equal
// one clean import, rollups included; an import job whose server was killed is failed at the
// next poll, not left running.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDb, type Db } from '../../src/db/connect.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { createApiToken, createUser } from '../../src/domain/auth/users.service.js';
import { createPostgresDatabase as newDatabase } from '../support/db-targets.js';
import { digest, diplomat, serve, sleep, stagingRowsOf, stagingTableCount, synthPlan } from './fault-support.js';

const serverUrl = inject('postgresUrl');

/** Waits until the actions file is being staged (its rows arriving), then kills the process. */
async function killWhileStagingActions(db: Db, kill: () => Promise<void>, output: () => string): Promise<number> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const staged = await stagingRowsOf(db, 'action_type');
    if (staged > 0) {
      await kill();
      return staged;
    }
    if (Date.now() > deadline) throw new Error(`actions.csv was never seen being staged: ${output()}`);
    await sleep(10);
  }
}

describe.skipIf(!serverUrl)('kill -9 during an import (postgres)', () => {
  let plan: string;
  let reports: string;
  let clean: Record<string, string>;
  const opened: Db[] = [];
  const open = async (url: string): Promise<Db> => {
    const db = await openDb({ kind: 'postgres', url });
    opened.push(db);
    return db;
  };

  beforeAll(async () => {
    plan = mkdtempSync(join(tmpdir(), 'diplomat-fault-plan-'));
    reports = mkdtempSync(join(tmpdir(), 'diplomat-fault-reports-'));
    // Big enough that staging actions.csv (about 40,000 rows) takes a while to watch.
    synthPlan(plan, 8000);
    const db = await open(await newDatabase(serverUrl));
    const report = await importPaths(db, [plan], { reportDir: join(reports, 'clean') });
    expect(report.failedFiles).toBe(0);
    clean = await digest(db);
  });
  afterAll(async () => {
    for (const db of opened) await db.close();
    for (const dir of [plan, reports]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('the CLI killed mid-file, then run again, leaves what one clean import leaves', async () => {
    const url = await newDatabase(serverUrl);
    const db = await open(url);
    const first = diplomat(url, ['import', plan]);
    const staged = await killWhileStagingActions(db, () => (first.child.kill('SIGKILL'), first.exited.then(() => undefined)), first.output);
    expect(staged).toBeGreaterThan(0);
    // Killed mid-file: the files before actions.csv are in, actions are not.
    const killed = await digest(db);
    expect(killed.members).toBe(clean.members);
    expect(killed.actions).toBe('0 ');

    // The killed run's staging table (copies of member rows) is still there: its lease went with
    // the process, so the next import sweeps it.
    expect(await stagingTableCount(db)).toBeGreaterThan(0);

    const again = diplomat(url, ['import', plan]);
    expect(await again.exited, again.output()).toBe(0);
    expect(await digest(db)).toEqual(clean);
    expect(await stagingTableCount(db)).toBe(0);
  });

  it('a server killed during an import job: the job is failed at the next poll; uploading again equals one clean import', async () => {
    const url = await newDatabase(serverUrl);
    const db = await open(url);
    const user = await createUser(db, {
      email: `fault-${Date.now()}@test.diplomat`,
      role: 'admin',
      password: 'correct horse battery staple',
    });
    const authorization = `Bearer ${(await createApiToken(db, user.user_id, 'fault', 1)).token}`;
    const upload = async (base: string): Promise<string> => {
      const form = new FormData();
      for (const name of readdirSync(plan).filter((n) => n.endsWith('.csv'))) {
        form.append('file', new Blob([readFileSync(join(plan, name))]), name);
      }
      const res = await fetch(`${base}/api/imports`, { method: 'POST', body: form, headers: { authorization } });
      expect(res.status).toBe(202);
      return ((await res.json()) as { job_id: string }).job_id;
    };
    const job = async (base: string, id: string): Promise<{ status: string; error: string | null }> =>
      (await fetch(`${base}/api/imports/${id}`, { headers: { authorization } })).json() as Promise<{
        status: string;
        error: string | null;
      }>;

    const first = await serve(url);
    const killedJob = await upload(first.url);
    // The uploaded files (member rows) wait in a directory named with the server's process id.
    const uploadsOf = (pid: number): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith(`diplomat-upload-${pid}-`));
    expect(uploadsOf(first.pid)).toHaveLength(1);
    await killWhileStagingActions(db, first.kill, first.output);
    expect((await digest(db)).actions).toBe('0 ');

    const second = await serve(url);
    try {
      // The killed server could not remove them; the next one did as it started.
      expect(uploadsOf(first.pid)).toEqual([]);
      // No waiting for a timeout: the killed server's lease went with its connections.
      const polled = await job(second.url, killedJob);
      expect(polled.status).toBe('failed');
      expect(polled.error).toMatch(/server stopped before the import finished/);

      const retry = await upload(second.url);
      const deadline = Date.now() + 180_000;
      let state = await job(second.url, retry);
      while (state.status === 'queued' || state.status === 'running') {
        if (Date.now() > deadline) throw new Error('the import job did not finish');
        await sleep(200);
        state = await job(second.url, retry);
      }
      expect(state.status).toBe('done');
    } finally {
      await second.kill();
    }
    const after = await digest(db);
    // The job's server prepared no more than what the import itself writes.
    expect(after).toEqual(clean);
    expect(await stagingTableCount(db)).toBe(0);
  });
});
