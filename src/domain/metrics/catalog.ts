// The metric catalog of SPEC.md §4 as data. Each metric names the grain it is computed over,
// its numerator and denominator as SQL aggregates over that grain's facts (see facts.sql.ts),
// and how people see it: label, format, what its counts count (which decides small-cell
// suppression). The compiler (measures.sql.ts) turns a catalog into one query; the CLI, the API,
// the web app and suppression read these fields instead of switching on metric ids.
// Adding a metric is adding an entry here, not a new code path.
import { CASELOAD_BENCHMARK, CASELOAD_DIRECTION, isCommunityPartner, RENEWAL_GUIDANCE_WINDOW_DAYS } from '../ledger/rules.js';
import { actionTypesOf, PRINCIPLES, type Principle, type RiskTier } from '../ledger/vocabulary.js';
import type { Direction } from './verdict.js';

export interface Benchmark {
  low: number;
  high: number;
  /** A line of business the research figure is about; status is only set on its rows. */
  applies_to: string | null;
  /** 'year': an annual population rate, judged only on year periods. */
  per: 'year' | null;
}

/**
 * - `members`: aggregates over one row per member of E(P) (alias `f`).
 * - `caseload`: over one row per (member, staff) caseload assignment active on P's end, joined
 *   to the member's facts (aliases `c`, `f`).
 * - `plan`: plan-wide, a scalar query; only in the scorecard without a segment.
 */
export type Grain = 'members' | 'caseload' | 'plan';

/** How a value is shown: a percentage, a ratio with two decimals, a count, or hours. */
export type MetricFormat = 'percent' | 'ratio' | 'count' | 'hours';

/**
 * What a numerator or denominator counts. Counts of members and of their events (actions,
 * member-months, renewals) are small-cell suppressed for partners; staff, campaigns and minutes
 * are not about members.
 */
export type CountUnit = 'members' | 'actions' | 'member_months' | 'renewals' | 'staff' | 'campaigns' | 'minutes';
export const SMALL_CELL_UNITS: ReadonlySet<CountUnit> = new Set(['members', 'actions', 'member_months', 'renewals']);

export interface MetricDefinition {
  /** The metric id of SPEC.md §4 (not unique: each principle has `principle_actions`). */
  id: string;
  /** Unique and stable within the catalog: what measures, cube columns and contracts refer to. */
  key: string;
  /** A short label that fits a table column. */
  label: string;
  format: MetricFormat;
  /** What the numerator and denominator count. */
  counts: { numerator: CountUnit; denominator?: CountUnit };
  principle: Principle;
  kind: 'rate' | 'count';
  tracking: 'now' | 'should' | 'measured';
  title: string;
  definition: string;
  grain: Grain;
  /** SQL aggregate; `{tier}` is replaced by the tier for tier-split metrics. */
  numerator: string;
  /** SQL aggregate (rates only). */
  denominator?: string;
  splitByTier?: boolean;
  benchmark?: Benchmark | Readonly<Record<RiskTier, Benchmark>>;
  /** Which side of the benchmark is better (required with a benchmark): how a status reads (verdict.ts). */
  direction?: Direction | Readonly<Record<RiskTier, Direction>>;
  /** Counts report per 1,000 member-months (all but chw_count and staff hours). */
  per1000?: boolean;
  /** The unit of a count, for people. */
  unit?: string;
  /** The numerator is summed as an integer and divided by this when shown (minutes → hours). */
  divisor?: number;
}

const members = 'count(*)';
const membersWith = (condition: string): string => `count(*) FILTER (WHERE ${condition})`;
const total = (column: string): string => `COALESCE(sum(${column}), 0)`;

const CORE: MetricDefinition[] = [
  {
    id: 'contact_rate',
    key: 'contact_rate',
    label: 'contact_rate',
    format: 'percent',
    counts: { numerator: 'members', denominator: 'members' },
    principle: 1,
    kind: 'rate',
    tracking: 'now',
    title: 'Contact rate',
    definition:
      'Members enrolled in the period with at least one successful contact (outreach or HRA call reached, completed or declined), over members enrolled.',
    grain: 'members',
    numerator: membersWith('f.successful_contacts > 0'),
    denominator: members,
    benchmark: { low: 0.3, high: 0.3, applies_to: 'medicaid', per: 'year' },
    direction: 'higher',
  },
  {
    id: 'portal_login_rate',
    key: 'portal_login_rate',
    label: 'portal_login_rate',
    format: 'percent',
    counts: { numerator: 'members', denominator: 'members' },
    principle: 1,
    kind: 'rate',
    tracking: 'now',
    title: 'Portal logins',
    definition: 'Members enrolled with at least one portal login in the period, over members enrolled.',
    grain: 'members',
    numerator: membersWith('f.portal_logins > 0'),
    denominator: members,
    benchmark: { low: 0.1, high: 0.25, applies_to: null, per: 'year' },
    direction: 'higher',
  },
  {
    id: 'online_tool_use_rate',
    key: 'online_tool_use_rate',
    label: 'online_tool_use_rate',
    format: 'percent',
    counts: { numerator: 'members', denominator: 'members' },
    principle: 1,
    kind: 'rate',
    tracking: 'now',
    title: 'Use of online tools',
    definition: 'Members enrolled with at least one use of an online tool in the period, over members enrolled.',
    grain: 'members',
    numerator: membersWith('f.online_tool_uses > 0'),
    denominator: members,
    benchmark: { low: 0.02, high: 0.02, applies_to: null, per: 'year' },
    direction: 'higher',
  },
  {
    id: 'hra_call_rate',
    key: 'hra_call_rate',
    label: 'hra_call_rate',
    format: 'percent',
    counts: { numerator: 'members', denominator: 'members' },
    principle: 1,
    kind: 'rate',
    tracking: 'should',
    title: 'Members called for a health risk assessment',
    definition: 'Members enrolled with at least one HRA call in the period, over members enrolled.',
    grain: 'members',
    numerator: membersWith('f.hra_calls > 0'),
    denominator: members,
  },
  {
    id: 'contact_attempts_per_member_month',
    key: 'contact_attempts_per_member_month',
    label: 'attempts per member-month',
    format: 'ratio',
    counts: { numerator: 'actions', denominator: 'member_months' },
    principle: 1,
    kind: 'rate',
    tracking: 'should',
    title: 'Contact attempts per member per month',
    definition:
      'Contact attempts (outreach and HRA calls, any outcome) to enrolled members of the tier, ' +
      "over the tier's enrolled members times the months in the period.",
    grain: 'members',
    splitByTier: true,
    numerator: `COALESCE(sum(f.contact_attempts) FILTER (WHERE f.risk_tier = '{tier}'), 0)`,
    denominator: `count(*) FILTER (WHERE f.risk_tier = '{tier}') * {months}`,
  },
  {
    id: 'personalized_outreach_rate',
    key: 'personalized_outreach_rate',
    label: 'personalized_outreach_rate',
    format: 'percent',
    counts: { numerator: 'members', denominator: 'members' },
    principle: 1,
    kind: 'rate',
    tracking: 'should',
    title: 'Members receiving personalized outreach',
    definition:
      'Members enrolled with at least one personalized outreach in the period that was not a wrong number or undeliverable, over members enrolled.',
    grain: 'members',
    numerator: membersWith('f.personalized_outreach > 0'),
    denominator: members,
  },
  {
    id: 'members_per_case_manager',
    key: 'members_per_case_manager',
    label: 'members per case manager',
    format: 'ratio',
    counts: { numerator: 'members', denominator: 'staff' },
    principle: 2,
    kind: 'rate',
    tracking: 'now',
    title: 'Members per case manager',
    definition:
      "On the period's last day: members of the tier enrolled that day with an active caseload assignment, " +
      'over the distinct staff holding at least one such assignment.',
    grain: 'caseload',
    splitByTier: true,
    numerator: `count(DISTINCT c.member_id) FILTER (WHERE f.risk_tier = '{tier}')`,
    denominator: `count(DISTINCT c.staff_id) FILTER (WHERE f.risk_tier = '{tier}')`,
    benchmark: {
      high: { ...CASELOAD_BENCHMARK.high, applies_to: null, per: null },
      low: { ...CASELOAD_BENCHMARK.low, applies_to: null, per: null },
    },
    direction: CASELOAD_DIRECTION,
  },
  {
    id: 'chw_count',
    key: 'chw_count',
    label: 'chw_count',
    format: 'count',
    counts: { numerator: 'staff' },
    principle: 2,
    kind: 'count',
    tracking: 'should',
    title: 'Community health workers employed',
    definition: "Staff with the role chw employed on the period's last day. Plan-wide.",
    grain: 'plan',
    numerator: `(SELECT count(*) FROM staff s WHERE s.role = 'chw' AND s.hired_on <= {end} AND (s.left_on IS NULL OR s.left_on >= {end}))`,
    unit: 'staff',
  },
  {
    id: 'campaign_partner_rate',
    key: 'campaign_partner_rate',
    label: 'campaign_partner_rate',
    format: 'percent',
    counts: { numerator: 'campaigns', denominator: 'campaigns' },
    principle: 2,
    kind: 'rate',
    tracking: 'should',
    title: 'Campaigns involving community partners',
    definition:
      'Campaigns running in the period with at least one community or public health partner, over campaigns running in the period. Plan-wide.',
    grain: 'plan',
    numerator: `(SELECT count(*) FROM campaigns k WHERE k.starts_on <= {end} AND (k.ends_on IS NULL OR k.ends_on >= {start})
      AND EXISTS (SELECT 1 FROM partners p WHERE p.partner_id = ANY (k.partner_ids) AND ${isCommunityPartner('p')}))`,
    denominator: `(SELECT count(*) FROM campaigns k WHERE k.starts_on <= {end} AND (k.ends_on IS NULL OR k.ends_on >= {start}))`,
  },
  {
    id: 'care_management_rate',
    key: 'care_management_rate',
    label: 'care_management_rate',
    format: 'percent',
    counts: { numerator: 'members', denominator: 'members' },
    principle: 3,
    kind: 'rate',
    tracking: 'now',
    title: 'Members in care management programs',
    definition: 'Members enrolled with a care-program enrollment overlapping the period, over members enrolled.',
    grain: 'members',
    numerator: membersWith('f.in_care_program'),
    denominator: members,
    benchmark: { low: 0.15, high: 0.15, applies_to: 'dual', per: null },
    direction: 'higher',
  },
  {
    id: 'transportation_count',
    key: 'transportation_count',
    label: 'transportation_count',
    format: 'count',
    counts: { numerator: 'actions' },
    principle: 3,
    kind: 'count',
    tracking: 'should',
    title: 'Transportation arranged by the plan',
    definition: 'Transportation actions in the period for enrolled members.',
    grain: 'members',
    numerator: total('f.transportation'),
    per1000: true,
    unit: 'actions',
  },
  {
    id: 'cost_guidance_rate',
    key: 'cost_guidance_rate',
    label: 'cost_guidance_rate',
    format: 'percent',
    counts: { numerator: 'members', denominator: 'members' },
    principle: 3,
    kind: 'rate',
    tracking: 'should',
    title: 'Members receiving personalized guidance on cost savings',
    definition: 'Members enrolled with at least one cost guidance action in the period, over members enrolled.',
    grain: 'members',
    numerator: membersWith('f.cost_guidance > 0'),
    denominator: members,
  },
  {
    id: 'guided_renewal_rate',
    key: 'guided_renewal_rate',
    label: 'guided_renewal_rate',
    format: 'percent',
    counts: { numerator: 'renewals', denominator: 'renewals' },
    principle: 3,
    kind: 'rate',
    tracking: 'should',
    title: 'Members with a guided renewal',
    definition:
      `Renewals due in the period of enrolled members that had renewal guidance in the ${RENEWAL_GUIDANCE_WINDOW_DAYS} days up to the ` +
      'due date (which may fall before the period), over renewals due in the period.',
    grain: 'members',
    numerator: total('f.renewals_guided'),
    denominator: total('f.renewals_due'),
  },
  {
    id: 'auto_pcp_assignment_rate',
    key: 'auto_pcp_assignment_rate',
    label: 'auto_pcp_assignment_rate',
    format: 'percent',
    counts: { numerator: 'members', denominator: 'members' },
    principle: 4,
    kind: 'rate',
    tracking: 'now',
    title: 'Automatic PCP assignment for HMO',
    definition: 'Enrolled members whose product in the period is HMO with an automatically assigned PCP, over enrolled HMO members.',
    grain: 'members',
    numerator: membersWith(`f.product = 'hmo' AND f.pcp_assignment = 'auto'`),
    denominator: membersWith(`f.product = 'hmo'`),
  },
  {
    id: 'pcp_appointments_scheduled',
    key: 'pcp_appointments_scheduled',
    label: 'pcp_appointments_scheduled',
    format: 'count',
    counts: { numerator: 'actions' },
    principle: 4,
    kind: 'count',
    tracking: 'should',
    title: 'PCP appointments scheduled by the plan',
    definition: 'PCP appointment actions in the period for enrolled members.',
    grain: 'members',
    numerator: total('f.pcp_appointments'),
    per1000: true,
    unit: 'actions',
  },
  {
    id: 'in_person_visits',
    key: 'in_person_visits',
    label: 'in_person_visits',
    format: 'count',
    counts: { numerator: 'actions' },
    principle: 4,
    kind: 'count',
    tracking: 'should',
    title: 'In-person visits by plan employees',
    definition:
      'In-person visit actions in the period for enrolled members by staff of the plan itself (no partner); actions without staff do not count.',
    grain: 'members',
    numerator: total('f.in_person_visits'),
    per1000: true,
    unit: 'actions',
  },
  {
    id: 'disputes_resolved_by_social_worker',
    key: 'disputes_resolved_by_social_worker',
    label: 'disputes by social worker',
    format: 'count',
    counts: { numerator: 'actions' },
    principle: 4,
    kind: 'count',
    tracking: 'should',
    title: 'Disputed claims resolved by a social worker',
    definition: 'Claim dispute resolved actions in the period for enrolled members by staff with the role social_worker.',
    grain: 'members',
    numerator: total('f.disputes_by_social_worker'),
    per1000: true,
    unit: 'actions',
  },
];

/** Each principle's measured effort: its actions (frequency) and the staff hours behind them. */
function principleRows(principle: Principle): MetricDefinition[] {
  const types = actionTypesOf(principle).join(', ');
  return [
    {
      id: 'principle_actions',
      key: `principle_actions_${principle}`,
      label: 'plan actions',
      format: 'count',
      counts: { numerator: 'actions' },
      principle,
      kind: 'count',
      tracking: 'measured',
      title: 'Plan actions',
      definition: `Actions of this principle's types (${types}) in the period for enrolled members; per 1,000 member-months is the frequency of plan action.`,
      grain: 'members',
      numerator: total(`f.principle_actions_${principle}`),
      per1000: true,
      unit: 'actions',
    },
    {
      id: 'principle_staff_hours',
      key: `principle_staff_hours_${principle}`,
      label: 'staff hours',
      format: 'hours',
      counts: { numerator: 'minutes' },
      principle,
      kind: 'count',
      tracking: 'measured',
      title: 'Staff hours',
      definition:
        "Minutes recorded on this principle's actions in the period for enrolled members, in hours " +
        '(missing minutes count 0): the investment behind it.',
      grain: 'members',
      // Summed in whole minutes so that the rollups add exactly; shown in hours.
      numerator: total(`f.principle_minutes_${principle}`),
      divisor: 60,
      unit: 'hours',
    },
  ];
}

/** The catalog in scorecard order: each principle's metrics, then its two measured rows. */
export const METRICS: readonly MetricDefinition[] = PRINCIPLES.flatMap((p) => [
  ...CORE.filter((m) => m.principle === p),
  ...principleRows(p),
]);

/** Plan-wide metrics have one value for the whole plan and no row per segment. */
export const isPlanWide = (metric: MetricDefinition): boolean => metric.grain === 'plan';

/** Whether a count of this unit is small-cell suppressed for partners. */
export const isSuppressible = (unit: CountUnit | undefined): boolean => unit !== undefined && SMALL_CELL_UNITS.has(unit);

export function benchmarkFor(metric: MetricDefinition, tier: RiskTier | null): Benchmark | null {
  const b = metric.benchmark;
  if (!b) return null;
  if ('low' in b && typeof b.low === 'number') return b as Benchmark;
  return tier ? (b as Record<RiskTier, Benchmark>)[tier] : null;
}

/** The direction of a measure's benchmark (a tier's own for tier-split metrics). */
export function directionFor(metric: MetricDefinition, tier: RiskTier | null): Direction | null {
  const d = metric.direction;
  if (!d) return null;
  if (typeof d === 'string') return d;
  return tier ? d[tier] : null;
}
