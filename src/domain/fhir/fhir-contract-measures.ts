// A value-based contract's measures as FHIR: one Measure per measure of the contract's year, a
// composite Measure for the contract (weighted), and summary MeasureReports with the contract
// scorecard's numbers (SPEC §7.3), reported for the partner organization.
import { createHash } from 'node:crypto';
import type { Measure, MeasureReport, MeasureReportGroupPopulation } from 'fhir/r4.js';
import type { ContractMeasureRow, ContractSummaryRow } from '../contracts/contract-scorecard.service.js';
import type { ContractRecord, MeasureRecord } from '../contracts/contracts.queries.js';
import { DIPLOMAT } from '../import/fhir/fhir-codes.js';
import { parsePeriod } from '../metrics/periods.js';
import { byIdentifier } from './fhir-export-resources.js';

const POPULATION = 'http://terminology.hl7.org/CodeSystem/measure-population';
const NOTATION = 'http://terminology.hl7.org/CodeSystem/measure-improvement-notation';
const enc = encodeURIComponent;

/** A FHIR id (≤ 64 of [A-Za-z0-9-.]) for what ids of any characters name. */
const idOf = (...parts: (string | number)[]): string => `c-${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 40)}`;

export const contractMeasureUrl = (contractId: string, year: number, measureId?: string): string =>
  `${DIPLOMAT.metric}:contract:${enc(contractId)}:${year}${measureId === undefined ? '' : `:${enc(measureId)}`}`;

const notation = (direction: string) => ({ coding: [{ system: NOTATION, code: direction === 'lower' ? 'decrease' : 'increase' }] });

export function contractMeasureOf(m: MeasureRecord): Measure {
  return {
    resourceType: 'Measure',
    id: idOf(m.contract_id, m.year, m.measure_id),
    url: contractMeasureUrl(m.contract_id, m.year, m.measure_id),
    identifier: [{ system: `${DIPLOMAT.metric}:contract-measure-id`, value: m.measure_id }],
    title: m.name,
    status: 'active',
    description: `Contract ${m.contract_id}, ${m.year}: ${m.name} (${m.source === 'reported' ? 'reported by the partner' : `the plan's metric ${m.metric ?? ''}${m.tier ? `, ${m.tier} tier` : ''}`}).`,
    guidance: `Threshold ${m.threshold}, target ${m.target}, weight ${m.weight}; achievement is 0 at the threshold and 1 at the target.`,
    scoring: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-scoring', code: 'proportion' }] },
    improvementNotation: notation(m.direction),
  };
}

/** The contract as a composite measure: its score is the weighted achievement of its measures. */
export function contractCompositeOf(contract: ContractRecord, year: number, measures: readonly MeasureRecord[]): Measure {
  return {
    resourceType: 'Measure',
    id: idOf(contract.contract_id, year),
    url: contractMeasureUrl(contract.contract_id, year),
    title: `${contract.name} (${year})`,
    status: 'active',
    description: `The score of contract ${contract.contract_id} in ${year}: the weighted achievement of its measures (SPEC §7.3).`,
    scoring: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-scoring', code: 'proportion' }] },
    type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/measure-type', code: 'composite' }] }],
    compositeScoring: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/composite-measure-scoring', code: 'weighted' }] },
    relatedArtifact: measures.map((m) => ({
      type: 'composed-of' as const,
      resource: contractMeasureUrl(m.contract_id, m.year, m.measure_id),
    })),
  };
}

const count = (code: string, n: unknown): MeasureReportGroupPopulation => ({
  code: { coding: [{ system: POPULATION, code }] },
  ...(typeof n === 'number' ? { count: n } : {}),
});

function report(url: string, id: string, contract: ContractRecord, period: string, group: MeasureReport['group']): MeasureReport {
  const span = parsePeriod(period);
  return {
    resourceType: 'MeasureReport',
    id,
    status: 'complete',
    type: 'summary',
    measure: url,
    date: new Date().toISOString(),
    reporter: byIdentifier('Organization', DIPLOMAT.partnerId, contract.partner_id),
    period: { start: span.start, end: span.end },
    ...(group ? { group } : {}),
  };
}

export function contractMeasureReportOf(contract: ContractRecord, row: ContractMeasureRow): MeasureReport {
  const year = Number(row.period.slice(0, 4));
  return {
    ...report(
      contractMeasureUrl(row.contract_id, year, row.measure_id),
      idOf(row.contract_id, row.period, row.measure_id),
      contract,
      row.period,
      [
        {
          population: [
            count('initial-population', row.denominator),
            count('denominator', row.denominator),
            count('numerator', row.numerator),
          ],
          ...(row.value === null ? {} : { measureScore: { value: row.value } }),
        },
      ],
    ),
    improvementNotation: notation(row.direction),
  };
}

export function contractSummaryReportOf(contract: ContractRecord, row: ContractSummaryRow): MeasureReport {
  const year = Number(row.period.slice(0, 4));
  return report(contractMeasureUrl(row.contract_id, year), idOf(row.contract_id, row.period), contract, row.period, [
    { population: [count('initial-population', row.population)], ...(row.score === null ? {} : { measureScore: { value: row.score } }) },
  ]);
}
