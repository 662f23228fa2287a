// The live scorecard: one aggregate query over the per-member facts and the caseload facts,
// grouped by segment value, plus one scalar query for the plan-wide metrics — what the scorecard
// computes where the rollups do not cover a period. The rollups compile the same measures.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { factsCtes, segmentColumn } from '../metrics/facts.sql.js';
import { selectList, measureColumns, type AggregateRow, type Measure } from '../metrics/measures.sql.js';
import type { Period } from '../metrics/periods.js';
import type { CubeSegment } from '../metrics/segments.js';

export interface LiveParams {
  period: Period;
  timezone: string;
  segment: CubeSegment | null;
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
