// A rebuild on a PostgreSQL server, on several connections at once, beside the live cube.
//
// A rebuild in one transaction (rollups.service.ts) builds its 17 periods a year one after another
// on one connection: one core of the server, 427 s at a million members (250 s here). The periods are
// independent, so here builders on their own connections each take the next period and write it
// into tables beside the live ones (NEXT_TABLES), committing each; the rebuild's own transaction
// holds the rollups' lock throughout, so no change to the ledger lands meanwhile (writers wait,
// as they wait for any rebuild), and at the end swaps the filled tables in. Readers keep reading
// the previous cube until the swap, where a rebuild in one transaction made them wait for all of
// it (it drops and recreates the tables first).
//
// The embedded database has one connection, and on Citus the member facts are distributed tables
// that a rename would have to carry to every shard: both rebuild in one transaction as before.
//
// The same builders give an import the years it brings (buildMissingYears): after its rows are
// committed, straight into the live tables, where no reader looks at a year before it is covered.
import type { Kysely } from 'kysely';
import { hasCitus } from '../../db/citus.js';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/database.js';
import { readSetting } from '../settings/settings.service.js';
import { LIVE_TABLES, periodsOfYear, type CubeTables } from './cube.sql.js';
import { addCoveredYear, analyzeMemberFacts, clearYear, countChange, saveRollupState } from './rollup-state.queries.js';
import {
  createMonthlyActions,
  createNextTables,
  dropMonthlyActions,
  dropNextTables,
  insertCubePeriod,
  lockRollups,
  NEXT_TABLES,
  swapInNextTables,
  tuneForBuild,
} from './rollups.queries.js';
import { coverage, ledgerYears, rebuildRollups, signature, type RebuildProgress } from './rollups.service.js';

type Q = Kysely<Database>;

/**
 * Builders at once. Each is one server process busy on a period (its facts query may add parallel
 * workers of its own); two keep both cores of the machine this was measured on busy, and a larger
 * server gains less from more than it risks in memory: each holds a period's facts (1 GB of
 * work_mem for its hash aggregates).
 */
export const BUILDERS = 2;

/** Recomputes the whole cube from the raw tables: beside the live cube on PostgreSQL, in one transaction elsewhere. */
export async function rebuild(db: Db, onProgress?: (p: RebuildProgress) => void): Promise<{ years: number[] }> {
  return (await rebuildsBeside(db)) ? rebuildBeside(db.kysely, BUILDERS, onProgress) : rebuildRollups(db.kysely, onProgress);
}

/** Rebuilds, as `rebuild` does, when the cube is stale (a new catalog or time zone); true when it did. */
export async function rebuildIfStale(db: Db, onProgress?: (p: RebuildProgress) => void): Promise<boolean> {
  if ((await coverage(db.kysely)).fresh) return false;
  await rebuild(db, onProgress);
  return true;
}

/** Whether `rebuild` runs beside the live cube here (single-node PostgreSQL). */
export async function rebuildsBeside(db: Db): Promise<boolean> {
  return db.target.kind === 'postgres' && !(await hasCitus(db.kysely));
}

/** The rebuild described above, with `builders` connections besides the rebuild's own. */
export async function rebuildBeside(db: Q, builders: number, onProgress?: (p: RebuildProgress) => void): Promise<{ years: number[] }> {
  return db.transaction().execute(async (trx) => {
    await lockRollups(trx);
    const timezone = await readSetting(trx, 'timezone');
    const years = await ledgerYears(trx, timezone);
    // The tables beside are made, and dropped on failure, only under the lock, so a second rebuild
    // never touches the first's. They are committed before the builders start, which write them
    // from their own connections.
    await db.transaction().execute(async (setup) => {
      await createNextTables(setup);
      // The years' actions counted per member and month once, for every period to sum (buildYear
      // says why), before the builders start; the count itself may run in parallel.
      if (years.length > 0) await createMonthlyActions(setup, years, timezone, true);
    });
    // On failure the tables beside go. (Not after the swap below has begun: this transaction
    // would then hold the tables the drop waits for. A rebuild drops what an earlier one left anyway.)
    await buildAll(db, years, timezone, NEXT_TABLES, builders, dropNextTables, onProgress);
    await dropMonthlyActions(trx);
    await countChange(trx);
    await swapInNextTables(trx);
    for (const year of years) await addCoveredYear(trx, year);
    await saveRollupState(trx, signature(trx), timezone);
    return { years };
  });
}

/**
 * Builds the years of the ledger the cube lacks, as a rebuild beside does but into the live tables:
 * for an import that brings a year, once its rows are committed (the builders cannot see them
 * before). In the import's own transaction the year was built on one connection (at 100,000
 * members about 50 s of a 96 s import of a year's actions). Holds the rollups' lock throughout, so
 * no change lands meanwhile; the year is covered, and read, only when this commits. If it fails
 * the year stays uncovered (computed live, and built by the next import of it, `serve` or a
 * rebuild); what its builders left is cleared first by any build of the year.
 */
export async function buildMissingYears(db: Q, builders: number): Promise<{ years: number[] }> {
  return db.transaction().execute(async (trx) => {
    await lockRollups(trx);
    const cov = await coverage(trx);
    // A stale cube is rebuilt by the next change's upkeep, all years at once.
    if (!cov.fresh) return { years: [] };
    const years = (await ledgerYears(trx, cov.timezone)).filter((year) => !cov.years.has(year));
    if (years.length === 0) return { years };
    // Committed before the builders start, which insert the same keys: what an interrupted build
    // left of the years goes, and the years' actions are counted per month once (buildYear says why).
    await db.transaction().execute(async (setup) => {
      await dropMonthlyActions(setup);
      await clearYear(setup, years.flatMap(periodsOfYear));
      await createMonthlyActions(setup, years, cov.timezone, true);
    });
    await buildAll(db, years, cov.timezone, LIVE_TABLES, builders, dropMonthlyActions);
    await dropMonthlyActions(trx);
    // A build in steps that planned the year before this took the lock starts it again, and finds it covered.
    await countChange(trx);
    for (const year of years) await addCoveredYear(trx, year);
    // Statistics for the next changes' joins (withUpkeep says why).
    await analyzeMemberFacts(trx);
    return { years };
  });
}

/**
 * Builds every period of `years` into `tables` on `builders` connections, a transaction a period.
 * If one fails, once every builder has stopped, `cleanUp` runs in a transaction of its own.
 */
async function buildAll(
  db: Q,
  years: readonly number[],
  timezone: string,
  tables: CubeTables,
  builders: number,
  cleanUp: (trx: Q) => Promise<void>,
  onProgress?: (p: RebuildProgress) => void,
): Promise<void> {
  try {
    await buildPeriods(db, years, timezone, tables, builders, onProgress);
  } catch (error) {
    await db
      .transaction()
      .execute(cleanUp)
      .catch(() => undefined); // the build's error is the one to report
    throw error;
  }
}

async function buildPeriods(
  db: Q,
  years: readonly number[],
  timezone: string,
  tables: CubeTables,
  builders: number,
  onProgress?: (p: RebuildProgress) => void,
): Promise<void> {
  // Years first, then quarters, then months: the longest periods start first, so the builders
  // end together rather than one finishing a year alone.
  const queue = years.flatMap(periodsOfYear).sort((a, b) => b.months - a.months);
  const total = queue.length;
  let done = 0;
  const builder = async (): Promise<void> => {
    for (let period = queue.shift(); period; period = queue.shift()) {
      const next = period;
      onProgress?.({ period: next.label, done, total });
      try {
        await db.transaction().execute(async (trx) => {
          await tuneForBuild(trx);
          await insertCubePeriod(trx, next, timezone, tables, true);
        });
      } catch (error) {
        queue.length = 0; // the other builders stop after their period
        throw error;
      }
      done++;
    }
  };
  const results = await Promise.allSettled(Array.from({ length: builders }, builder));
  // Every builder has stopped before the rebuild's transaction ends, whatever failed.
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
}
