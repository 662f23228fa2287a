// Behind a contract scorecard: its trend over the months and quarters of a year, a scorecard
// measure broken down by an equity segment within the contract's population, and the members
// behind a measure's number (who is not yet counted in its numerator) — the next action.
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { DomainError } from '../errors.js';
import { measuresOf } from '../metrics/measures.sql.js';
import { contractMetric } from '../metrics/metric-reference.js';
import { parsePeriod } from '../metrics/periods.js';
import { contractPopulation, parseSegment, type CubeSegment } from '../metrics/segments.js';
import { periodsOfYear } from '../rollups/cube.sql.js';
import { memberContributionsWithin, populationAggregates, shapeRows } from '../scorecard/scorecard.service.js';
import { achievement } from './achievement.js';
import { computeContractScorecard, isSummary, type ContractMeasureRow, type ContractSummaryRow } from './contract-scorecard.service.js';
import { getContract } from './contracts.service.js';
import type { MeasureRecord } from './contracts.queries.js';

export interface TrendPoint {
  period: string;
  summary: ContractSummaryRow | null;
  measures: ContractMeasureRow[];
}

/** The contract scorecard of every month and quarter of a year, and the year itself. */
export async function contractTrend(db: Db, contractId: string, year: number, actor: Principal): Promise<TrendPoint[]> {
  await getContract(db, contractId, actor);
  const points: TrendPoint[] = [];
  for (const period of periodsOfYear(year)) {
    const rows = await computeContractScorecard(db, { period: period.label, contract: contractId }, actor);
    points.push({
      period: period.label,
      summary: rows.find(isSummary) ?? null,
      measures: rows.filter((r): r is ContractMeasureRow => !isSummary(r)),
    });
  }
  return points;
}

async function scorecardMeasure(db: Db, contractId: string, period: string, measureId: string, actor: Principal) {
  if (actor.role === 'partner') throw new DomainError('forbidden', 'breakdowns within a contract population are for plan staff');
  const { contract, measures } = await getContract(db, contractId, actor);
  const p = parsePeriod(period);
  const measure: MeasureRecord | undefined = measures.find((m) => m.measure_id === measureId && m.year === Number(p.label.slice(0, 4)));
  if (!measure) throw new DomainError('not_found', `contract ${contractId} has no measure ${measureId} in ${p.label.slice(0, 4)}`);
  const found = contractMetric(measure.metric ?? '');
  if (measure.source !== 'scorecard' || !('metric' in found))
    throw new DomainError('validation_failed', `${measureId} is a reported measure: it has no members behind it in Diplomat`);
  const pop = contractPopulation(contract.partner_id, contract.line_of_business);
  const catalogMeasure = measuresOf([found.metric]).find((m) => m.tier === (measure.tier ?? null))!;
  return { period: p, measure, catalogMeasure, within: [{ segment: pop.segment, value: pop.value }] };
}

export interface EquityRow {
  segment_value: string;
  members: number;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  achievement: number | null;
}

/** A scorecard measure of the contract by an equity segment, within the contract's population. */
export async function contractEquity(
  db: Db,
  contractId: string,
  period: string,
  measureId: string,
  by: string,
  actor: Principal,
): Promise<EquityRow[]> {
  const segment: CubeSegment = parseSegment(by);
  const m = await scorecardMeasure(db, contractId, period, measureId, actor);
  const groups = await populationAggregates(db, m.period, segment, m.within);
  const terms = { direction: m.measure.direction as 'higher' | 'lower', threshold: m.measure.threshold, target: m.measure.target };
  return groups.map((group) => {
    const row = shapeRows([m.catalogMeasure], [group], {}, m.period, segment)[0]!;
    return {
      segment_value: String(group.segment_value),
      members: Number(group.members ?? 0),
      numerator: row.numerator,
      denominator: row.denominator,
      value: row.value,
      achievement: achievement(row.value, terms),
    };
  });
}

/** The members of the population a measure counts, and whether each is in its numerator yet. */
export async function contractMeasureMembers(
  db: Db,
  contractId: string,
  period: string,
  measureId: string,
  actor: Principal,
  limit = 500,
): Promise<{ member_id: string; counted: boolean }[]> {
  const m = await scorecardMeasure(db, contractId, period, measureId, actor);
  if (m.catalogMeasure.metric.grain !== 'members') throw new DomainError('validation_failed', `${measureId} counts staff, not members`);
  const rows = await memberContributionsWithin(db, m.period, m.within, m.catalogMeasure, limit);
  return rows.map((r) => ({ member_id: r.member_id, counted: r.numerator > 0 }));
}
