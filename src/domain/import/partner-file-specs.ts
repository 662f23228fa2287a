// The files of SPEC.md §7.1 as data, like file-specs.ts: partner profiles, attributions,
// value-based contracts and their yearly measure sets, reported results, touchpoints and
// follow-ups. Rules that need other rows are SQL over the staging table (alias s); their reasons
// name the row they conflict with.
import {
  ARRANGEMENTS,
  ATTRIBUTION_BASES,
  DIRECTIONS,
  LINES_OF_BUSINESS,
  MEASURE_SOURCES,
  PARTNER_KINDS,
  RISK_TIERS,
  TOUCHPOINT_KINDS,
  TOUCHPOINT_TYPES,
} from '../ledger/vocabulary.js';
import { contractMetric } from '../metrics/metric-reference.js';
import {
  contractRef,
  date,
  decimal,
  id,
  memberRef,
  oneOf,
  partnerRef,
  staffListRef,
  text,
  textList,
  touchpointRef,
} from './file-spec-columns.js';
import type { FileName, FileSpec } from './file-spec-types.js';

const day = (column: string): string => `to_char(${column}, 'YYYY-MM-DD')`;
const span = (from: string, to: string): string => `${day(from)} || ' to ' || COALESCE(${day(to)}, 'open')`;

/** Profile columns beyond SPEC's core three; a file without them leaves stored profiles alone. */
const PROFILE_COLUMNS = [
  'counties',
  'services',
  'payer_mix',
  'funding_sources',
  'funding_cycle',
  'mission',
  'strategic_alignment',
  'success_measures',
  'website',
  'formal_cadence_days',
  'informal_cadence_days',
  // Diplomat's additions to "take stock" (seed 004), optional in the file as well.
  'demographics',
  'health_status',
  'delivery_model',
  'legal_requirements',
  'viability',
] as const;

export const PARTNERS_SPEC: FileSpec = {
  file: 'partners',
  table: 'partners',
  rollups: { kind: 'none' },
  columns: [
    { name: 'partner_id', type: id, required: true },
    { name: 'name', type: text, required: true },
    { name: 'kind', type: oneOf(PARTNER_KINDS), required: true },
    ...PROFILE_COLUMNS.map((name) => ({
      name,
      type: ['counties', 'services', 'funding_sources'].includes(name)
        ? textList
        : name.endsWith('_days')
          ? ({ kind: 'int' } as const)
          : text,
    })),
  ],
  key: ['partner_id'],
  primaryKey: ['partner_id'],
  emptyAs: { counties: '{}', services: '{}', funding_sources: '{}', formal_cadence_days: '90', informal_cadence_days: '30' },
  references: [],
  keepWhenAbsent: PROFILE_COLUMNS,
};

/** One partner at a time: a span may not overlap another span of the member with another key. */
const attributionOverlap = (stage: string): string => `
  SELECT DISTINCT ON (s.line) s.line AS line,
    'overlaps the attribution of this member to ' || o.partner_id || ' from ' || ${span('o.attributed_from', 'o.attributed_to')} || ' (' || o.source || ')' AS reason
  FROM ${stage} s JOIN (
    -- stored spans this file does not replace (an anti-join as LEFT JOIN … IS NULL, which Citus accepts)
    SELECT 'stored' AS source, 0 AS line, t.member_id, t.partner_id, t.attributed_from, t.attributed_to FROM attributions t
    LEFT JOIN ${stage} u ON u.member_id = t.member_id AND u.attributed_from = t.attributed_from
    WHERE u.line IS NULL
    UNION ALL
    SELECT 'line ' || u.line || ' of this file', u.line, u.member_id, u.partner_id, u.attributed_from, u.attributed_to FROM ${stage} u
  ) o ON o.member_id = s.member_id AND o.attributed_from <> s.attributed_from
     AND (o.source = 'stored' OR o.line < s.line)
     AND o.attributed_from <= COALESCE(s.attributed_to, 'infinity'::date)
     AND COALESCE(o.attributed_to, 'infinity'::date) >= s.attributed_from
  ORDER BY s.line, o.line, o.attributed_from`;

const measureYearInTerm = (stage: string): string => `
  SELECT s.line AS line, 'is outside the term of contract ' || c.contract_id || ' (' || ${span('c.starts_on', 'c.ends_on')} || ')' AS reason
  FROM ${stage} s JOIN contracts c ON c.contract_id = s.contract_id
  WHERE c.starts_on > make_date(s.year, 12, 31) OR c.ends_on < make_date(s.year, 1, 1)`;

const resultOfReportedMeasure = (stage: string): string => `
  SELECT s.line AS line,
    CASE WHEN m.source = 'scorecard' THEN 'is a scorecard measure: Diplomat computes its value, it is not reported'
         ELSE 'is not a measure of contract ' || s.contract_id || ' in ' || left(s.period, 4) END AS reason
  FROM ${stage} s LEFT JOIN contract_measures m
    ON m.contract_id = s.contract_id AND m.measure_id = s.measure_id AND m.year = left(s.period, 4)::int
  WHERE m.source IS DISTINCT FROM 'reported'`;

const contractOfSamePartner = (stage: string): string => `
  SELECT s.line AS line, 'belongs to partner ' || c.partner_id || ', not ' || s.partner_id AS reason
  FROM ${stage} s JOIN contracts c ON c.contract_id = s.contract_id WHERE c.partner_id <> s.partner_id`;

const touchpointOfSamePartner = (stage: string): string => `
  SELECT s.line AS line, 'is a touchpoint with partner ' || t.partner_id || ', not ' || s.partner_id AS reason
  FROM ${stage} s JOIN touchpoints t ON t.touchpoint_id = s.touchpoint_id WHERE t.partner_id <> s.partner_id`;

const doneAfterTouchpoint = (stage: string): string => `
  SELECT s.line AS line, 'is before the date of touchpoint ' || t.touchpoint_id || ' (' || ${day('t.occurred_on')} || ')' AS reason
  FROM ${stage} s JOIN touchpoints t ON t.touchpoint_id = s.touchpoint_id WHERE s.done_on < t.occurred_on`;

/** SPEC §7.1: metric and tier say which scorecard figure a `scorecard` measure is, and only then. */
function measureDefinitionRule(value: (column: string) => string | null): { column: string; reason: string } | null {
  const metric = value('metric');
  const tier = value('tier');
  if (value('source') === 'reported') {
    if (metric) return { column: 'metric', reason: 'must be empty for a reported measure' };
    if (tier) return { column: 'tier', reason: 'must be empty for a reported measure' };
  } else {
    if (!metric) return { column: 'metric', reason: 'is required for a scorecard measure' };
    const found = contractMetric(metric);
    if ('error' in found) return { column: 'metric', reason: found.error };
    if (found.metric.splitByTier && !tier) return { column: 'tier', reason: `is required: ${metric} is split by risk tier` };
    if (!found.metric.splitByTier && tier) return { column: 'tier', reason: `must be empty: ${metric} is not split by risk tier` };
  }
  // Diplomat's rule where SPEC is silent: a target on the wrong side of the threshold would
  // make achievement fall as performance improves.
  const threshold = Number(value('threshold'));
  const target = Number(value('target'));
  if (value('direction') === 'higher' && target < threshold)
    return { column: 'target', reason: 'is below threshold for a higher-is-better measure' };
  if (value('direction') === 'lower' && target > threshold)
    return { column: 'target', reason: 'is above threshold for a lower-is-better measure' };
  return null;
}

export const PARTNER_RELATIONSHIP_SPECS: Readonly<Record<Exclude<FileName, FileNameOfSection1>, FileSpec>> = {
  attributions: {
    file: 'attributions',
    table: 'attributions',
    // The partner segment of every period of the member's spans, caseload cells included.
    rollups: { kind: 'members', dated: null, caseload: true, addsYears: false },
    columns: [
      { name: 'member_id', type: id, required: true },
      { name: 'partner_id', type: id, required: true },
      { name: 'attributed_from', type: date, required: true },
      { name: 'attributed_to', type: date },
      { name: 'basis', type: oneOf(ATTRIBUTION_BASES) },
    ],
    key: ['member_id', 'attributed_from'],
    primaryKey: ['member_id', 'attributed_from'],
    references: [memberRef, partnerRef],
    endAfterStart: { start: 'attributed_from', end: 'attributed_to' },
    sqlRules: [{ column: 'attributed_from', select: attributionOverlap }],
  },
  contracts: {
    file: 'contracts',
    table: 'contracts',
    rollups: { kind: 'none' },
    columns: [
      { name: 'contract_id', type: id, required: true },
      { name: 'partner_id', type: id, required: true },
      { name: 'name', type: text, required: true },
      { name: 'arrangement', type: oneOf(ARRANGEMENTS), required: true },
      { name: 'starts_on', type: date, required: true },
      { name: 'ends_on', type: date },
      { name: 'line_of_business', type: oneOf(LINES_OF_BUSINESS) },
      { name: 'max_incentive', type: decimal(0) },
      { name: 'renewal_notice_days', type: { kind: 'int' } },
    ],
    key: ['contract_id'],
    primaryKey: ['contract_id'],
    references: [partnerRef],
    endAfterStart: { start: 'starts_on', end: 'ends_on' },
  },
  contract_measures: {
    file: 'contract_measures',
    table: 'contract_measures',
    rollups: { kind: 'none' },
    columns: [
      { name: 'contract_id', type: id, required: true },
      { name: 'year', type: { kind: 'year' }, required: true },
      { name: 'measure_id', type: id, required: true },
      { name: 'name', type: text, required: true },
      { name: 'source', type: oneOf(MEASURE_SOURCES), required: true },
      { name: 'metric', type: id },
      { name: 'tier', type: oneOf(RISK_TIERS) },
      { name: 'direction', type: oneOf(DIRECTIONS), required: true },
      { name: 'threshold', type: decimal(), required: true },
      { name: 'target', type: decimal(), required: true },
      { name: 'weight', type: decimal(0, true), required: true },
    ],
    key: ['contract_id', 'year', 'measure_id'],
    primaryKey: ['contract_id', 'year', 'measure_id'],
    references: [contractRef],
    rowRule: measureDefinitionRule,
    sqlRules: [{ column: 'year', select: measureYearInTerm }],
  },
  measure_results: {
    file: 'measure_results',
    table: 'measure_results',
    rollups: { kind: 'none' },
    columns: [
      { name: 'contract_id', type: id, required: true },
      { name: 'measure_id', type: id, required: true },
      { name: 'period', type: { kind: 'period' }, required: true },
      { name: 'value', type: decimal(), required: true },
      { name: 'numerator', type: decimal(0) },
      { name: 'denominator', type: decimal(0) },
      { name: 'reported_on', type: date },
    ],
    key: ['contract_id', 'measure_id', 'period'],
    primaryKey: ['contract_id', 'measure_id', 'period'],
    references: [contractRef],
    sqlRules: [{ column: 'measure_id', select: resultOfReportedMeasure }],
  },
  touchpoints: {
    file: 'touchpoints',
    table: 'touchpoints',
    rollups: { kind: 'none' },
    columns: [
      { name: 'touchpoint_id', type: id, required: true },
      { name: 'partner_id', type: id, required: true },
      { name: 'occurred_on', type: date, required: true },
      { name: 'kind', type: oneOf(TOUCHPOINT_KINDS), required: true },
      { name: 'type', type: oneOf(TOUCHPOINT_TYPES), required: true },
      { name: 'contract_id', type: id },
      { name: 'staff_ids', type: textList },
      { name: 'summary', type: text },
      { name: 'next_step', type: text },
    ],
    key: ['touchpoint_id'],
    primaryKey: ['touchpoint_id'],
    emptyAs: { staff_ids: '{}' },
    references: [partnerRef, contractRef, staffListRef],
    sqlRules: [{ column: 'contract_id', select: contractOfSamePartner }],
  },
  follow_ups: {
    file: 'follow_ups',
    table: 'follow_ups',
    rollups: { kind: 'none' },
    columns: [
      { name: 'follow_up_id', type: id, required: true },
      { name: 'partner_id', type: id, required: true },
      { name: 'touchpoint_id', type: id },
      { name: 'title', type: text, required: true },
      { name: 'owner_staff_id', type: id },
      { name: 'due_on', type: date, required: true },
      { name: 'done_on', type: date },
    ],
    key: ['follow_up_id'],
    primaryKey: ['follow_up_id'],
    references: [partnerRef, touchpointRef, { column: 'owner_staff_id', table: 'staff', tableColumn: 'staff_id', noun: 'staff member' }],
    sqlRules: [
      { column: 'touchpoint_id', select: touchpointOfSamePartner },
      { column: 'done_on', select: doneAfterTouchpoint },
    ],
  },
};

type FileNameOfSection1 =
  | 'partners'
  | 'staff'
  | 'campaigns'
  | 'members'
  | 'enrollments'
  | 'care_programs'
  | 'caseload'
  | 'renewals'
  | 'member_activity'
  | 'actions';
