// The Diplomacy Scorecard (SPEC.md §4–5): computes the catalog in the database and shapes the
// rows — values, per 1,000 member-months, benchmarks and status. Used by the CLI and the API.
import type { Db } from '../../db/connect.js';
import type { Principle, RiskTier, Status } from '../ledger/vocabulary.js';
import { waitForBuild } from '../rollups/build-in-steps.js';
import { readCube } from '../rollups/rollups.service.js';
import { getSetting } from '../settings/settings.service.js';
import { benchmarkFor, isPlanWide, METRICS, type Benchmark, type MetricDefinition } from '../metrics/catalog.js';
import { measuresOf, type AggregateRow, type Measure } from '../metrics/measures.sql.js';
import { parsePeriod, type Period } from '../metrics/periods.js';
import {
  aggregateBySegment,
  aggregatePlanWide,
  memberContributions,
  type AreaFilter,
  type MemberContribution,
  type Within,
} from './scorecard.queries.js';
import { parseSegment, type CubeSegment } from '../metrics/segments.js';

export interface ScorecardRow {
  metric: string;
  principle: Principle;
  period: string;
  segment: CubeSegment | 'all';
  segment_value: string;
  tier: RiskTier | null;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  per_1000: number | null;
  benchmark: Benchmark | null;
  status: Status | null;
}

export interface ScorecardQuery {
  period: string;
  by?: string | null;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** SPEC.md §5: status only where the benchmark is about this row's population and period. */
export function statusOf(
  value: number | null,
  benchmark: Benchmark | null,
  period: Period,
  segment: string,
  segmentValue: string,
): Status | null {
  if (value === null || benchmark === null) return null;
  if (benchmark.per === 'year' && period.kind !== 'year') return null;
  if (benchmark.applies_to !== null && (segment !== 'line_of_business' || segmentValue !== benchmark.applies_to)) return null;
  if (value < benchmark.low) return 'below';
  if (value > benchmark.high) return 'above';
  return 'within';
}

function rowFor(measure: Measure, agg: AggregateRow, period: Period, segment: CubeSegment | 'all', segmentValue: string): ScorecardRow {
  const { metric, tier, alias } = measure;
  const benchmark = benchmarkFor(metric, tier);
  const numerator = num(agg[alias]) / (metric.divisor ?? 1);
  // Object literals, not `{ ...base, … }`: V8 spreads a small object in microseconds, and a segment
  // of 1,250 partners shapes 31,000 rows (a spread made that read 0.4 s at 1,000,000 members).
  const row = (denominator: number | null, value: number | null, per1000: number | null): ScorecardRow => ({
    metric: metric.id,
    principle: metric.principle,
    period: period.label,
    segment,
    segment_value: segmentValue,
    tier,
    numerator,
    denominator,
    value,
    per_1000: per1000,
    benchmark,
    status: statusOf(value, benchmark, period, segment, segmentValue),
  });
  if (metric.kind === 'count') {
    const memberMonths = num(agg.members) * period.months;
    return row(null, numerator, metric.per1000 && memberMonths > 0 ? (numerator * 1000) / memberMonths : null);
  }
  const denominator = num(agg[`${alias}_d`]);
  return row(denominator, denominator === 0 ? null : numerator / denominator, null);
}

export interface ComputeOptions {
  /** Compute from the raw tables even where the rollups cover the period (tests, benchmarks). */
  live?: boolean;
  /**
   * The metrics to compute (default: the whole catalog of SPEC.md §4). A contract's measure set
   * picks catalog entries; entries of the default catalog are read from the rollups, any other
   * definition is computed live.
   */
  catalog?: readonly MetricDefinition[];
}

const IN_ROLLUPS: ReadonlySet<MetricDefinition> = new Set(METRICS);

export async function computeScorecard(db: Db, query: ScorecardQuery, options: ComputeOptions = {}): Promise<ScorecardRow[]> {
  const period = parsePeriod(query.period);
  const segment = query.by ? parseSegment(query.by) : null;
  const catalog = options.catalog ?? METRICS;
  // Plan-wide metrics (chw_count, campaign_partner_rate) appear only without a segment.
  const measures = measuresOf(catalog.filter((m) => segment === null || !isPlanWide(m)));
  const fromRollups = !options.live && catalog.every((m) => IN_ROLLUPS.has(m));
  const cached = fromRollups ? await readCube(db.kysely, period, segment) : null;
  if (fromRollups && !cached) waitForBuild(db.kysely);
  const groups = cached ?? (await aggregateBySegment(db.kysely, { period, timezone: await getSetting(db, 'timezone'), segment }, measures));
  const planWide = segment === null ? await aggregatePlanWide(db.kysely, period, measures) : {};
  return shapeRows(measures, groups, planWide, period, segment);
}

/**
 * The aggregates of a period for every value of a segment, or within a population (a contract's
 * partner and line of business): from the rollups when they cover the period and no narrower
 * population is asked for, else live.
 */
export async function populationAggregates(
  db: Db,
  period: Period,
  segment: CubeSegment | null,
  within: readonly Within[] = [],
  area?: AreaFilter,
): Promise<AggregateRow[]> {
  const fromRollups = within.length === 0 && !area;
  const cached = fromRollups ? await readCube(db.kysely, period, segment) : null;
  if (cached) return cached;
  // A narrower population is always computed live; only what the cube will answer waits for it.
  if (fromRollups) waitForBuild(db.kysely);
  const measures = measuresOf(METRICS.filter((m) => !isPlanWide(m)));
  return aggregateBySegment(db.kysely, { period, timezone: await getSetting(db, 'timezone'), segment, within, area }, measures);
}

/** Each member's part of one measure within a population (the members behind a number); see memberContributions. */
export async function memberContributionsWithin(
  db: Db,
  period: Period,
  within: readonly Within[],
  measure: Measure,
  limit: number,
  counted?: boolean,
): Promise<MemberContribution[]> {
  const params = { period, timezone: await getSetting(db, 'timezone'), segment: null, within };
  return memberContributions(db.kysely, params, measure, limit, counted);
}

/** The scorecard rows of a period from its aggregates (a row per segment value) and plan-wide counts. */
export function shapeRows(
  measures: readonly Measure[],
  groups: readonly AggregateRow[],
  planWide: AggregateRow,
  period: Period,
  segment: CubeSegment | null,
): ScorecardRow[] {
  const shaped = segment === null && groups.length === 0 ? [{ segment_value: 'all', members: 0 }] : groups;
  const rows: ScorecardRow[] = [];
  for (const measure of measures) {
    for (const group of shaped) {
      const agg = isPlanWide(measure.metric) ? { ...planWide, members: group.members ?? 0 } : group;
      rows.push(rowFor(measure, agg, period, segment ?? 'all', String(group.segment_value)));
    }
  }
  return rows;
}

/** The catalog entry a row was computed from (rows carry the SPEC id and the principle). */
export function definitionOf(
  row: Pick<ScorecardRow, 'metric' | 'principle'>,
  catalog: readonly MetricDefinition[] = METRICS,
): MetricDefinition {
  const metric = catalog.find((m) => m.id === row.metric && m.principle === row.principle);
  if (!metric) throw new Error(`no catalog entry for ${row.metric} (principle ${row.principle})`);
  return metric;
}
