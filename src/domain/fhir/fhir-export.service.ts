// FHIR export: the bulk-data NDJSON of the ledger (one resource type per file, as `$export` writes
// them), and the scorecard as Measure and MeasureReport resources. Every NDJSON file imports back
// through `diplomat import` to the same ledger.
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import type { Bundle, FhirResource, Measure, MeasureReport } from 'fhir/r4.js';
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { DomainError } from '../errors.js';
import { METRICS } from '../metrics/catalog.js';
import { parsePeriod } from '../metrics/periods.js';
import { visibleTo } from '../scorecard/disclosure.service.js';
import { computeScorecard } from '../scorecard/scorecard.service.js';
import { endStream } from '../import/rejects-writer.js';
import { computeContractScorecard, isSummary } from '../contracts/contract-scorecard.service.js';
import { getContract } from '../contracts/contracts.service.js';
import { actionResourceOf, actionResourceType } from './fhir-export-actions.js';
import { contractCompositeOf, contractMeasureOf, contractMeasureReportOf, contractSummaryReportOf } from './fhir-contract-measures.js';
import { careTeamOf, coverageOf, episodeOfCareOf, organizationOf, patientOf, practitionerOf } from './fhir-export-resources.js';
import { exportPages, type ExportRow, type ExportTable } from './fhir-export.queries.js';
import { measureOf, measureReportOf, metricOfMeasureId } from './fhir-measures.js';

/** The types of the bulk export, in the order an import needs them. */
export const BULK_TYPES = [
  'Organization',
  'Practitioner',
  'PractitionerRole',
  'Patient',
  'Coverage',
  'EpisodeOfCare',
  'CareTeam',
  'Communication',
  'Task',
] as const;
export type BulkType = (typeof BULK_TYPES)[number];

const SOURCES: Readonly<Record<BulkType, { table: ExportTable; build: (row: ExportRow) => FhirResource | null }>> = {
  Organization: { table: 'partners', build: organizationOf },
  Practitioner: { table: 'staff', build: (r) => practitionerOf(r)[0] },
  PractitionerRole: { table: 'staff', build: (r) => practitionerOf(r)[1] },
  Patient: { table: 'members', build: patientOf },
  Coverage: { table: 'enrollments', build: coverageOf },
  EpisodeOfCare: { table: 'care_programs', build: episodeOfCareOf },
  CareTeam: { table: 'caseload', build: careTeamOf },
  Communication: { table: 'actions', build: (r) => (actionResourceType(r.action_type) === 'Communication' ? actionResourceOf(r) : null) },
  Task: { table: 'actions', build: (r) => (actionResourceType(r.action_type) === 'Task' ? actionResourceOf(r) : null) },
};

export interface NdjsonPage {
  text: string;
  count: number;
  /** The members whose data the page holds (for the audit). */
  memberIds: string[];
}

/** The NDJSON of one resource type, a page at a time. */
export async function* bulkNdjson(db: Db, type: BulkType): AsyncGenerator<NdjsonPage> {
  const { table, build } = SOURCES[type];
  for await (const rows of exportPages(db.kysely, table)) {
    let text = '';
    let count = 0;
    const memberIds: string[] = [];
    for (const row of rows) {
      const resource = build(row);
      if (!resource) continue;
      text += JSON.stringify(resource) + '\n';
      count++;
      if (typeof row.member_id === 'string') memberIds.push(row.member_id);
    }
    if (count > 0) yield { text, count, memberIds };
  }
}

/** Writes the bulk export into a directory: `<Type>.ndjson` per type with resources, and `Measure.ndjson`. */
export async function exportFhirDir(db: Db, dir: string): Promise<Record<string, number>> {
  mkdirSync(dir, { recursive: true });
  const counts: Record<string, number> = {};
  for (const type of BULK_TYPES) {
    let out: ReturnType<typeof createWriteStream> | undefined;
    for await (const page of bulkNdjson(db, type)) {
      out ??= createWriteStream(join(dir, `${type}.ndjson`));
      counts[type] = (counts[type] ?? 0) + page.count;
      if (!out.write(page.text)) await once(out, 'drain');
    }
    if (out) await endStream(out);
  }
  writeFileSync(
    join(dir, 'Measure.ndjson'),
    fhirMeasures()
      .map((m) => JSON.stringify(m) + '\n')
      .join(''),
  );
  counts.Measure = METRICS.length;
  return counts;
}

export const fhirMeasures = (): Measure[] => METRICS.map(measureOf);

export function fhirMeasure(id: string): Measure {
  const metric = metricOfMeasureId(id);
  if (!metric) throw new DomainError('not_found', 'no such Measure');
  return measureOf(metric);
}

/** A search's answer: the matches, then what they refer to (`include`), as `_include` would give. */
export const searchset = (resources: readonly FhirResource[], included: readonly FhirResource[] = []): Bundle => ({
  resourceType: 'Bundle',
  type: 'searchset',
  total: resources.length,
  entry: [
    ...resources.map((resource) => ({ resource, search: { mode: 'match' as const } })),
    ...included.map((resource) => ({ resource, search: { mode: 'include' as const } })),
  ],
});

export interface MeasureReportQuery {
  period: string;
  /** A contract id, or `*`: the contract scorecard's measures instead of the plan's (../contracts). */
  contract?: string;
  /** A Measure id, URL or metric key; all measures when absent. */
  measure?: string;
  /** A segment (SPEC.md §3): the report's stratifier. */
  segment?: string;
}

/** The summary MeasureReports of a period: the scorecard's rows, as `actor` may see them. */
export async function fhirMeasureReports(db: Db, actor: Principal, q: MeasureReportQuery): Promise<MeasureReport[]> {
  const period = parsePeriod(q.period).label;
  const metrics = q.measure ? [metricOfMeasureId(q.measure)] : METRICS;
  if (metrics.some((m) => m === undefined)) throw new DomainError('not_found', 'no such Measure');
  const plan = await visibleTo(db, actor, await computeScorecard(db, { period, by: null }));
  const bySegment = q.segment ? await visibleTo(db, actor, await computeScorecard(db, { period, by: q.segment })) : [];
  return metrics.map((m) => measureReportOf(m!, period, plan, q.segment ?? null, bySegment));
}

/**
 * The contract scorecard of a period (one contract, or every one the reader may see) as
 * MeasureReports, with the contracts' Measures of that year included.
 */
export async function fhirContractReports(db: Db, actor: Principal, q: MeasureReportQuery): Promise<Bundle> {
  const label = parsePeriod(q.period).label;
  const year = Number(label.slice(0, 4));
  const rows = await computeContractScorecard(db, { period: label, contract: q.contract === '*' ? null : (q.contract ?? null) }, actor);
  const matches: FhirResource[] = [];
  const included: FhirResource[] = [];
  for (const contractId of new Set(rows.map((r) => r.contract_id))) {
    const { contract, measures } = await getContract(db, contractId, actor);
    const ofYear = measures.filter((m) => m.year === year);
    included.push(contractCompositeOf(contract, year, ofYear), ...ofYear.map(contractMeasureOf));
    for (const row of rows.filter((r) => r.contract_id === contractId)) {
      matches.push(isSummary(row) ? contractSummaryReportOf(contract, row) : contractMeasureReportOf(contract, row));
    }
  }
  return searchset(matches, included);
}
