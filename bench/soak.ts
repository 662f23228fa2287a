// A bounded soak (issue 17): `npm run soak` runs `diplomat serve` as a child process on loopback
// and sends it mixed traffic for a fixed time (10 minutes unless --minutes says otherwise):
// scorecard reads, member reads, recorded actions, and an import through the API every minute.
// It samples the server's resident memory, counts errors, and reports latency per kind. It fails
// (exit 1) on any error or when memory keeps growing: the last quarter's median RSS more than 20%
// and 64 MB above the second quarter's (the first quarter is warm-up).
//
//   npm run soak                          # 10 minutes on a throwaway PostgreSQL (or DATABASE_URL)
//   npm run soak -- --minutes 2 --target pglite
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDb } from '../src/db/connect.js';
import { createApiToken, createUser } from '../src/domain/auth/users.service.js';
import { importPaths } from '../src/domain/import/import.service.js';
import { rebuildIfStale } from '../src/domain/rollups/rebuild-beside.js';
import { postgresAvailable, startThrowawayPostgres, type ThrowawayPostgres } from '../test/support/throwaway-postgres.js';
import { fmt } from './measure.js';
import { increment, planDir } from './plan-files.js';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    members: { type: 'string', default: '20000' },
    target: { type: 'string', default: postgresAvailable() || process.env.DATABASE_URL ? 'postgres' : 'pglite' },
    clients: { type: 'string', default: '4' },
  },
});
const minutes = Number(args.minutes);
const members = Number(args.members);
const clients = Number(args.clients);
if (!(minutes > 0 && members > 0 && clients > 0)) throw new Error('--minutes, --members and --clients must be positive');

const BIN = resolve(import.meta.dirname, '../bin/diplomat.js');
const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

type Kind = 'scorecard' | 'member' | 'record' | 'import';
const latencies: Record<Kind, number[]> = { scorecard: [], member: [], record: [], import: [] };
const errors: string[] = [];

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
const median = (xs: number[]): number =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/** The server process's resident memory in MB, from /proc (Linux). */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function prepareDatabase(): Promise<{ db: string; server?: ThrowawayPostgres; authorization: string; plan: string }> {
  const cache = resolve(import.meta.dirname, 'cache');
  const plan = await planDir({ cache, seed: 7, members, intensity: 1 });
  let server: ThrowawayPostgres | undefined;
  let dbSpec: string;
  if (args.target === 'pglite') dbSpec = join(mkdtempSync(join(tmpdir(), 'diplomat-soak-')), 'db');
  else if (process.env.DATABASE_URL) dbSpec = process.env.DATABASE_URL;
  else {
    server = await startThrowawayPostgres();
    dbSpec = server.url;
  }
  const db = await openDb(dbSpec.startsWith('postgres') ? { kind: 'postgres', url: dbSpec } : { kind: 'pglite', dir: dbSpec });
  try {
    console.log(`loading ${fmt(members)} members into ${args.target}…`);
    const report = await importPaths(db, [plan], { reportDir: join(tmpdir(), `diplomat-soak-report-${Date.now()}`) });
    if (report.failedFiles > 0) throw new Error('the plan did not import');
    await rebuildIfStale(db);
    const user = await createUser(db, { email: `soak-${Date.now()}@soak.local`, role: 'admin', password: 'soak password 1234' });
    const authorization = `Bearer ${(await createApiToken(db, user.user_id, 'soak', 1)).token}`;
    return { db: dbSpec, server, authorization, plan };
  } finally {
    await db.close();
  }
}

async function startServer(db: string): Promise<{ url: string; pid: number; stop: () => void }> {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn(process.execPath, [BIN, '--db', db, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('the server exited');
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, pid: child.pid!, stop: () => child.kill('SIGTERM') };
    await sleep(100);
  }
  throw new Error('the server did not start');
}

/** The report's lines, and whether memory kept growing (last quarter vs the second; the first is warm-up). */
function summarize(samples: readonly { rss: number }[]): { lines: string[]; growing: boolean } {
  const quarter = (q: number): number[] =>
    samples.slice(Math.floor((q * samples.length) / 4), Math.floor(((q + 1) * samples.length) / 4)).map((s) => s.rss);
  const warm = median(quarter(1));
  const last = median(quarter(3));
  const growing = last > warm * 1.2 && last - warm > 64;
  const lines = [
    `soak: ${minutes} min, ${args.target}, ${fmt(members)} members, ${clients} clients + an import a minute`,
    `kind        requests   p50 ms   p95 ms   p99 ms`,
    ...(Object.keys(latencies) as Kind[]).map((kind) => {
      const sorted = [...latencies[kind]].sort((a, b) => a - b);
      return `${kind.padEnd(10)} ${String(sorted.length).padStart(9)} ${fmt(percentile(sorted, 50), 1).padStart(8)} ${fmt(percentile(sorted, 95), 1).padStart(8)} ${fmt(percentile(sorted, 99), 1).padStart(8)}`;
    }),
    `server RSS MB: first sample ${fmt(samples[0]?.rss ?? 0, 0)}, 2nd-quarter median ${fmt(warm, 0)}, last-quarter median ${fmt(last, 0)}, max ${fmt(Math.max(...samples.map((s) => s.rss)), 0)}: ${growing ? 'GROWING' : 'flat'}`,
    `errors: ${errors.length}${errors.length ? ` (${[...new Set(errors)].slice(0, 5).join(', ')})` : ''}`,
  ];
  return { lines, growing };
}

type TimedRequest = (kind: Kind, path: string, init?: RequestInit) => Promise<{ status: number; text: string } | null>;

/** An import of 500 new actions through the API every minute, awaited to the end of its job. */
async function importEveryMinute(
  plan: string,
  url: string,
  authorization: string,
  until: number,
  timedRequest: TimedRequest,
): Promise<void> {
  for (let round = 1; Date.now() < until - 30_000; round++) {
    const file = await increment(plan, 500, `SOAK${Date.now()}R${round}`);
    const started = performance.now();
    const form = new FormData();
    form.append('file', new Blob([readFileSync(file)]), 'actions.csv');
    rmSync(dirname(file), { recursive: true, force: true }); // each round's file is new: keep none in the cache
    const res = await timedRequest('import', '/api/imports', { method: 'POST', body: form });
    if (res?.status === 202) {
      const { job_id } = JSON.parse(res.text) as { job_id: string };
      for (;;) {
        await sleep(500);
        const job = await fetch(`${url}/api/imports/${job_id}`, { headers: { authorization } }).then(
          (r) => r.json() as Promise<{ status: string }>,
        );
        if (job.status === 'done') break;
        if (job.status === 'failed') {
          errors.push('import failed');
          break;
        }
      }
      latencies.import[latencies.import.length - 1] = performance.now() - started;
    }
    await sleep(Math.max(0, 60_000 - (performance.now() - started)));
  }
}

async function main(): Promise<void> {
  const prepared = await prepareDatabase();
  const server = await startServer(prepared.db);
  const { authorization } = prepared;
  const until = Date.now() + minutes * 60_000;
  const memberId = (): string => `M${String(1 + Math.floor(Math.random() * members)).padStart(7, '0')}`;
  let seq = 0;

  const timedRequest = async (kind: Kind, path: string, init: RequestInit = {}): Promise<{ status: number; text: string } | null> => {
    const started = performance.now();
    try {
      const res = await fetch(`${server.url}${path}`, {
        ...init,
        headers: { authorization, ...init.headers },
        signal: AbortSignal.timeout(60_000),
      });
      const text = await res.text();
      latencies[kind].push(performance.now() - started);
      if (res.status >= 400) errors.push(`${kind} ${res.status}`);
      return { status: res.status, text };
    } catch (error) {
      errors.push(`${kind} ${error instanceof Error ? error.name : 'error'}`);
      return null;
    }
  };
  const client = async (): Promise<void> => {
    while (Date.now() < until) {
      const roll = Math.random();
      if (roll < 0.4) {
        await timedRequest('scorecard', `/api/scorecard?period=2025-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}`);
      } else if (roll < 0.7) {
        await timedRequest('member', `/api/members/${memberId()}`);
      } else {
        const n = ++seq;
        await timedRequest('record', '/api/actions', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `soak-${Date.now()}-${n}` },
          body: JSON.stringify({ member_id: memberId(), action_type: 'outreach', occurred_at: '2025-12-15T15:00:00Z', outcome: 'reached' }),
        });
      }
    }
  };
  const importer = (): Promise<void> => importEveryMinute(prepared.plan, server.url, authorization, until, timedRequest);

  const samples: { at: number; rss: number }[] = [];
  const sampler = setInterval(() => samples.push({ at: Date.now(), rss: rssOf(server.pid) }), 5_000);
  console.log(`soaking ${server.url} for ${minutes} min with ${clients} clients and an import a minute…`);
  const progress = setInterval(() => {
    const done = Object.values(latencies).reduce((n, l) => n + l.length, 0);
    console.log(
      `  ${Math.round((until - Date.now()) / 1000)} s left: ${fmt(done)} requests, ${errors.length} errors, RSS ${fmt(rssOf(server.pid), 0)} MB`,
    );
  }, 60_000);
  await Promise.all([...Array.from({ length: clients }, client), importer()]);
  clearInterval(sampler);
  clearInterval(progress);
  server.stop();
  prepared.server?.stop();

  const { lines, growing } = summarize(samples);
  console.log(lines.join('\n'));
  const results = resolve(import.meta.dirname, 'results');
  mkdirSync(results, { recursive: true });
  writeFileSync(join(results, `soak-${args.target}.txt`), lines.join('\n') + '\n');
  if (errors.length > 0 || growing) process.exitCode = 1;
}

await main();
