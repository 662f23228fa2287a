// A metric over consecutive periods (the dashboard's sparklines and trend charts), and the
// catalog as the API and the web app show it.
import type { Db } from '../../db/connect.js';
import { DomainError } from '../errors.js';
import { PRINCIPLE_NAMES, RISK_TIERS } from '../ledger/vocabulary.js';
import {
  benchmarkFor,
  directionFor,
  isPlanWide,
  isSuppressible,
  METRICS,
  type Benchmark,
  type MetricDefinition,
} from '../metrics/catalog.js';
import { parsePeriod, shiftPeriod } from '../metrics/periods.js';
import { computeScorecard, type ScorecardRow } from './scorecard.service.js';
import { parseSegment } from '../metrics/segments.js';
import type { Direction } from '../metrics/verdict.js';

export interface TrendRequest {
  metric: string;
  period: string;
  count?: number;
  tier?: 'high' | 'low';
  principle?: number;
  by?: string;
  segment_value?: string;
}

export async function scorecardTrend(
  db: Db,
  q: TrendRequest,
): Promise<{ metric: string; tier: string | null; segment: string; segment_value: string; points: ScorecardRow[] }> {
  const definition = METRICS.find((m) => m.id === q.metric && (q.principle === undefined || m.principle === q.principle));
  if (!definition) throw new DomainError('not_found', `unknown metric "${q.metric}"`);
  if (definition.splitByTier && !q.tier)
    throw new DomainError('validation_failed', `${q.metric} is split by risk tier: give tier=high or tier=low`);
  if (q.by && !q.segment_value) throw new DomainError('validation_failed', 'by needs a segment_value');
  const segment = q.by ? parseSegment(q.by) : 'all';
  const last = parsePeriod(q.period);
  const count = q.count ?? 12;
  const points: ScorecardRow[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const period = shiftPeriod(last, -i);
    const rows = await computeScorecard(db, { period: period.label, by: q.by ?? null });
    const row = rows.find(
      (r) =>
        r.metric === definition.id &&
        r.principle === definition.principle &&
        r.tier === (q.tier ?? null) &&
        (q.by ? r.segment_value === q.segment_value : true),
    );
    points.push(
      row ?? {
        metric: definition.id,
        principle: definition.principle,
        period: period.label,
        segment,
        segment_value: q.segment_value ?? 'all',
        tier: q.tier ?? null,
        numerator: null,
        denominator: null,
        value: null,
        per_1000: null,
        benchmark: benchmarkFor(definition, q.tier ?? null),
        status: null,
      },
    );
  }
  return { metric: definition.id, tier: q.tier ?? null, segment: q.by ?? 'all', segment_value: q.segment_value ?? 'all', points };
}

/** Every row of the scorecard for the N periods ending with `period` (the dashboard's sparklines). */
export async function scorecardHistory(
  db: Db,
  q: { period: string; count?: number; by?: string },
): Promise<{ periods: string[]; rows: ScorecardRow[] }> {
  const last = parsePeriod(q.period);
  const count = q.count ?? 12;
  const periods: string[] = [];
  const rows: ScorecardRow[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const period = shiftPeriod(last, -i);
    periods.push(period.label);
    rows.push(...(await computeScorecard(db, { period: period.label, by: q.by ?? null })));
  }
  return { periods, rows };
}

export interface MetricInfo {
  id: string;
  key: string;
  principle: number;
  principle_name: string;
  kind: string;
  tracking: string;
  title: string;
  label: string;
  format: MetricDefinition['format'];
  definition: string;
  split_by_tier: boolean;
  plan_wide: boolean;
  /** Members behind its numbers can be listed (GET /api/scorecard/members): it counts members, not staff or the plan. */
  lists_members: boolean;
  unit: string | null;
  counts: { numerator: string; denominator: string | null };
  suppressed_for_partners: { numerator: boolean; denominator: boolean };
  benchmarks: { tier: string | null; benchmark: Benchmark; direction: Direction | null }[];
}

/** The catalog as the API serves it: everything a client needs to label, format and judge a row. */
export function metricCatalog(catalog: readonly MetricDefinition[] = METRICS): MetricInfo[] {
  return catalog.map((m) => {
    const tiers = m.splitByTier ? RISK_TIERS : [null];
    const benchmarks = tiers.flatMap((tier) => {
      const b = benchmarkFor(m, tier);
      return b ? [{ tier, benchmark: b, direction: directionFor(m, tier) }] : [];
    });
    return {
      id: m.id,
      key: m.key,
      principle: m.principle,
      principle_name: PRINCIPLE_NAMES[m.principle],
      kind: m.kind,
      tracking: m.tracking,
      title: m.title,
      label: m.label,
      format: m.format,
      definition: m.definition,
      split_by_tier: Boolean(m.splitByTier),
      plan_wide: isPlanWide(m),
      lists_members: m.grain === 'members',
      unit: m.unit ?? null,
      counts: { numerator: m.counts.numerator, denominator: m.counts.denominator ?? null },
      suppressed_for_partners: { numerator: isSuppressible(m.counts.numerator), denominator: isSuppressible(m.counts.denominator) },
      benchmarks,
    };
  });
}
