// `npm run bench [-- --members N] [--target postgres|pglite|both] [--seconds S] [--intensity X]`
// Measures Diplomat against baselines measured in the same run on the same machine: import vs a
// raw COPY of the same rows into the same database; the scorecard (read from the rollups) vs an
// analyst's SQL over the same CSV files in DuckDB; an increment of new actions in bulk, through
// the API's import and one by one; and the API under load. Prints a table and writes
// bench/results/<date>.json.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { rebuildRollups } from '../src/domain/rollups/rollups.service.js';
import { parsePeriod } from '../src/domain/metrics/periods.js';
import { computeScorecard } from '../src/domain/scorecard/scorecard.service.js';
import { SEGMENTS } from '../src/domain/metrics/segments.js';
import { generateSyntheticPlan } from '../src/domain/synth/synth.service.js';
import { buildApp } from '../src/http/app.js';
import { postgresAvailable, startThrowawayPostgres } from '../test/support/throwaway-postgres.js';
import { rawCopy } from './baseline-copy.js';
import { DuckDbBaseline } from './baseline-duckdb.js';
import { fmt, median, timed, withPeakRss } from './measure.js';

const { values: args } = parseArgs({
  options: {
    members: { type: 'string', default: '1000000' },
    // The embedded database is one process with one connection: measure it with --target pglite at fewer members.
    target: { type: 'string', default: 'postgres' },
    seed: { type: 'string', default: '7' },
    seconds: { type: 'string', default: '10' },
    // ≈ 20 actions per member a year: 20M for the default million members.
    intensity: { type: 'string', default: '7' },
    // Leave the PostgreSQL database in place (its URL is printed) to look at it afterwards.
    'keep-db': { type: 'boolean', default: false },
  },
});
const MEMBERS = Number(args.members);
const INTENSITY = Number(args.intensity);
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
  const dir = join(CACHE, `plan-${args.seed}-${MEMBERS}-x${INTENSITY}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  console.log(`generating a synthetic plan of ${fmt(MEMBERS)} members (cached in ${dir})…`);
  const { ms } = await timed(() =>
    generateSyntheticPlan({ members: MEMBERS, outDir: dir, seed: Number(args.seed), through: '2025-12', intensity: INTENSITY }),
  );
  console.log(`  generated in ${fmt(ms / 1000, 1)} s`);
  writeFileSync(join(dir, '.complete'), '');
  return dir;
}

/**
 * `count` new actions as a plan would add them in two days: every k-th action of the year's
 * file (so spread over members like real work), with new ids, dated 30–31 December.
 */
async function increment(dir: string, count: number, tag: string): Promise<string> {
  const out = join(dir, `increment-${tag}`, 'actions.csv');
  if (existsSync(out)) return out;
  mkdirSync(join(dir, `increment-${tag}`), { recursive: true });
  const total = await countLines(join(dir, 'actions.csv'));
  const every = Math.max(1, Math.floor(total / count));
  const w = createWriteStream(out);
  let n = -1;
  let written = 0;
  for await (const line of createInterface({ input: createReadStream(join(dir, 'actions.csv')) })) {
    n++;
    if (n === 0) w.write(`${line}\n`);
    else if (n % every === 0 && written < count) {
      const cells = line.split(',');
      cells[0] = `${tag}${cells[0]}`;
      cells[3] = `2025-12-${written % 2 ? '31' : '30'}${cells[3]!.slice(10)}`;
      w.write(`${cells.join(',')}\n`);
      written++;
    }
  }
  w.end();
  await once(w, 'finish');
  return out;
}

async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const _ of createInterface({ input: createReadStream(path) })) n++;
  return n - 1;
}

/** The median of three runs after one warm-up. */
async function warmMs(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) runs.push((await timed(fn)).ms);
  return median(runs);
}

async function benchTarget(name: string, db: Db, dir: string): Promise<void> {
  console.log(`\n[${name}]`);
  const others = [
    'partners',
    'staff',
    'campaigns',
    'members',
    'enrollments',
    'care_programs',
    'caseload',
    'renewals',
    'member_activity',
  ].map((f) => join(dir, `${f}.csv`));
  const rest = await timed(() => importPaths(db, others, { reportDir: join(CACHE, 'reports', name) }));
  add(name, 'import of the other nine files', `${fmt(rest.result.totals.rowsRead)} rows in ${fmt(rest.ms / 1000, 1)} s`);
  const actions = join(dir, 'actions.csv');
  const imp = await withPeakRss(() => importPaths(db, [actions], { reportDir: join(CACHE, 'reports', name) }));
  const rowsRead = imp.result.totals.rowsRead;
  const base = await timed(() => rawCopy(db, actions));
  const ours = rowsRead / (imp.ms / 1000);
  const raw = base.result / (base.ms / 1000);
  add(name, 'import actions.csv (rows/s)', fmt(ours), `${fmt(raw)} raw COPY`, `${fmt(ours / raw, 2)}×`);
  add(
    name,
    name === 'pglite' ? 'import peak RSS (MB, the process incl. the embedded DB)' : 'import peak RSS (MB, the importing process)',
    fmt(imp.peakMb),
  );
  results[`${name}.import`] = {
    rows: rowsRead,
    seconds: imp.ms / 1000,
    rowsPerSecond: ours,
    rawCopyRowsPerSecond: raw,
    peakRssMb: imp.peakMb,
  };

  const rebuild = await timed(() => rebuildRollups(db.kysely));
  add(name, 'rollups rebuilt from scratch (s)', fmt(rebuild.ms / 1000, 1));
  results[`${name}.rollupRebuildMs`] = rebuild.ms;

  const duck = await timed(() => DuckDbBaseline.load(dir));
  add(name, 'DuckDB baseline: load the CSV files (s)', '', fmt(duck.ms / 1000, 1));
  for (const label of PERIODS) {
    const period = parsePeriod(label);
    const cold = await timed(() => computeScorecard(db, { period: label }));
    const warm = await warmMs(() => computeScorecard(db, { period: label }));
    const duckWarm = await warmMs(() => duck.result.scorecard(period, 'all'));
    add(
      name,
      `scorecard ${label}, whole plan: cold / warm (ms)`,
      `${fmt(cold.ms, 1)} / ${fmt(warm, 1)}`,
      `${fmt(duckWarm)} DuckDB`,
      `${fmt(duckWarm / warm)}× faster`,
    );
    let worst = 0;
    let worstSegment = '';
    let duckWorst = 0;
    for (const by of SEGMENTS) {
      const ms = await warmMs(() => computeScorecard(db, { period: label, by }));
      if (ms > worst) [worst, worstSegment] = [ms, by];
      // The tables are in memory already: one run each keeps a million-member run bounded.
      duckWorst = Math.max(duckWorst, (await timed(() => duck.result.scorecard(period, by))).ms);
    }
    add(
      name,
      `scorecard ${label}, slowest segment: warm (ms)`,
      `${fmt(worst, 1)} (${worstSegment})`,
      `${fmt(duckWorst)} DuckDB`,
      `${fmt(duckWorst / worst)}× faster`,
    );
    results[`${name}.scorecard.${label}`] = {
      coldMs: cold.ms,
      warmMs: warm,
      slowestSegmentMs: worst,
      slowestSegment: worstSegment,
      duckdbWarmMs: duckWarm,
      duckdbSlowestSegmentMs: duckWorst,
    };
  }
  duck.result.close();

  const incrementRows = Math.min(100_000, Math.floor(rowsRead / 10));
  const bulk = await increment(dir, incrementRows, 'INC');
  const incImport = await timed(() => importPaths(db, [bulk], { reportDir: join(CACHE, 'reports', name) }));
  const reflected = await timed(() => computeScorecard(db, { period: '2025-12' }));
  add(
    name,
    `${fmt(incrementRows)} new actions, bulk import until the scorecard shows them (s)`,
    fmt((incImport.ms + reflected.ms) / 1000, 2),
  );
  results[`${name}.increment`] = { rows: incrementRows, importMs: incImport.ms, scorecardMs: reflected.ms };

  let jobDone: Promise<void> = Promise.resolve();
  const app = await buildApp({ db, onImportJob: (done) => void (jobDone = done) });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const user = await createUser(db, { email: `bench-${Date.now()}@bench.local`, role: 'manager', password: 'bench password 123' });
  const authorization = `Bearer ${(await createApiToken(db, user.user_id, 'bench', 1)).token}`;

  const viaApi = await increment(dir, incrementRows, 'API');
  const apiIncrement = await timed(async () => {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(viaApi)]), 'actions.csv');
    const res = await fetch(`${url}/api/imports`, { method: 'POST', body: form, headers: { authorization } });
    if (res.status !== 202) throw new Error(`upload answered ${res.status}`);
    await jobDone;
    const card = await fetch(`${url}/api/scorecard?period=2025-12`, { headers: { authorization } });
    if (card.status !== 200) throw new Error(`scorecard answered ${card.status}`);
  });
  add(
    name,
    `${fmt(incrementRows)} new actions through the API's import until the scorecard shows them (s)`,
    fmt(apiIncrement.ms / 1000, 2),
  );
  results[`${name}.incrementApi`] = { rows: incrementRows, ms: apiIncrement.ms };

  const oneAction = await timed(async () => {
    const body = JSON.stringify({
      member_id: 'M0000001',
      action_type: 'transportation',
      occurred_at: '2025-12-29T10:00:00Z',
      outcome: 'scheduled',
    });
    const res = await fetch(`${url}/api/actions`, {
      method: 'POST',
      body,
      headers: { authorization, 'content-type': 'application/json', 'idempotency-key': `bench-one-${Date.now()}` },
    });
    if (res.status !== 201) throw new Error(`record answered ${res.status}`);
    await fetch(`${url}/api/scorecard?period=2025-12`, { headers: { authorization } });
  });
  add(name, 'one action through the API, then the scorecard showing it (ms)', fmt(oneAction.ms, 1));
  results[`${name}.oneAction`] = { ms: oneAction.ms };

  const scorecardLoad = await autocannon({
    url: `${url}/api/scorecard?period=2025-06`,
    duration: SECONDS,
    connections: 4,
    headers: { authorization },
  });
  add(
    name,
    `API GET scorecard month: req/s, p50/p99 ms, errors`,
    `${fmt(scorecardLoad.requests.average, 1)}, ${scorecardLoad.latency.p50}/${scorecardLoad.latency.p99}, ${scorecardLoad.errors + scorecardLoad.non2xx}`,
  );
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
          return {
            ...req,
            headers: { ...req.headers, 'idempotency-key': `bench-${Date.now()}-${seq}` },
            body: JSON.stringify({
              member_id: 'M0000001',
              action_type: 'outreach',
              occurred_at: '2025-06-03T14:00:00Z',
              outcome: 'reached',
            }),
          };
        },
      },
    ],
  });
  add(
    name,
    `API POST action: req/s, p50/p99 ms, errors`,
    `${fmt(recordLoad.requests.average, 1)}, ${recordLoad.latency.p50}/${recordLoad.latency.p99}, ${recordLoad.errors + recordLoad.non2xx}`,
  );
  results[`${name}.api`] = {
    scorecard: {
      rps: scorecardLoad.requests.average,
      p50: scorecardLoad.latency.p50,
      p99: scorecardLoad.latency.p99,
      errors: scorecardLoad.errors + scorecardLoad.non2xx,
    },
    recordAction: {
      rps: recordLoad.requests.average,
      p50: recordLoad.latency.p50,
      p99: recordLoad.latency.p99,
      errors: recordLoad.errors + recordLoad.non2xx,
    },
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
        if (args['keep-db']) console.log(`kept the database: ${u.toString()}`);
        else await admin.query(`DROP DATABASE ${name}`);
        await admin.end();
        server?.stop();
      }
    }
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
  console.log(`\nDiplomat benchmark — ${fmt(MEMBERS)} members, intensity ${INTENSITY} — ${machine}`);
  const widths = [9, 78, 30, 16, 12];
  const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join(' ');
  console.log(line(['target', 'measure', 'diplomat', 'baseline', 'ratio']));
  for (const r of rows) console.log(line([r.target, r.measure, r.diplomat, r.baseline, r.ratio]));
  mkdirSync(join(HERE, 'results'), { recursive: true });
  const file = join(HERE, 'results', `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ members: MEMBERS, intensity: INTENSITY, machine, results, rows }, null, 2) + '\n');
  console.log(`\nwrote ${file}`);
}

await main();
