// Value-based contracts and their yearly measure sets (SPEC.md §7.1, seed 002: "measurement sets
// that can change annually"): list, detail, what changed between two years, contracts coming up
// for renewal, and writes through the importer so the API obeys the rules of the CSV files.
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { assertPartnerInScope, partnerScopeOf } from '../auth/scope.js';
import { DomainError } from '../errors.js';
import { recordOrRefuse } from '../import/import.service.js';
import { getSetting, todayIn } from '../settings/settings.service.js';
import {
  queryContracts,
  queryMeasures,
  queryRenewalsDue,
  querySnapshots,
  type ContractRecord,
  type MeasureRecord,
} from './contracts.queries.js';
import type { ContractInput, MeasureChange, MeasureInput, ResultInput } from './contracts.schema.js';

/** SPEC §7.1: a contract without renewal_notice_days is flagged this many days before it ends. */
export const DEFAULT_RENEWAL_NOTICE_DAYS = 90;

const cell = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const cells = (o: object): Record<string, string | null> => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, cell(v)]));

export async function listContracts(db: Db, q: { partner_id?: string }, actor: Principal): Promise<ContractRecord[]> {
  return queryContracts(db.kysely, { partnerId: q.partner_id }, partnerScopeOf(actor));
}

export async function getContract(
  db: Db,
  contractId: string,
  actor: Principal,
): Promise<{ contract: ContractRecord; measures: MeasureRecord[]; years: number[] }> {
  const [contract] = await queryContracts(db.kysely, { contractId }, partnerScopeOf(actor));
  if (!contract) throw new DomainError('not_found', 'no such contract');
  const measures = await queryMeasures(db.kysely, [contractId]);
  return { contract, measures, years: [...new Set(measures.map((m) => m.year))].sort() };
}

/** The measure set of year `to` against year `from`: added, removed, changed (which terms), unchanged. */
export function compareMeasureSets(from: readonly MeasureRecord[], to: readonly MeasureRecord[]): MeasureChange[] {
  const terms = ['name', 'source', 'metric', 'tier', 'direction', 'threshold', 'target', 'weight'] as const;
  const before = new Map(from.map((m) => [m.measure_id, m]));
  const after = new Map(to.map((m) => [m.measure_id, m]));
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  return ids.map((id) => {
    const a = before.get(id) ?? null;
    const b = after.get(id) ?? null;
    const changed = a && b ? terms.filter((t) => a[t] !== b[t]) : [];
    const change = !a ? 'added' : !b ? 'removed' : changed.length > 0 ? 'changed' : 'unchanged';
    return { measure_id: id, change, changed_terms: [...changed], before: a, after: b };
  });
}

export async function measureSetChanges(db: Db, contractId: string, from: number, to: number, actor: Principal): Promise<MeasureChange[]> {
  const { measures } = await getContract(db, contractId, actor);
  return compareMeasureSets(
    measures.filter((m) => m.year === from),
    measures.filter((m) => m.year === to),
  );
}

/** Contracts ending within their renewal notice of `on` (default today): the renewal worklist. */
export async function renewalsDue(db: Db, q: { on?: string }, actor: Principal): Promise<(ContractRecord & { days_left: number })[]> {
  const on = q.on ?? todayIn(await getSetting(db, 'timezone'));
  return queryRenewalsDue(db.kysely, on, DEFAULT_RENEWAL_NOTICE_DAYS, partnerScopeOf(actor));
}

export async function saveContract(db: Db, input: ContractInput, actor: Principal): Promise<ContractRecord> {
  assertPartnerInScope(partnerScopeOf(actor), input.partner_id);
  await recordOrRefuse(db, 'contracts', [cells(input)], 'contract');
  return (await getContract(db, input.contract_id, actor)).contract;
}

/** Adds or replaces measures of a contract's year (one measure set row each). */
export async function saveMeasures(
  db: Db,
  contractId: string,
  measures: readonly MeasureInput[],
  actor: Principal,
): Promise<MeasureRecord[]> {
  await getContract(db, contractId, actor);
  await recordOrRefuse(
    db,
    'contract_measures',
    measures.map((m) => cells({ ...m, contract_id: contractId })),
    'measure',
  );
  return (await getContract(db, contractId, actor)).measures;
}

/** Enters a reported measure's result for a period (the web app's form, or an API client). */
export async function saveResult(db: Db, contractId: string, input: ResultInput, actor: Principal): Promise<void> {
  await getContract(db, contractId, actor);
  await recordOrRefuse(db, 'measure_results', [cells({ ...input, contract_id: contractId })], 'result');
}

export async function reviewSnapshots(db: Db, contractId: string, actor: Principal): Promise<Awaited<ReturnType<typeof querySnapshots>>> {
  await getContract(db, contractId, actor);
  return querySnapshots(db.kysely, { contractId });
}
