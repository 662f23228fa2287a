// `npm run bench [-- --members N] [--target postgres|pglite|both|citus|citus-only] [--seconds S] [--intensity X] [--skip-increments]`
// Measures Diplomat against baselines measured in the same run on the same machine: import vs a
// raw COPY of the same rows into the same database; the scorecard (read from the rollups) vs an
// analyst's SQL over the same CSV files in DuckDB; an increment of new actions in bulk, through
// the API's import and one by one; the API under load; and FHIR import vs CSV of the same rows. Prints a table and writes
// bench/results/<date>.json. `--target citus` measures single-node PostgreSQL and then a
// three-node Citus cluster on this machine (a coordinator and two workers), and writes the plans
// that show where Citus runs the work to bench/results/citus-plans.txt; `citus-only` runs the Citus
// half alone (e.g. again after a run whose single-node half stands).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDb, type Db } from '../src/db/connect.js';
import { createCitusDatabase, startThrowawayCitus } from '../test/support/throwaway-citus.js';
import { postgresAvailable, startThrowawayPostgres } from '../test/support/throwaway-postgres.js';
import { explainPlacement } from './citus-plans.js';
import { benchApi } from './api-steps.js';
import { benchFhirImport } from './fhir-steps.js';
import { benchContractScorecards, benchImport, benchIncrement, benchRebuild, benchScorecards } from './import-steps.js';
import { planDir } from './plan-files.js';
import { Results } from './results-table.js';

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
    // Skip the 100,000-action increments (bulk and through the API), e.g. where they take too long.
    'skip-increments': { type: 'boolean', default: false },
  },
});
const MEMBERS = Number(args.members);
const INTENSITY = Number(args.intensity);
const HERE = import.meta.dirname;
const CACHE = join(HERE, 'cache');
const results = new Results();

/** `fresh` opens another empty database of the same kind (the FHIR import is measured on its own). */
async function benchTarget(name: string, db: Db, dir: string, fresh: () => Promise<Db>): Promise<void> {
  console.log(`\n[${name}]`);
  const ctx = { name, db, dir, reportDir: join(CACHE, 'reports', name), results };
  const rowsRead = await benchImport(ctx);
  await benchRebuild(ctx);
  await benchScorecards(ctx);
  await benchContractScorecards(ctx);
  const incrementRows = args['skip-increments'] ? null : Math.min(100_000, Math.floor(rowsRead / 10));
  if (incrementRows !== null) await benchIncrement(ctx, incrementRows);
  await benchApi(ctx, { incrementRows, seconds: Number(args.seconds) });
  await benchFhirImport(name, fresh, join(CACHE, 'reports'), results);
}

async function onPglite(dir: string): Promise<void> {
  const dbDir = join(CACHE, `db-pglite-${process.pid}`);
  const db = await openDb({ kind: 'pglite', dir: dbDir });
  try {
    await benchTarget('pglite', db, dir, () => openDb({ kind: 'pglite', dir: 'memory://' }));
  } finally {
    await db.close();
    rmSync(dbDir, { recursive: true, force: true });
  }
}

async function onPostgres(dir: string): Promise<void> {
  if (!process.env.DATABASE_URL && !postgresAvailable()) {
    console.log('\n[postgres] skipped: no DATABASE_URL and no initdb');
    return;
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
  const extra: string[] = [];
  const fresh = async (): Promise<Db> => {
    const other = `${name}_${extra.length + 1}`;
    await admin.query(`CREATE DATABASE ${other}`);
    extra.push(other);
    const v = new URL(url);
    v.pathname = `/${other}`;
    return openDb({ kind: 'postgres', url: v.toString() });
  };
  try {
    await benchTarget('postgres', db, dir, fresh);
  } finally {
    await db.close();
    for (const other of extra) await admin.query(`DROP DATABASE IF EXISTS ${other}`);
    if (args['keep-db']) console.log(`kept the database: ${u.toString()}`);
    else await admin.query(`DROP DATABASE ${name}`);
    await admin.end();
    server?.stop();
  }
}

/** A throwaway coordinator and two workers (Citus's default 32 shards per table). */
async function onCitus(dir: string): Promise<void> {
  const cluster = await startThrowawayCitus({ shardCount: 32 });
  let seq = 0;
  const fresh = async (): Promise<Db> =>
    openDb({ kind: 'postgres', url: await createCitusDatabase(cluster, `diplomat_bench_${process.pid}_${++seq}`) });
  const db = await fresh();
  try {
    await benchTarget('citus', db, dir, fresh);
    await explainPlacement(db, join(HERE, 'results', 'citus-plans.txt'));
  } finally {
    await db.close();
    cluster.stop();
  }
}

/** --target values that name more than one database, in the order they run. */
const TARGET_SETS: Record<string, string[]> = { both: ['pglite', 'postgres'], citus: ['postgres', 'citus'], 'citus-only': ['citus'] };

async function main(): Promise<void> {
  const dir = await planDir({ cache: CACHE, seed: Number(args.seed), members: MEMBERS, intensity: INTENSITY });
  const targets = TARGET_SETS[args.target!] ?? [args.target!];
  for (const target of targets) {
    if (target === 'pglite') await onPglite(dir);
    else if (target === 'postgres') await onPostgres(dir);
    else if (target === 'citus') await onCitus(dir);
  }
  const file = results.write(join(HERE, 'results'), { members: MEMBERS, intensity: INTENSITY });
  console.log(`\nwrote ${file}`);
}

await main();
