// The live scorecard: one aggregate query over the per-member facts and the caseload facts,
// grouped by segment value, plus one scalar query for the plan-wide metrics — what the scorecard
// computes where the rollups do not cover a period. The rollups compile the same measures.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.js';
import { factsCtes, segmentColumn } from '../metrics/facts.sql.js';
import { selectList, measureColumns, type AggregateRow, type Measure } from '../metrics/measures.sql.js';
import type { Period } from '../metrics/periods.js';
import { UNATTRIBUTED, type CubeSegment } from '../metrics/segments.js';

export interface LiveParams {
  period: Period;
  timezone: string;
  segment: CubeSegment | null;
  /** Only members with these segment values (a contract's population), e.g. partner = P01. */
  within?: readonly Within[];
  /** Only members living in (or, with `outside`, outside) an area: a partnership's shared population. */
  area?: AreaFilter;
}

export interface AreaFilter {
  counties: readonly string[];
  zips: readonly string[];
  /** Member columns (members.csv) and the values kept, e.g. language: ['es']. */
  segments?: Readonly<Partial<Record<'language' | 'race' | 'ethnicity' | 'risk_tier' | 'sex', readonly string[]>>>;
  outside: boolean;
}

const AREA_COLUMNS = new Set(['language', 'race', 'ethnicity', 'risk_tier', 'sex']);

/** The members of an area by their county or zip code (members.csv), or everyone else. */
function areaMembers(area: AreaFilter): RawBuilder<unknown> {
  const tests = [
    area.counties.length ? sql`m.county IN (${sql.join(area.counties)})` : null,
    area.zips.length ? sql`m.zip IN (${sql.join(area.zips)})` : null,
  ].filter((t) => t !== null);
  const where = tests.length ? sql`(${sql.join(tests, sql` OR `)})` : sql`false`;
  // Segments narrow the area; the column names come from the type above, never from input.
  const kept = Object.entries(area.segments ?? {})
    .filter(([column, values]) => AREA_COLUMNS.has(column) && values && values.length > 0)
    .map(([column, values]) => sql`${sql.ref(`m.${column}`)} IN (${sql.join(values!)})`);
  const inArea = sql`coalesce(${sql.join([where, ...kept], sql` AND `)}, false)`;
  return sql`SELECT m.member_id FROM members m WHERE ${area.outside ? sql`NOT ${inArea}` : inArea}`;
}

export interface Within {
  segment: CubeSegment;
  value: string;
}

/** The facts CTEs, narrowed to the members that can be in `within` (their attributions), and its filter on f. */
function population(params: LiveParams): { members: RawBuilder<unknown> | null; filter: RawBuilder<unknown> } {
  const within = params.within ?? [];
  if (params.area) return { members: areaMembers(params.area), filter: sql`true` };
  if (within.length === 0) return { members: null, filter: sql`true` };
  const filter = sql.join(
    within.map((w) => sql`${sql.ref(`f.${segmentColumn(w.segment)}`)} = ${w.value}`),
    sql` AND `,
  );
  // Everyone the filter can keep has an attribution to the partner (unless it asks for the unattributed).
  const partner = within.find((w) => w.segment === 'partner' || w.segment === 'partner_line_of_business')?.value.split('|')[0];
  const members = partner && partner !== UNATTRIBUTED ? sql`SELECT member_id FROM attributions WHERE partner_id = ${partner}` : null;
  return { members, filter };
}

/** One row per segment value: `segment_value`, `members` (E(P) in the segment) and each measure. */
export async function aggregateBySegment(db: Kysely<Database>, params: LiveParams, measures: readonly Measure[]): Promise<AggregateRow[]> {
  const months = String(params.period.months);
  const value = params.segment ? `f.${segmentColumn(params.segment)}` : `'all'`;
  const memberMeasures = measures.filter((m) => m.metric.grain === 'members');
  const caseloadMeasures = measures.filter((m) => m.metric.grain === 'caseload');
  const { members, filter } = population(params);
  const caseloadSelect = caseloadMeasures.length
    ? sql`, cl AS (SELECT ${sql.raw(value)} AS segment_value, ${sql.raw(selectList(caseloadMeasures, months))}
        FROM c JOIN f ON f.label = c.label AND f.member_id = c.member_id WHERE ${filter} GROUP BY 1)`
    : sql``;
  const caseloadPick = measureColumns(caseloadMeasures)
    .map((c) => `, cl.${c}`)
    .join('');
  const { rows } = await sql<AggregateRow>`
    WITH ${factsCtes({ periods: [params.period], timezone: params.timezone, members, probeMembers: false })},
    agg AS (
      SELECT ${sql.raw(value)} AS segment_value, count(*) AS members,
      ${sql.raw(selectList(memberMeasures, months))}
      FROM f WHERE ${filter} GROUP BY 1
    )${caseloadSelect}
    SELECT agg.*${sql.raw(caseloadPick)}
    FROM agg ${sql.raw(caseloadMeasures.length ? 'LEFT JOIN cl ON cl.segment_value = agg.segment_value' : '')}
    ORDER BY agg.segment_value`.execute(db);
  return rows;
}

/** One member's part of a measure; `total` is how many members the drill-down matched, beyond any limit. */
export interface MemberContribution {
  member_id: string;
  numerator: number;
  denominator: number | null;
  total: number;
}

/**
 * Each member's own numerator and denominator of one measure in a period, within a population:
 * the measure's aggregates over a single member's facts (members grain only). The members behind
 * a number, for a drill-down: `counted` false keeps those not yet in the numerator (the gap), true
 * those in it; left out, both, the gap first.
 */
export async function memberContributions(
  db: Kysely<Database>,
  params: LiveParams,
  measure: Measure,
  limit: number,
  counted?: boolean,
): Promise<MemberContribution[]> {
  const months = String(params.period.months);
  const { members, filter } = population(params);
  const list = selectList([measure], months);
  const inNumerator = `x.${measure.alias} > 0`;
  const keep = [
    measure.metric.denominator ? `x.${measure.alias}_d > 0` : 'true',
    counted === undefined ? 'true' : counted ? inNumerator : `NOT ${inNumerator}`,
  ].join(' AND ');
  // Those not yet in the numerator first: the members a coordinator would act on.
  const { rows } = await sql<Record<string, unknown>>`
    WITH ${factsCtes({ periods: [params.period], timezone: params.timezone, members, probeMembers: false })}
    SELECT x.*, count(*) OVER () AS total
    FROM (SELECT f.member_id, ${sql.raw(list)} FROM f WHERE ${filter} GROUP BY f.member_id) x
    WHERE ${sql.raw(keep)}
    ORDER BY ${sql.raw(inNumerator)}, x.member_id LIMIT ${limit}`.execute(db);
  return rows.map((r) => ({
    member_id: String(r.member_id),
    numerator: Number(r[measure.alias] ?? 0),
    denominator: r[`${measure.alias}_d`] === undefined ? null : Number(r[`${measure.alias}_d`]),
    total: Number(r.total),
  }));
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
