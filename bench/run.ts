// `npm run bench [-- --members N] [--target pglite|postgres|both] [--seconds S]`
// Measures Diplomat against baselines measured in the same run on the same machine and database:
// import vs a raw COPY of the same rows, scorecard cold and warm, an increment of new actions,
// and the API under load. Prints a table and writes bench/results/<date>.json.
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { openDb, type Db } from '../src/db/connect.js';
import { createApiToken, createUser } from '../src/domain/auth/users.service.js';
import { importPaths } from '../src/domain/import/import.service.js';
import { computeScorecard } from '../src/domain/scorecard/scorecard.service.js';
import { SEGMENTS } from '../src/domain/scorecard/segments.js';
import { generateSyntheticPlan } from '../src/domain/synth/synth.service.js';
import { buildApp } from '../src/http/app.js';
import { postgresAvailable, startThrowawayPostgres } from '../test/support/throwaway-postgres.js';
import { rawCopy } from './baseline-copy.js';
import { fmt, median, timed, withPeakRss } from './measure.js';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' },
    target: { type: 'string', default: 'both' },
    seed: { type: 'string', default: '7' },
    seconds: { type: 'string', default: '10' },
  },
});
const MEMBERS = Number(args.members);
const SECONDS = Number(args.seconds);
const HERE = import.meta.dirname;
const CACHE = join(HERE, 'cache');
const PERIODS = ['2025-06', '2025-Q2', '2025'];

type Row = { target: string; measure: string; diplomat: string; baseline: string; ratio: string };
const rows: Row[] = [];
const results: Record<string, unknown> = {};
const add = (target: string, measure: string, diplomat: string, baseline = '', ratio = ''): void => {
  rows.push({ target, measure, diplomat, baseline, ratio });
  console.log(`  ${measure}: ${diplomat}${baseline ? ` (baseline ${baseline}${ratio ? `, ${ratio}` : ''})` : ''}`);
};

async function planDir(): Promise<string> {
  const dir = join(CACHE, `plan-${args.seed}-${MEMBERS}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  console.log(`generating a synthetic plan of ${fmt(MEMBERS)} members (cached in ${dir})…`);
  const { ms } = await timed(() => generateSyntheticPlan({ members: MEMBERS, outDir: dir, seed: Number(args.seed), through: '2025-12' }));
  console.log(`  generated in ${fmt(ms / 1000, 1)} s`);
  writeFileSync(join(dir, '.complete'), '');
  return dir;
}

/** A copy of `count` actions with new ids, for the increment. */
async function extraActions(dir: string, count: number): Promise<string> {
  const out = join(dir, 'increment', 'actions.csv');
  if (existsSync(out)) return out;
  mkdirSync(join(dir, 'increment'), { recursive: true });
  const w = createWriteStream(out);
  let n = -1;
  for await (const line of createInterface({ input: createReadStream(join(dir, 'actions.csv')) })) {
    if (n === count) break;
    w.write(n < 0 ? `${line}\n` : `${line.replace(/^A/, 'INC')}\n`);
    n++;
  }
  w.end();
  await once(w, 'finish');
  return out;
}

async function benchTarget(name: string, db: Db, dir: string): Promise<void> {
  console.log(`\n[${name}]`);
  const others = ['partners', 'staff', 'campaigns', 'members', 'enrollments', 'care_programs', 'caseload', 'renewals', 'member_activity'].map((f) => join(dir, `${f}.csv`));
  const rest = await timed(() => importPaths(db, others, { reportDir: join(CACHE, 'reports', name) }));
  add(name, 'import of the other nine files', `${fmt(rest.result.totals.rowsRead)} rows in ${fmt(rest.ms / 1000, 1)} s`);
  const actions = join(dir, 'actions.csv');
  const imp = await withPeakRss(() => importPaths(db, [actions], { reportDir: join(CACHE, 'reports', name) }));
  const rowsRead = imp.result.totals.rowsRead;
  const base = await timed(() => rawCopy(db, actions));
  const ours = rowsRead / (imp.ms / 1000);
  const raw = base.result / (base.ms / 1000);
  add(name, 'import actions.csv (rows/s)', fmt(ours), `${fmt(raw)} raw COPY`, `${fmt(ours / raw, 2)}×`);
  add(name, name === 'pglite' ? 'import peak RSS (MB, the process incl. the embedded DB)' : 'import peak RSS (MB, the importing process)', fmt(imp.peakMb));
  results[`${name}.import`] = { rows: rowsRead, seconds: imp.ms / 1000, rowsPerSecond: ours, rawCopyRowsPerSecond: raw, peakRssMb: imp.peakMb };

  for (const period of PERIODS) {
    const cold = await timed(() => computeScorecard(db, { period }));
    const warmRuns: number[] = [];
    for (let i = 0; i < 3; i++) warmRuns.push((await timed(() => computeScorecard(db, { period }))).ms);
    const warm = median(warmRuns);
    let worst = 0;
    let worstSegment = '';
    for (const by of SEGMENTS) {
      const { ms } = await timed(() => computeScorecard(db, { period, by }));
      if (ms > worst) [worst, worstSegment] = [ms, by];
    }
    add(name, `scorecard ${period}: cold / warm / slowest segment (ms)`, `${fmt(cold.ms)} / ${fmt(warm)} / ${fmt(worst)} (${worstSegment})`);
    results[`${name}.scorecard.${period}`] = { coldMs: cold.ms, warmMs: warm, slowestSegmentMs: worst, slowestSegment: worstSegment };
  }

  const incrementRows = Math.min(100_000, rowsRead);
  const inc = await extraActions(dir, incrementRows);
  const incImport = await timed(() => importPaths(db, [inc], { reportDir: join(CACHE, 'reports', name) }));
  const reflected = await timed(() => computeScorecard(db, { period: '2025' }));
  add(name, `${fmt(incrementRows)} new actions: import + scorecard reflects (s)`, fmt((incImport.ms + reflected.ms) / 1000, 2));
  results[`${name}.increment`] = { rows: incrementRows, importMs: incImport.ms, scorecardMs: reflected.ms };

  const app = await buildApp({ db });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const user = await createUser(db, { email: `bench-${Date.now()}@bench.local`, role: 'manager', password: 'bench password 123' });
  const authorization = `Bearer ${(await createApiToken(db, user.user_id, 'bench', 1)).token}`;
  const scorecardLoad = await autocannon({ url: `${url}/api/scorecard?period=2025-06`, duration: SECONDS, connections: 4, headers: { authorization } });
  add(name, `API GET scorecard month: req/s, p50/p99 ms, errors`, `${fmt(scorecardLoad.requests.average, 1)}, ${scorecardLoad.latency.p50}/${scorecardLoad.latency.p99}, ${scorecardLoad.errors + scorecardLoad.non2xx}`);
  let seq = 0;
  const recordLoad = await autocannon({
    url: `${url}/api/actions`,
    duration: SECONDS,
    connections: 4,
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req) => {
          seq++;
          return { ...req, headers: { ...req.headers, 'idempotency-key': `bench-${Date.now()}-${seq}` }, body: JSON.stringify({ member_id: 'M0000001', action_type: 'outreach', occurred_at: '2025-06-03T14:00:00Z', outcome: 'reached' }) };
        },
      },
    ],
  });
  add(name, `API POST action: req/s, p50/p99 ms, errors`, `${fmt(recordLoad.requests.average, 1)}, ${recordLoad.latency.p50}/${recordLoad.latency.p99}, ${recordLoad.errors + recordLoad.non2xx}`);
  results[`${name}.api`] = {
    scorecard: { rps: scorecardLoad.requests.average, p50: scorecardLoad.latency.p50, p99: scorecardLoad.latency.p99, errors: scorecardLoad.errors + scorecardLoad.non2xx },
    recordAction: { rps: recordLoad.requests.average, p50: recordLoad.latency.p50, p99: recordLoad.latency.p99, errors: recordLoad.errors + recordLoad.non2xx },
  };
  await app.close();
}

async function main(): Promise<void> {
  const dir = await planDir();
  const targets = args.target === 'both' ? ['pglite', 'postgres'] : [args.target!];
  for (const target of targets) {
    if (target === 'pglite') {
      const dbDir = join(CACHE, `db-pglite-${process.pid}`);
      const db = await openDb({ kind: 'pglite', dir: dbDir });
      try {
        await benchTarget('pglite', db, dir);
      } finally {
        await db.close();
        rmSync(dbDir, { recursive: true, force: true });
      }
    } else if (target === 'postgres') {
      if (!process.env.DATABASE_URL && !postgresAvailable()) {
        console.log('\n[postgres] skipped: no DATABASE_URL and no initdb');
        continue;
      }
      const server = process.env.DATABASE_URL ? undefined : await startThrowawayPostgres();
      const url = process.env.DATABASE_URL ?? server!.url;
      const name = `diplomat_bench_${process.pid}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const u = new URL(url);
      u.pathname = `/${name}`;
      const db = await openDb({ kind: 'postgres', url: u.toString() });
      try {
        await benchTarget('postgres', db, dir);
      } finally {
        await db.close();
        await admin.query(`DROP DATABASE ${name}`);
        await admin.end();
        server?.stop();
      }
    }
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
  console.log(`\nDiplomat benchmark — ${fmt(MEMBERS)} members — ${machine}`);
  const widths = [9, 56, 34, 24, 7];
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join(' ');
  console.log(line(['target', 'measure', 'diplomat', 'baseline', 'ratio']));
  for (const r of rows) console.log(line([r.target, r.measure, r.diplomat, r.baseline, r.ratio]));
  mkdirSync(join(HERE, 'results'), { recursive: true });
  const file = join(HERE, 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ members: MEMBERS, machine, results, rows }, null, 2) + '\n');
  console.log(`\nwrote ${file}`);
}

await main();

