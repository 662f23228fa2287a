// The contract scorecard of SPEC.md §7.3: each contract's measures of the period's year, with
// scorecard measures computed over the contract's population (its partner's attributed members,
// in its line of business) from the same rollups as the plan scorecard, reported measures from
// measure_results, achievement against threshold and target, and the weighted totals.
import type { Db } from '../../db/connect.js';
import { SYSTEM, type Principal } from '../auth/permissions.js';
import { partnerScopeOf } from '../auth/scope.js';
import type { Direction, MeasureSource } from '../ledger/vocabulary.js';
import { METRICS, isPlanWide } from '../metrics/catalog.js';
import { measuresOf, type AggregateRow } from '../metrics/measures.sql.js';
import { contractMetric } from '../metrics/metric-reference.js';
import { parsePeriod, type Period } from '../metrics/periods.js';
import { contractPopulation, type CubeSegment } from '../metrics/segments.js';
import { visibleTo, type VisibleRow } from '../scorecard/disclosure.service.js';
import { SUPPRESSED } from '../scorecard/suppression.js';
import { populationAggregates, shapeRows, type ScorecardRow } from '../scorecard/scorecard.service.js';
import { achievement, contractTotals } from './achievement.js';
import { queryContracts, queryMeasures, queryResults, type ContractRecord, type MeasureRecord } from './contracts.queries.js';

type Count = number | typeof SUPPRESSED | null;

export interface ContractMeasureRow {
  contract_id: string;
  period: string;
  measure_id: string;
  source: MeasureSource;
  metric: string | null;
  tier: string | null;
  numerator: Count;
  denominator: Count;
  value: number | null;
  direction: Direction;
  threshold: number;
  target: number;
  weight: number;
  achievement: number | null;
}

export interface ContractSummaryRow {
  contract_id: string;
  period: string;
  measure_id: null;
  score: number | null;
  coverage: number | null;
  earned_incentive: number | null;
  population: number | typeof SUPPRESSED;
}

export type ContractScorecardRow = ContractMeasureRow | ContractSummaryRow;

export const isSummary = (row: ContractScorecardRow): row is ContractSummaryRow => row.measure_id === null;

const CATALOG_MEASURES = measuresOf(METRICS.filter((m) => !isPlanWide(m)));
/** Every population row carries this metric; its denominator is the population. */
const POPULATION_METRIC = METRICS.find((m) => m.id === 'contact_rate')!;

/** The aggregates of each population segment the contracts need, by segment and value. */
async function populationGroups(db: Db, period: Period, contracts: readonly ContractRecord[]): Promise<Map<string, AggregateRow>> {
  const segments = new Set<CubeSegment>(contracts.map((c) => contractPopulation(c.partner_id, c.line_of_business).segment));
  const groups = new Map<string, AggregateRow>();
  for (const segment of segments) {
    for (const row of await populationAggregates(db, period, segment)) groups.set(`${segment}|${String(row.segment_value)}`, row);
  }
  return groups;
}

/** The key of a contract's population in populationRows' answer. */
const populationKey = (contract: ContractRecord): string => {
  const pop = contractPopulation(contract.partner_id, contract.line_of_business);
  return `${pop.segment}|${pop.value}`;
};

/**
 * The plan-scorecard rows of each contract's population, as the reader may see them: one
 * disclosure decision for all of them (it reads the year's cube), keyed by population.
 */
async function populationRows(
  db: Db,
  actor: Principal,
  period: Period,
  contracts: readonly ContractRecord[],
  groups: Map<string, AggregateRow>,
): Promise<Map<string, VisibleRow[]>> {
  const shaped = new Map<string, ScorecardRow[]>();
  for (const contract of contracts) {
    const pop = contractPopulation(contract.partner_id, contract.line_of_business);
    const key = populationKey(contract);
    if (shaped.has(key)) continue;
    const group = groups.get(key) ?? { segment_value: pop.value, members: 0 };
    shaped.set(key, shapeRows(CATALOG_MEASURES, [group], {}, period, pop.segment));
  }
  const visible = await visibleTo(db, actor, [...shaped.values()].flat());
  const byPopulation = new Map<string, VisibleRow[]>();
  for (const row of visible) {
    const key = `${row.segment}|${row.segment_value}`;
    byPopulation.set(key, [...(byPopulation.get(key) ?? []), row]);
  }
  return byPopulation;
}

function measureRow(
  contract: ContractRecord,
  period: Period,
  m: MeasureRecord,
  rows: readonly VisibleRow[],
  reported: Map<string, ReportedValue>,
): ContractMeasureRow {
  const terms = { direction: m.direction as Direction, threshold: m.threshold, target: m.target };
  const base = {
    contract_id: contract.contract_id,
    period: period.label,
    measure_id: m.measure_id,
    source: m.source as MeasureSource,
    metric: m.metric,
    tier: m.tier,
    ...terms,
    weight: m.weight,
  };
  if (m.source === 'reported') {
    const r = reported.get(`${contract.contract_id}|${m.measure_id}`);
    const value = r?.value ?? null;
    return { ...base, numerator: r?.numerator ?? null, denominator: r?.denominator ?? null, value, achievement: achievement(value, terms) };
  }
  const found = contractMetric(m.metric ?? '');
  const def = 'metric' in found ? found.metric : undefined;
  const row = def && rows.find((r) => r.metric === def.id && r.principle === def.principle && (r.tier ?? null) === (m.tier ?? null));
  const value = row ? row.value : null;
  return {
    ...base,
    numerator: row?.numerator ?? null,
    denominator: row?.denominator ?? null,
    value,
    achievement: achievement(value, terms),
  };
}

interface ReportedValue {
  value: number;
  numerator: number | null;
  denominator: number | null;
}

export interface ContractScorecardQuery {
  period: string;
  contract?: string | null;
}

/** SPEC §7.3 rows: per contract whose term overlaps the period and that has measures for its year, the measures then a summary. */
export async function computeContractScorecard(
  db: Db,
  q: ContractScorecardQuery,
  actor: Principal = SYSTEM,
): Promise<ContractScorecardRow[]> {
  const period = parsePeriod(q.period);
  const year = Number(period.label.slice(0, 4));
  const contracts = await queryContracts(db.kysely, { period, contractId: q.contract ?? undefined }, partnerScopeOf(actor));
  const ids = contracts.map((c) => c.contract_id);
  const measures = await queryMeasures(db.kysely, ids, year);
  const withMeasures = contracts.filter((c) => measures.some((m) => m.contract_id === c.contract_id));
  if (withMeasures.length === 0) return [];
  const reported = await queryResults(db.kysely, ids, period.label);
  const groups = await populationGroups(db, period, withMeasures);
  const visible = await populationRows(db, actor, period, withMeasures, groups);
  const out: ContractScorecardRow[] = [];
  for (const contract of withMeasures) {
    const rows = visible.get(populationKey(contract)) ?? [];
    const own = measures.filter((m) => m.contract_id === contract.contract_id).map((m) => measureRow(contract, period, m, rows, reported));
    out.push(...own);
    // A total over a measure the reader may not see would give it away: no totals then.
    const anyHidden = own.some((r) => r.numerator === SUPPRESSED || r.denominator === SUPPRESSED);
    const totals = anyHidden
      ? { score: null, coverage: null, earned_incentive: null }
      : contractTotals(own, contract.max_incentive, period.kind === 'year');
    const popRow = rows.find((r) => r.metric === POPULATION_METRIC.id);
    out.push({
      contract_id: contract.contract_id,
      period: period.label,
      measure_id: null,
      ...totals,
      population: (popRow?.denominator ?? 0) as number | typeof SUPPRESSED,
    });
  }
  return out;
}
