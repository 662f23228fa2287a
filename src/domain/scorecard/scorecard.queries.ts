// Compiles the metric catalog into SQL: one aggregate query over the per-member facts and the
// caseload facts, grouped by segment value, plus one scalar query for the plan-wide metrics.
// The rollups (../rollups) compile the same measures into their cube.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { factsCtes, segmentColumn } from './facts.sql.js';
import { TIERS, type MetricDefinition, type Tier } from './metrics.js';
import type { Period } from './periods.js';
import type { Segment } from './segments.js';

export interface Measure {
  metric: MetricDefinition;
  tier: Tier | null;
  /** Column alias of the numerator in the result; `${alias}_d` is the denominator. */
  alias: string;
}

/** Every (metric, tier) the catalog asks for, with a stable column alias. */
export function measuresOf(metrics: readonly MetricDefinition[]): Measure[] {
  return metrics.flatMap((metric) =>
    (metric.splitByTier ? TIERS : [null]).map((tier) => ({
      metric,
      tier,
      alias: `m_${metric.id}_${metric.principle}_${tier ?? 'all'}`,
    })),
  );
}

/** The result columns of some measures: each alias, and `${alias}_d` for rates. */
export function measureColumns(measures: readonly Measure[]): string[] {
  return measures.flatMap((m) => (m.metric.denominator ? [m.alias, `${m.alias}_d`] : [m.alias]));
}

function expand(template: string, tier: Tier | null, months: string): string {
  return template.replaceAll('{tier}', tier ?? '').replaceAll('{months}', months);
}

/**
 * The measures as a SELECT list of aggregates. `months` is the SQL of the period's length in
 * months: a constant for one period, `f.months` when grouping several.
 */
export function selectList(measures: readonly Measure[], months: string): string {
  return measures
    .flatMap((m) => {
      const cols = [`${expand(m.metric.numerator, m.tier, months)} AS ${m.alias}`];
      if (m.metric.denominator) cols.push(`${expand(m.metric.denominator, m.tier, months)} AS ${m.alias}_d`);
      return cols;
    })
    .join(',\n  ');
}

export type AggregateRow = Record<string, number | string | null>;

export interface LiveParams {
  period: Period;
  timezone: string;
  segment: Segment | null;
}

/** One row per segment value: `segment_value`, `members` (E(P) in the segment) and each measure. */
export async function aggregateBySegment(db: Kysely<Database>, params: LiveParams, measures: readonly Measure[]): Promise<AggregateRow[]> {
  const months = String(params.period.months);
  const value = params.segment ? `f.${segmentColumn(params.segment)}` : `'all'`;
  const memberMeasures = measures.filter((m) => m.metric.grain === 'members');
  const caseloadMeasures = measures.filter((m) => m.metric.grain === 'caseload');
  const caseloadSelect = caseloadMeasures.length
    ? `, cl AS (SELECT ${value} AS segment_value, ${selectList(caseloadMeasures, months)}
        FROM c JOIN f ON f.label = c.label AND f.member_id = c.member_id GROUP BY 1)`
    : '';
  const caseloadPick = measureColumns(caseloadMeasures)
    .map((c) => `cl.${c}`)
    .join(', ');
  const { rows } = await sql<AggregateRow>`
    WITH ${factsCtes({ periods: [params.period], timezone: params.timezone })},
    agg AS (
      SELECT ${sql.raw(value)} AS segment_value, count(*) AS members,
      ${sql.raw(selectList(memberMeasures, months))}
      FROM f GROUP BY 1
    )${sql.raw(caseloadSelect)}
    SELECT agg.*${sql.raw(caseloadPick ? `, ${caseloadPick}` : '')}
    FROM agg ${sql.raw(caseloadSelect ? 'LEFT JOIN cl ON cl.segment_value = agg.segment_value' : '')}
    ORDER BY agg.segment_value`.execute(db);
  return rows;
}

/** The plan-wide metrics, as one row. */
export async function aggregatePlanWide(db: Kysely<Database>, period: Period, measures: readonly Measure[]): Promise<AggregateRow> {
  const planMeasures = measures.filter((m) => m.metric.grain === 'plan');
  if (planMeasures.length === 0) return {};
  const list = selectList(planMeasures, String(period.months)).replaceAll('{start}', 'p.ps').replaceAll('{end}', 'p.pe');
  const { rows } = await sql<AggregateRow>`
    WITH p AS (SELECT ${period.start}::date AS ps, ${period.end}::date AS pe)
    SELECT ${sql.raw(list)} FROM p`.execute(db);
  return rows[0] ?? {};
}
