// The scorecard as FHIR: a Measure per metric of the catalog (SPEC.md §4) and a summary
// MeasureReport per metric and period whose populations and score are the scorecard's own row
// (the same numbers, the same suppression for a partner), with a stratifier per segment value.
import type {
  Measure,
  MeasureReport,
  MeasureReportGroup,
  MeasureReportGroupPopulation,
  MeasureReportGroupStratifierStratum,
} from 'fhir/r4.js';
import { METRICS, type MetricDefinition } from '../metrics/catalog.js';
import { parsePeriod } from '../metrics/periods.js';
import { DIPLOMAT } from '../import/fhir/fhir-codes.js';
import type { VisibleRow } from '../scorecard/disclosure.service.js';

const POPULATION = 'http://terminology.hl7.org/CodeSystem/measure-population';
const SCORING = 'http://terminology.hl7.org/CodeSystem/measure-scoring';

/** A FHIR id allows letters, digits, `-` and `.`: a metric key's `_` becomes `-`. */
export const measureIdOf = (metric: MetricDefinition): string => metric.key.replace(/_/g, '-');
const measureUrlOf = (metric: MetricDefinition): string => `${DIPLOMAT.metric}:${metric.key}`;

export function metricOfMeasureId(id: string): MetricDefinition | undefined {
  return METRICS.find((m) => measureIdOf(m) === id || m.key === id || measureUrlOf(m) === id);
}

function scoringOf(metric: MetricDefinition): string {
  if (metric.kind === 'count') return 'cohort';
  return metric.format === 'percent' ? 'proportion' : 'ratio';
}

export function measureOf(metric: MetricDefinition): Measure {
  return {
    resourceType: 'Measure',
    id: measureIdOf(metric),
    url: measureUrlOf(metric),
    name: metric.key,
    title: metric.title,
    status: 'active',
    description: metric.definition,
    scoring: { coding: [{ system: SCORING, code: scoringOf(metric) }] },
    group: (metric.splitByTier ? ['high', 'low'] : [null]).map((tier) => ({
      ...(tier ? { code: { text: `${tier} risk tier` } } : {}),
      population: populationCodes(metric).map((code) => ({
        code: { coding: [{ system: POPULATION, code }] },
        // R4 binds the language to CQL, FHIRPath or a FHIR query. Diplomat's definitions are SQL over its
        // ledger (docs/metrics.md), so the criteria are described, with no expression to execute.
        criteria: { language: 'text/cql', description: criteriaOf(metric, code) },
      })),
    })),
  };
}

function criteriaOf(metric: MetricDefinition, code: string): string {
  if (code === 'numerator') return `the ${metric.counts.numerator} counted by: ${metric.definition}`;
  if (metric.kind === 'count') return `the ${metric.counts.numerator} counted by: ${metric.definition}`;
  return `the ${metric.counts.denominator ?? 'members'} of the rate's denominator`;
}

function populationCodes(metric: MetricDefinition): string[] {
  return metric.kind === 'rate' ? ['initial-population', 'denominator', 'numerator'] : ['initial-population'];
}

/** A count the reader may see; a suppressed one has no count (the population is still named). */
const countOf = (value: VisibleRow['numerator']): number | undefined => (typeof value === 'number' ? value : undefined);

function populationsOf(metric: MetricDefinition, row: VisibleRow): MeasureReportGroupPopulation[] {
  // Diplomat has no exclusions: the initial population of a rate is its denominator; of a count, what it counts.
  const counts: Record<string, number | undefined> =
    metric.kind === 'rate'
      ? { 'initial-population': countOf(row.denominator), denominator: countOf(row.denominator), numerator: countOf(row.numerator) }
      : { 'initial-population': countOf(row.numerator) };
  return populationCodes(metric).map((code) => ({
    code: { coding: [{ system: POPULATION, code }] },
    ...(counts[code] !== undefined ? { count: counts[code] } : {}),
  }));
}

const scoreOf = (row: VisibleRow): { measureScore?: { value: number } } =>
  row.value === null ? {} : { measureScore: { value: row.value } };

/**
 * The summary MeasureReport of one metric in one period. `planRows` are the scorecard's whole-plan
 * rows; `segmentRows` (when a segment was asked for) its rows by segment, as strata.
 */
export function measureReportOf(
  metric: MetricDefinition,
  period: string,
  planRows: readonly VisibleRow[],
  segment: string | null,
  segmentRows: readonly VisibleRow[],
): MeasureReport {
  const span = parsePeriod(period);
  const own = (r: VisibleRow): boolean => r.metric === metric.id && r.principle === metric.principle;
  const groups = planRows.filter(own).map((row): MeasureReportGroup => {
    const strata = segmentRows.filter((r) => own(r) && r.tier === row.tier);
    return {
      ...(row.tier ? { code: { text: `${row.tier} risk tier` } } : {}),
      population: populationsOf(metric, row),
      ...scoreOf(row),
      ...(segment && strata.length > 0
        ? {
            stratifier: [
              {
                code: [{ text: segment }],
                stratum: strata.map((s): MeasureReportGroupStratifierStratum => ({
                  value: { text: s.segment_value },
                  population: populationsOf(metric, s),
                  ...scoreOf(s),
                })),
              },
            ],
          }
        : {}),
    };
  });
  return {
    resourceType: 'MeasureReport',
    id: `${measureIdOf(metric)}.${span.label}`,
    status: 'complete',
    type: 'summary',
    measure: measureUrlOf(metric),
    date: new Date().toISOString(),
    period: { start: span.start, end: span.end },
    group: groups,
  };
}
