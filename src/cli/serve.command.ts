import { SYSTEM } from '../domain/auth/permissions.js';
import { putPlaybook } from '../domain/partners/playbook.service.js';
import { loadStarRatings } from '../domain/stars/stars.service.js';
import { demoPlaybooks } from '../domain/synth/synth-playbooks.js';
import { writeDemoPartnerships } from '../domain/synth/synth-partnerships.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { describeTarget, openDb, resolveTarget, type Db } from '../db/connect.js';
import { newSecret } from '../domain/auth/passwords.js';
import { countUsers, createUser } from '../domain/auth/users.service.js';
import { importPaths } from '../domain/import/import.service.js';
import { countMembers } from '../domain/members/members.service.js';
import { failAbandonedImports, sweepAbandonedUploads } from '../domain/import/import-jobs.service.js';
import { completeRollups } from '../domain/rollups/build-in-steps.js';
import { generateSyntheticPlan } from '../domain/synth/synth.service.js';
import { startServer } from '../http/server.js';
import { action, UsageError } from './context.js';

interface ServeOptions {
  port: string;
  host: string;
}

function port(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError('--port must be a port number');
  return n;
}

async function serve(db: Db, opts: ServeOptions & { insecureCookies?: boolean }): Promise<void> {
  if ((await countUsers(db)) === 0) {
    process.stdout.write('No users yet: nobody can sign in. Create one with\n  diplomat user add --email you@plan.org --role admin\n');
  }
  // Uploads that a stopped server left "running" are failed, so nobody waits on them, and their
  // files are removed.
  await failAbandonedImports(db);
  sweepAbandonedUploads();
  // The compiled CLI is dist/cli/*.js; the built web app is dist/web.
  const webRoot = fileURLToPath(new URL('../web/', import.meta.url));
  const server = await startServer(db, {
    port: port(opts.port),
    host: opts.host,
    logger: true,
    webRoot,
    secureCookies: !opts.insecureCookies,
  });
  process.stdout.write(
    `Diplomat is serving ${describeTarget(db.target)}\n  web app and API: ${server.url}\n  API docs:        ${server.url}/docs\n`,
  );
  void prepareRollups(db);
  await new Promise<never>(() => undefined);
}

/**
 * Years of actions the rollups do not cover yet (a first load, a new version's catalog, a time zone
 * set elsewhere) are built while the server serves; until then the scorecard answers 503.
 */
async function prepareRollups(db: Db): Promise<void> {
  const started = performance.now();
  let announced = false;
  try {
    const { years } = await completeRollups(db.kysely, (p) => {
      if (announced) return;
      announced = true;
      process.stdout.write(`Preparing the scorecard rollups (${p.total} periods); the scorecard answers once they are ready…\n`);
    });
    if (years.length > 0)
      process.stdout.write(`Scorecard rollups ready (${years.join(', ')}) in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
  } catch (error) {
    // The name only: a database error's text may quote a value from the ledger.
    process.stderr.write(
      `Preparing the scorecard rollups failed (${error instanceof Error ? error.name : 'error'}); restart to try again.\n`,
    );
  }
}

/** The CMS 2026 Star Ratings tables shipped in the package (data/, next to dist/). */
export const STAR_RATINGS_DIR = join(import.meta.dirname, '../../data/cms-star-ratings-2026');

/** The month before this one, YYYY-MM: the demo's year of actions ends there, so it looks current. */
function lastFullMonth(): string {
  const d = new Date();
  const idx = d.getUTCFullYear() * 12 + d.getUTCMonth() - 1;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

export async function seedDemo(db: Db, members: number, log: (line: string) => void): Promise<boolean> {
  if ((await countMembers(db)) > 0) return false;
  const dir = mkdtempSync(join(tmpdir(), 'diplomat-demo-'));
  try {
    const started = performance.now();
    log(`Creating a synthetic plan of ${members.toLocaleString('en-US')} members…`);
    await generateSyntheticPlan({
      members,
      outDir: dir,
      seed: 42,
      through: lastFullMonth(),
      relationshipsAsOf: new Date().toISOString().slice(0, 10),
    });
    // The scorecard's rollups are built once the server is up (prepareRollups), not before.
    const report = await importPaths(db, [dir], { reportDir: join(dir, 'report'), extendRollupYears: false });
    if (report.failedFiles > 0 || report.totals.rejected > 0) throw new Error('the demo plan did not import cleanly');
    // The CMS Star Ratings shipped with Diplomat, and playbooks that name two of its contracts.
    await loadStarRatings(db, STAR_RATINGS_DIR);
    const today = new Date().toISOString().slice(0, 10);
    for (const [partnerId, playbook] of Object.entries(demoPlaybooks(today))) await putPlaybook(db, partnerId, playbook, SYSTEM);
    await writeDemoPartnerships(db, today);
    log(`Loaded ${report.totals.accepted.toLocaleString('en-US')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    return true;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A secret goes to a person, not into a log: on a terminal it is printed; when the output goes
 * elsewhere (a file, a service's log) it is written to a file only this OS user can read.
 */
function handOverPassword(password: string): string {
  if (process.stdout.isTTY) return `with password ${password}`;
  mkdirSync('.diplomat', { recursive: true });
  const file = join('.diplomat', 'demo-admin-password.txt');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  return `with the password in ${file} (readable only by you; output is not a terminal, so it is not printed)`;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the web app and the HTTP API')
    .option('--port <n>', 'port', '3000')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--insecure-cookies', 'session cookies without Secure (only for plain-HTTP hosts other than localhost)')
    .action(
      action(async (opts: ServeOptions & { insecureCookies?: boolean }, cmd: Command) => {
        const db = await openDb(resolveTarget(cmd.optsWithGlobals<{ db?: string }>().db));
        await serve(db, opts);
      }),
    );
  program
    .command('demo')
    .description('create a synthetic health plan in the database (if it is empty) and serve it')
    .option('--port <n>', 'port', '3000')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--members <n>', 'size of the synthetic plan', '20000')
    .action(
      action(async (opts: ServeOptions & { members: string }, cmd: Command) => {
        const db = await openDb(resolveTarget(cmd.optsWithGlobals<{ db?: string }>().db));
        const members = Number(opts.members);
        if (!Number.isInteger(members) || members < 1) throw new UsageError('--members must be a whole number ≥ 1');
        const created = await seedDemo(db, members, (line) => process.stdout.write(`${line}\n`));
        if (!created) process.stdout.write('Using the plan already in the database.\n');
        if ((await countUsers(db)) === 0) {
          // The demo's own admin, so a new user can sign in at once; a real plan creates its users.
          const password = newSecret(15);
          await createUser(db, { email: 'admin@demo.diplomat', role: 'admin', password });
          process.stdout.write(`Demo admin created: sign in as admin@demo.diplomat ${handOverPassword(password)}\n`);
          process.stdout.write('(create more with: diplomat user add --email … --role …)\n');
        }
        await serve(db, opts);
      }),
    );
}
