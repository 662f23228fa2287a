// Compiles the metric catalog into SQL: one aggregate query over the per-member facts and the
// caseload facts, grouped by segment value, plus one scalar query for the plan-wide metrics.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { factsCtes, type FactsParams } from './facts.sql.js';
import { TIERS, type MetricDefinition, type Tier } from './metrics.js';

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

function expand(template: string, tier: Tier | null, months: number): string {
  return template.replaceAll('{tier}', tier ?? '').replaceAll('{months}', String(months));
}

function selectList(measures: readonly Measure[], months: number): string {
  return measures
    .flatMap((m) => {
      const cols = [`${expand(m.metric.numerator, m.tier, months)} AS ${m.alias}`];
      if (m.metric.denominator) cols.push(`${expand(m.metric.denominator, m.tier, months)} AS ${m.alias}_d`);
      return cols;
    })
    .join(',\n  ');
}

export type AggregateRow = Record<string, number | string | null>;

/** One row per segment value: `segment_value`, `members` (E(P) in the segment) and each measure. */
export async function aggregateBySegment(db: Kysely<Database>, params: FactsParams, measures: readonly Measure[]): Promise<AggregateRow[]> {
  const months = params.period.months;
  const memberMeasures = measures.filter((m) => m.metric.grain === 'members');
  const caseloadMeasures = measures.filter((m) => m.metric.grain === 'caseload');
  const caseloadSelect = caseloadMeasures.length
    ? `, cl AS (SELECT f.segment_value, ${selectList(caseloadMeasures, months)} FROM c JOIN f ON f.member_id = c.member_id GROUP BY f.segment_value)`
    : '';
  const caseloadPick = caseloadMeasures.flatMap((m) => [`cl.${m.alias}`, `cl.${m.alias}_d`]).join(', ');
  const { rows } = await sql<AggregateRow>`
    WITH ${factsCtes(params)},
    agg AS (
      SELECT f.segment_value, count(*) AS members,
      ${sql.raw(selectList(memberMeasures, months))}
      FROM f GROUP BY f.segment_value
    )${sql.raw(caseloadSelect)}
    SELECT agg.*${sql.raw(caseloadPick ? `, ${caseloadPick}` : '')}
    FROM agg ${sql.raw(caseloadSelect ? 'LEFT JOIN cl ON cl.segment_value = agg.segment_value' : '')}
    ORDER BY agg.segment_value`.execute(db);
  return rows;
}

/** The plan-wide metrics, as one row. */
export async function aggregatePlanWide(db: Kysely<Database>, params: FactsParams, measures: readonly Measure[]): Promise<AggregateRow> {
  const planMeasures = measures.filter((m) => m.metric.grain === 'plan');
  if (planMeasures.length === 0) return {};
  const list = selectList(planMeasures, params.period.months).replaceAll('{start}', 'p.ps').replaceAll('{end}', 'p.pe');
  const { rows } = await sql<AggregateRow>`
    WITH p AS (SELECT ${params.period.start}::date AS ps, ${params.period.end}::date AS pe)
    SELECT ${sql.raw(list)} FROM p`.execute(db);
  return rows[0] ?? {};
}
