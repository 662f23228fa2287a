// Behind a scorecard number: the members a metric counts in a period, for the whole plan or one
// segment value — by default exactly those in its denominator and not yet in its numerator (for
// a contact rate, the enrolled members of that segment without a successful contact), so an
// equity bar opens onto the people who would close its gap. Computed live from the facts, as a
// contract measure's members are (../contracts/contract-drilldown.service.ts).
import type { Db } from '../../db/connect.js';
import type { RiskTier } from '../ledger/vocabulary.js';
import { DomainError } from '../errors.js';
import { METRICS } from '../metrics/catalog.js';
import { measuresOf } from '../metrics/measures.sql.js';
import { parsePeriod } from '../metrics/periods.js';
import { parseSegment } from '../metrics/segments.js';
import { memberContributionsWithin } from './scorecard.service.js';

export interface MetricMembersQuery {
  metric: string;
  period: string;
  principle?: number;
  tier?: RiskTier;
  by?: string;
  segment_value?: string;
  /** false: not yet in the numerator (a rate's default); true: in it (a count's default). */
  counted?: boolean;
  limit?: number;
}

export interface MetricMembers {
  metric: string;
  principle: number;
  tier: RiskTier | null;
  period: string;
  segment: string;
  segment_value: string;
  counted: boolean;
  /** How many members match, though at most `limit` are listed. */
  total: number;
  items: { member_id: string; numerator: number; denominator: number | null }[];
}

export async function metricMembers(db: Db, q: MetricMembersQuery): Promise<MetricMembers> {
  const period = parsePeriod(q.period);
  const metric = METRICS.find((m) => m.id === q.metric && (q.principle === undefined || m.principle === q.principle));
  if (!metric) throw new DomainError('not_found', `no metric ${q.metric}${q.principle ? ` in principle ${q.principle}` : ''}`);
  if (metric.grain !== 'members') throw new DomainError('validation_failed', `${q.metric} counts staff or the plan, not members`);
  const tier = metric.splitByTier ? (q.tier ?? null) : null;
  if (metric.splitByTier && !tier)
    throw new DomainError('validation_failed', `${q.metric} is split by risk tier: give tier=high or tier=low`);
  const measure = measuresOf([metric]).find((m) => m.tier === tier)!;
  if (Boolean(q.by) !== Boolean(q.segment_value)) throw new DomainError('validation_failed', 'give both by and segment_value, or neither');
  const within = q.by ? [{ segment: parseSegment(q.by), value: q.segment_value! }] : [];
  const counted = q.counted ?? metric.kind === 'count';
  const rows = await memberContributionsWithin(db, period, within, measure, q.limit ?? 200, counted);
  return {
    metric: metric.id,
    principle: metric.principle,
    tier,
    period: period.label,
    segment: q.by ?? 'all',
    segment_value: q.segment_value ?? 'all',
    counted,
    total: rows[0]?.total ?? 0,
    items: rows.map((r) => ({ member_id: r.member_id, numerator: r.numerator, denominator: r.denominator })),
  };
}
