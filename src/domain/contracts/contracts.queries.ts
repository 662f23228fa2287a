// The only SQL of the contracts area: value-based contracts, their yearly measure sets, reported
// results and scorecard snapshots. Every read takes the reader's partner scope.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { PartnerScope } from '../auth/scope.js';
import type { Arrangement, Direction, LineOfBusiness, MeasureSource, RiskTier } from '../ledger/vocabulary.js';
import type { Period } from '../metrics/periods.js';

type Q = Kysely<Database>;

export interface ContractRecord {
  contract_id: string;
  partner_id: string;
  partner_name: string;
  name: string;
  arrangement: Arrangement;
  starts_on: string;
  ends_on: string | null;
  line_of_business: LineOfBusiness | null;
  max_incentive: number | null;
  renewal_notice_days: number | null;
}

export interface MeasureRecord {
  contract_id: string;
  year: number;
  measure_id: string;
  name: string;
  source: MeasureSource;
  metric: string | null;
  tier: RiskTier | null;
  direction: Direction;
  threshold: number;
  target: number;
  weight: number;
}

const CONTRACT_COLUMNS = [
  'c.contract_id',
  'c.partner_id',
  'p.name as partner_name',
  'c.name',
  'c.arrangement',
  sql<string>`to_char(c.starts_on, 'YYYY-MM-DD')`.as('starts_on'),
  sql<string | null>`to_char(c.ends_on, 'YYYY-MM-DD')`.as('ends_on'),
  'c.line_of_business',
  'c.max_incentive',
  'c.renewal_notice_days',
] as const;

function toContract<T extends { arrangement: string; line_of_business: string | null; max_incentive: number | null }>(
  r: T,
): T & ContractRecord {
  return {
    ...r,
    arrangement: r.arrangement as Arrangement,
    line_of_business: r.line_of_business as LineOfBusiness | null,
    max_incentive: r.max_incentive === null ? null : Number(r.max_incentive),
  } as T & ContractRecord;
}

/** Contracts, optionally only those whose term overlaps a period, one contract or one partner. */
export async function queryContracts(
  db: Q,
  filter: { period?: Period; contractId?: string; partnerId?: string },
  scope: PartnerScope,
): Promise<ContractRecord[]> {
  let q = db.selectFrom('contracts as c').innerJoin('partners as p', 'p.partner_id', 'c.partner_id').select(CONTRACT_COLUMNS);
  if (filter.period) {
    const { start, end } = filter.period;
    q = q.where(sql<boolean>`c.starts_on <= ${end}::date AND (c.ends_on IS NULL OR c.ends_on >= ${start}::date)`);
  }
  if (filter.contractId) q = q.where('c.contract_id', '=', filter.contractId);
  if (filter.partnerId) q = q.where('c.partner_id', '=', filter.partnerId);
  if (scope) q = q.where('c.partner_id', '=', scope.partnerId);
  const rows = await q.orderBy('c.contract_id').execute();
  return rows.map(toContract);
}

/** The measure sets of some contracts, of one year or of all years. */
export async function queryMeasures(db: Q, contractIds: readonly string[], year?: number): Promise<MeasureRecord[]> {
  if (contractIds.length === 0) return [];
  let q = db.selectFrom('contract_measures').selectAll().where('contract_id', 'in', contractIds);
  if (year !== undefined) q = q.where('year', '=', year);
  const rows = await q.orderBy('contract_id').orderBy('year').orderBy('measure_id').execute();
  return rows.map((r) => ({
    ...r,
    source: r.source as MeasureSource,
    tier: r.tier as RiskTier | null,
    direction: r.direction as Direction,
    threshold: Number(r.threshold),
    target: Number(r.target),
    weight: Number(r.weight),
  }));
}

const numberOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** The reported results of some contracts for a period: contract_id|measure_id → the result. */
export async function queryResults(
  db: Q,
  contractIds: readonly string[],
  period: string,
): Promise<Map<string, { value: number; numerator: number | null; denominator: number | null }>> {
  if (contractIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('measure_results')
    .select(['contract_id', 'measure_id', 'value', 'numerator', 'denominator'])
    .where('contract_id', 'in', contractIds)
    .where('period', '=', period)
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.contract_id}|${r.measure_id}`,
      { value: Number(r.value), numerator: numberOrNull(r.numerator), denominator: numberOrNull(r.denominator) },
    ]),
  );
}

/** Contracts whose end falls within their renewal notice (default 90 days) of `on`, or has passed within it. */
export async function queryRenewalsDue(
  db: Q,
  on: string,
  defaultNoticeDays: number,
  scope: PartnerScope,
): Promise<(ContractRecord & { days_left: number })[]> {
  let q = db
    .selectFrom('contracts as c')
    .innerJoin('partners as p', 'p.partner_id', 'c.partner_id')
    .select([...CONTRACT_COLUMNS, sql<number>`(c.ends_on - ${on}::date)`.as('days_left')])
    .where(sql<boolean>`c.ends_on IS NOT NULL AND c.ends_on >= ${on}::date
      AND c.ends_on - ${on}::date <= COALESCE(c.renewal_notice_days, ${defaultNoticeDays})`);
  if (scope) q = q.where('c.partner_id', '=', scope.partnerId);
  const rows = await q.orderBy('c.ends_on').orderBy('c.contract_id').execute();
  return rows.map((r) => ({ ...toContract(r), days_left: Number(r.days_left) }));
}

export async function insertSnapshot(db: Q, touchpointId: string, contractId: string, period: string, rows: unknown): Promise<void> {
  await db
    .insertInto('scorecard_snapshots')
    .values({ touchpoint_id: touchpointId, contract_id: contractId, period, rows: JSON.stringify(rows) })
    .onConflict((oc) => oc.columns(['touchpoint_id', 'contract_id']).doNothing())
    .execute();
}

export async function querySnapshots(
  db: Q,
  filter: { touchpointId?: string; contractId?: string },
): Promise<{ touchpoint_id: string; contract_id: string; period: string; taken_at: Date; rows: unknown }[]> {
  let q = db.selectFrom('scorecard_snapshots').selectAll();
  if (filter.touchpointId) q = q.where('touchpoint_id', '=', filter.touchpointId);
  if (filter.contractId) q = q.where('contract_id', '=', filter.contractId);
  return q.orderBy('taken_at', 'desc').execute();
}
