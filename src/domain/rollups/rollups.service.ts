// Keeps the scorecard cube (cube.sql.ts) equal to what the raw ledger says, so that no
// scorecard read scans actions. The ways in:
// - rebuildRollups: from scratch, for every year with plan actions, in one transaction (also
//   what a catalog change or a first import triggers; `rebuild` in rebuild-beside.ts, behind
//   `diplomat rollups rebuild` and a time zone change, runs it beside the live cube on PostgreSQL);
// - withUpkeep around a change (an import's merge, a void): the touched members' stored facts
//   (member_facts) are subtracted before the change and their recomputed facts added after it, and
//   new actions' counts are added to their members' stored facts, in the change's own
//   transaction, so the cube is never seen out of step with the ledger;
// - completeRollups (build-in-steps.ts): the years the cube lacks, one period per transaction,
//   while the server serves;
// - buildMissingYears (rebuild-beside.ts): on a PostgreSQL server, the years an import brings,
//   after its commit, on several connections (elsewhere withUpkeep builds them in the import's
//   transaction);
// - readCube: the scorecard's lookup, or null where the cube does not cover the period (the
//   scorecard then computes it live from the raw tables — same SQL, just slower — or, while a
//   build in steps runs, answers that it is being prepared).
// All writers take one advisory lock, so changes apply to the cube one after another.
import { createHash } from 'node:crypto';
import type { Kysely, RawBuilder } from 'kysely';
import { hasCitus } from '../../db/citus.js';
import type { Database } from '../../db/database.js';
import type { AggregateRow } from '../metrics/measures.sql.js';
import type { Period } from '../metrics/periods.js';
import type { CubeSegment } from '../metrics/segments.js';
import { readSetting, settingOrDefault } from '../settings/settings.service.js';
import { cubeDefinition, cubeTablesDdl, LIVE_TABLES, PERIODS_PER_YEAR, periodsOfYear } from './cube.sql.js';
import {
  actionDates,
  actionYearBounds,
  addAppendedActions,
  analyzeTouched,
  applyDelta,
  clearCaseloadCells,
  collectTouched,
  createMonthlyActions,
  cubeRows,
  cubeRowsOfPeriods,
  dropMonthlyActions,
  dropTouched,
  insertCaseloadCells,
  insertCubePeriod,
  lockRollups,
  memberCount,
  putBackTouched,
  resetCube,
  startDelta,
  takeOutTouched,
  yearHasActions,
  yearsOf,
} from './rollups.queries.js';
import {
  addCoveredYear,
  analyzeMemberFacts,
  clearYear,
  countChange,
  coverageState,
  finishMemberFacts,
  saveRollupState,
} from './rollup-state.queries.js';

type Q = Kysely<Database>;

/** When upkeep applies deltas and when it rebuilds; a change may override any of these (tests do). */
export interface RollupTuning {
  /**
   * Above this share of all members (and above rebuildMinMembers), a change rebuilds the cube
   * rather than applying deltas (a delta computes the touched members' facts twice: before and after).
   */
  rebuildShare: number;
  /** A change touching no more members than this always applies deltas. */
  rebuildMinMembers: number;
  /** From this many touched members, deltas are computed one period at a time (see buildYear). */
  perPeriodFrom: number;
  /**
   * Up to this many touched members, deltas find them through each table's member index; above,
   * through a semi-join the planner can hash (an id array compared row by row is quadratic on a scan).
   */
  probeMembersUpTo: number;
}

export const DEFAULT_ROLLUP_TUNING: Readonly<RollupTuning> = Object.freeze({
  rebuildShare: 0.5,
  rebuildMinMembers: 1000,
  perPeriodFrom: 10_000,
  probeMembersUpTo: 2000,
});

let signatureCache: string | undefined;
/** What the cube was computed with: the catalog's SQL and the tables' shape. A change rebuilds. */
export function signature(db: Q): string {
  if (!signatureCache) {
    const text = [...cubeDefinition().map((q) => q.compile(db).sql), ...cubeTablesDdl()].join('\n');
    signatureCache = createHash('sha256').update(text).digest('hex').slice(0, 32);
  }
  return signatureCache;
}

export interface Coverage {
  /** The cube matches the catalog and the plan's current time zone. */
  fresh: boolean;
  years: ReadonlySet<number>;
  timezone: string;
}

export async function coverage(db: Q): Promise<Coverage> {
  const state = await coverageState(db);
  const timezone = settingOrDefault('timezone', state.timezoneSetting);
  const built = state.built;
  if (!built || built.signature !== signature(db) || built.timezone !== timezone) return { fresh: false, years: new Set(), timezone };
  return { fresh: true, years: new Set(state.years), timezone };
}

const yearOf = (period: Period): number => Number(period.start.slice(0, 4));
const periodsOf = (years: Iterable<number>): Period[] => [...years].sort().flatMap(periodsOfYear);

/** The cube's rows for a period and segment, shaped like the live aggregate; null when not covered. */
export async function readCube(db: Q, period: Period, segment: CubeSegment | null): Promise<AggregateRow[] | null> {
  const cov = await coverage(db);
  if (!cov.fresh || !cov.years.has(yearOf(period))) return null;
  return cubeRows(db, period, segment);
}

/**
 * The cube's rows of every period of a year, by `${period}|${segment}` (segment 'all' for the whole
 * plan); null when the cube does not cover the year.
 */
export async function readCubeYear(db: Q, year: number): Promise<Map<string, AggregateRow[]> | null> {
  const cov = await coverage(db);
  if (!cov.fresh || !cov.years.has(year)) return null;
  const byPlace = new Map<string, AggregateRow[]>();
  for (const row of await cubeRowsOfPeriods(db, periodsOfYear(year))) {
    const place = `${String(row.period)}|${String(row.segment)}`;
    const rows = byPlace.get(place);
    if (rows) rows.push(row);
    else byPlace.set(place, [row]);
  }
  return byPlace;
}

export interface RebuildProgress {
  /** The period being built. */
  period: string;
  done: number;
  total: number;
}

/** Recomputes the whole cube from the raw tables. */
export async function rebuildRollups(db: Q, onProgress?: (p: RebuildProgress) => void): Promise<{ years: number[] }> {
  return db.transaction().execute(async (trx) => {
    await lockRollups(trx);
    return rebuildIn(trx, onProgress);
  });
}

async function rebuildIn(trx: Q, onProgress?: (p: RebuildProgress) => void): Promise<{ years: number[] }> {
  const timezone = await readSetting(trx, 'timezone');
  await countChange(trx);
  await resetCube(trx);
  const years = await ledgerYears(trx, timezone);
  const total = years.length * PERIODS_PER_YEAR;
  let done = 0;
  for (const year of years) await buildYear(trx, year, timezone, (period) => onProgress?.({ period, done: done++, total }));
  await finishMemberFacts(trx);
  await saveRollupState(trx, signature(trx), timezone);
  return { years };
}

/** The local calendar years holding plan actions: the years the cube covers. */
export async function ledgerYears(trx: Q, timezone: string): Promise<number[]> {
  const bounds = await actionYearBounds(trx, timezone);
  if (!bounds) return [];
  const years: number[] = [];
  // Index probes: a stray date years away adds no empty years to build.
  for (let y = bounds.lo; y <= bounds.hi; y++) if (await yearHasActions(trx, y, timezone)) years.push(y);
  return years;
}

/**
 * The cube of one year, one period at a time: each period's facts (one row per member) fit in
 * memory, where all 17 periods at once would spill every sort and hash of a large plan to disk.
 * The year's actions are counted once per member and month first, and each period sums its months
 * (at 100,000 members 8 s less counting than each period counting its own actions). Not on Citus,
 * where each period counts the ledger on the shards: a table of the monthly counts would be a
 * coordinator's table joined to distributed ones.
 */
export async function buildYear(trx: Q, year: number, timezone: string, onPeriod?: (label: string) => void): Promise<void> {
  await addCoveredYear(trx, year);
  const monthly = !(await hasCitus(trx));
  if (monthly) await createMonthlyActions(trx, [year], timezone, false);
  for (const period of periodsOfYear(year)) {
    onPeriod?.(period.label);
    await insertCubePeriod(trx, period, timezone, LIVE_TABLES, monthly);
  }
  if (monthly) await dropMonthlyActions(trx);
}

/** What a change to the ledger may alter in the cube. */
export interface LedgerChange {
  /**
   * A query of (member_id, lo, hi): members whose facts may change, and the local dates the
   * change is about (null: any period). Evaluated before the change, in its transaction. Their
   * stored facts are taken out before the change and recomputed from the ledger after it.
   */
  touched: ((timezone: string) => RawBuilder<unknown>) | null;
  /**
   * A table of action rows all new to the ledger (an import's staging table) that the change
   * inserts: their facts are added to their members' stored facts, no history read. Members that
   * `touched` names are recomputed instead.
   */
  appendedActions?: string;
  /** Caseload cells may change (caseload, enrollment or member attributes). */
  caseload: boolean;
  /** A query of the local years (column `year`) the change adds data to; evaluated after it. */
  years?: ((timezone: string) => RawBuilder<unknown>) | null;
  /** Overrides of the default thresholds. */
  tuning?: Partial<RollupTuning>;
  /** Every member the change names, when few and known (an API batch): see SourceImportOptions.fewMembers. */
  members?: readonly string[];
}

/**
 * Takes the rollups' lock for the rest of the transaction before a change is classified against the
 * ledger. Every write to the ledger holds it (withUpkeep), so rows found new are still new when they
 * are written: a concurrent import of the same action could otherwise land in between, and this
 * one's upkeep, told its rows were new, would add that action's counts a second time.
 */
export async function lockBeforeClassifying(trx: Q): Promise<void> {
  await lockRollups(trx);
}

/**
 * Runs `apply` — which changes the ledger inside the transaction `trx` as `change` describes — and
 * keeps the cube equal to the ledger around it: the touched members' contributions are taken out
 * before and put back after, in the same transaction, so no reader sees the cube out of step.
 */
export async function withUpkeep<T>(trx: Q, change: LedgerChange, apply: () => Promise<T>): Promise<T> {
  const finish = await beginUpkeep(trx, change);
  const result = await apply();
  await finish();
  return result;
}

interface Recompute {
  periods: Period[];
  perPeriod: boolean;
  probe: boolean;
}
type UpkeepPlan = { kind: 'rebuild' } | { kind: 'delta'; recompute: Recompute | null; touched: boolean };

/** Whether a change rebuilds, or which of the touched members' periods it recomputes. */
async function planUpkeep(trx: Q, change: LedgerChange, cov: Coverage): Promise<UpkeepPlan> {
  if (!change.touched || cov.years.size === 0) return { kind: 'delta', recompute: null, touched: false };
  const tuning = { ...DEFAULT_ROLLUP_TUNING, ...change.tuning };
  const t = await collectTouched(trx, change.touched(cov.timezone));
  if (t.members > tuning.rebuildMinMembers && t.members > (await memberCount(trx)) * tuning.rebuildShare) return { kind: 'rebuild' };
  const covered = periodsOf(cov.years);
  const periods = t.members === 0 ? [] : t.everywhere ? covered : covered.filter((p) => p.end >= t.lo! && p.start <= t.hi!);
  if (periods.length === 0) return { kind: 'delta', recompute: null, touched: t.members > 0 };
  return {
    kind: 'delta',
    recompute: { periods, perPeriod: t.members >= tuning.perPeriodFrom, probe: t.members <= tuning.probeMembersUpTo },
    touched: true,
  };
}

/** The covered periods a table of action rows can change facts in, and whether a row is of a type a fact looks back at. */
async function periodsOfActions(trx: Q, table: string, cov: Coverage): Promise<{ periods: Period[]; lookedBackAt: boolean }> {
  const dates = await actionDates(trx, table, cov.timezone);
  if (!dates) return { periods: [], lookedBackAt: false };
  return { periods: periodsOf(cov.years).filter((p) => p.end >= dates.lo && p.start <= dates.hi), lookedBackAt: dates.lookedBackAt };
}

/** Before the change: takes the lock and the touched members' stored facts; returns what to do after it. */
async function beginUpkeep(trx: Q, change: LedgerChange): Promise<() => Promise<void>> {
  await lockRollups(trx, { countingChange: true });
  const cov = await coverage(trx);
  if (!cov.fresh) return async () => void (await rebuildIn(trx));
  const plan = await planUpkeep(trx, change, cov);
  if (plan.kind === 'rebuild') return async () => void (await rebuildIn(trx));
  const recompute = plan.recompute;
  if (recompute) {
    await analyzeTouched(trx);
    await startDelta(trx);
    await takeOutTouched(trx, recompute.periods);
  }
  return async () => {
    const appended = change.appendedActions && cov.years.size > 0 ? await periodsOfActions(trx, change.appendedActions, cov) : null;
    if (recompute) {
      // One period at a time for a large change: each period's facts then fit in memory.
      const batches = recompute.perPeriod ? recompute.periods.map((p) => [p]) : [recompute.periods];
      for (const batch of batches) await putBackTouched(trx, batch, cov.timezone, recompute.probe);
      await applyDelta(trx, recompute.periods);
    }
    // Straight into the cube, whose cells are sums: the order of the two changes does not matter.
    if (appended && appended.periods.length > 0) {
      await addAppendedActions(trx, change.appendedActions!, appended.periods, cov.timezone, {
        exceptTouched: plan.touched,
        lookedBackAt: appended.lookedBackAt,
        members: change.members,
      });
    }
    if (plan.touched) await dropTouched(trx);
    if (change.caseload && cov.years.size > 0) {
      await clearCaseloadCells(trx);
      await insertCaseloadCells(trx, periodsOf(cov.years), cov.timezone);
    }
    if (change.years) {
      const missing = (await yearsOf(trx, change.years(cov.timezone))).filter((year) => !cov.years.has(year));
      for (const year of missing) {
        // What a build in steps (build-in-steps.ts) left of the year goes first.
        await clearYear(trx, periodsOfYear(year));
        await buildYear(trx, year, cov.timezone);
      }
      // Statistics for the next changes' joins, as after a rebuild. Without them the planner took
      // every member-period probe of member_facts for 200 rows, and at a million members the next
      // 100,000 new actions took 25 s instead of 15 (sorts where hashes fit, scans for probes).
      if (missing.length > 0) await analyzeMemberFacts(trx);
    }
  };
}
