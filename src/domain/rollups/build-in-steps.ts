// Builds the years of the ledger the cube does not cover, while the server serves: one period per
// transaction, so a reader waits for one period at most (the embedded database has a single
// connection) rather than for the whole build, which takes 25 s for the demo's plan and minutes
// for a large one. `serve` runs this after it starts listening.
//
// A year is covered, and read by the scorecard, only once all its periods are in. A change to the
// ledger meanwhile (from any process) advances a counter (migration 0012): the periods built so
// far may be stale, so the year starts again; after MAX_TRIES it is built in one transaction.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { DomainError } from '../errors.js';
import type { Period } from '../metrics/periods.js';
import { PERIODS_PER_YEAR, periodsOfYear } from './cube.sql.js';
import { insertCubePeriod, lockRollups, resetCube } from './rollups.queries.js';
import { addCoveredYear, changesToken, clearYear, countChange, finishMemberFacts, saveRollupState } from './rollup-state.queries.js';
import { buildYear, coverage, ledgerYears, signature, type RebuildProgress } from './rollups.service.js';

type Q = Kysely<Database>;

/** Tries of a year in steps before it is built in one transaction (changes kept interrupting it). */
const MAX_TRIES = 3;

/**
 * A pause after each step. The embedded database's single connection is handed out by a lock
 * that is not first-come-first-served: without a pause the build takes it back at once and a
 * request (a few queries one after another) waits for the whole build.
 */
const STEP_PAUSE_MS = 25;

const running = new WeakMap<Q, RebuildProgress>();

/**
 * Where the cube does not answer and a build in steps is running, readers wait for it (503) rather
 * than compute the scorecard from the raw ledger: that costs seconds a period and would hold up
 * the build that ends the wait.
 */
export function waitForBuild(db: Q): void {
  const status = running.get(db);
  if (!status) return;
  const done = status.total > 0 ? ` (${status.done} of ${status.total} periods)` : '';
  throw new DomainError('unavailable', `The scorecard is being prepared${done}. It will be ready in a moment.`);
}

interface YearPlan {
  year: number;
  timezone: string;
  /** The ledger's changes counter when the year was started. */
  token: string;
  /** Years still to build, this one included. */
  remaining: number;
}

/** Builds every year the cube lacks (emptying a stale cube first); returns those built. */
export async function completeRollups(db: Q, onProgress?: (p: RebuildProgress) => void): Promise<{ years: number[] }> {
  if (running.has(db)) throw new Error('the rollups are already being built');
  const status: RebuildProgress = { period: '', done: 0, total: 0 };
  running.set(db, status);
  try {
    const built: number[] = [];
    const tries = new Map<number, number>();
    // member_facts gets its key at the end if this emptied the cube or built anything: a reset
    // table without it would leave later deltas scanning it for every row they probe.
    let touched = false;
    const next = async (): Promise<YearPlan | null> => {
      const plan = await nextYear(db, () => (touched = true));
      if (plan) touched = true;
      return plan;
    };
    for (let plan = await next(); plan; plan = await next()) {
      status.total = status.done + plan.remaining * PERIODS_PER_YEAR;
      const tried = (tries.get(plan.year) ?? 0) + 1;
      tries.set(plan.year, tried);
      const done = tried > MAX_TRIES ? await buildAtOnce(db, plan) : await buildInSteps(db, plan, status, onProgress);
      if (done) built.push(plan.year);
    }
    if (touched) {
      await db.transaction().execute(async (trx) => {
        await lockRollups(trx);
        await finishMemberFacts(trx);
      });
    }
    return { years: built.sort() };
  } finally {
    running.delete(db);
  }
}

/**
 * The next year to build, latest first (the periods people look at first), with what an earlier
 * try left of it removed; null when the cube covers every year of the ledger. A stale cube (a new
 * catalog or time zone) is emptied here, in one short transaction.
 */
async function nextYear(db: Q, onReset: () => void): Promise<YearPlan | null> {
  return db.transaction().execute(async (trx) => {
    await lockRollups(trx);
    let cov = await coverage(trx);
    if (!cov.fresh) {
      onReset();
      await countChange(trx);
      await resetCube(trx);
      await saveRollupState(trx, signature(trx), cov.timezone);
      cov = { fresh: true, years: new Set(), timezone: cov.timezone };
    }
    const missing = (await ledgerYears(trx, cov.timezone)).filter((y) => !cov.years.has(y));
    const year = missing[missing.length - 1];
    if (year === undefined) return null;
    await clearYear(trx, periodsOfYear(year));
    return { year, timezone: cov.timezone, token: await changesToken(trx), remaining: missing.length };
  });
}

/** One transaction per period; false when a change came in between (the year is planned again). */
async function buildInSteps(db: Q, plan: YearPlan, status: RebuildProgress, onProgress?: (p: RebuildProgress) => void): Promise<boolean> {
  const step = (work: (trx: Q) => Promise<void>): Promise<boolean> =>
    db.transaction().execute(async (trx) => {
      await lockRollups(trx);
      if ((await changesToken(trx)) !== plan.token) return false;
      await work(trx);
      return true;
    });
  const periods: Period[] = periodsOfYear(plan.year);
  for (const period of periods) {
    status.period = period.label;
    onProgress?.({ ...status });
    if (!(await step((trx) => insertCubePeriod(trx, period, plan.timezone)))) return false;
    status.done++;
    await sleep(STEP_PAUSE_MS);
  }
  return step((trx) => addCoveredYear(trx, plan.year));
}

/** The year in one transaction, as a rebuild does; false when the cube changed under the plan. */
async function buildAtOnce(db: Q, plan: YearPlan): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await lockRollups(trx);
    const cov = await coverage(trx);
    if (!cov.fresh || cov.timezone !== plan.timezone || cov.years.has(plan.year)) return false;
    await clearYear(trx, periodsOfYear(plan.year));
    await buildYear(trx, plan.year, plan.timezone);
    return true;
  });
}
