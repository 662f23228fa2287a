import { Type, type Static } from 'typebox';
import { Nullable, RiskTier, Status } from '../common.schema.js';
import { SEGMENTS } from '../metrics/segments.js';
import { DIRECTIONS } from '../metrics/verdict.js';

export const Benchmark = Type.Object({
  low: Type.Number(),
  high: Type.Number(),
  applies_to: Nullable(Type.String()),
  per: Nullable(Type.Literal('year')),
});

export const ScorecardRow = Type.Object(
  {
    metric: Type.String(),
    principle: Type.Integer({ minimum: 1, maximum: 4 }),
    period: Type.String(),
    segment: Type.String(),
    segment_value: Type.String(),
    tier: Nullable(RiskTier),
    numerator: Type.Union([Type.Number(), Type.Literal('suppressed'), Type.Null()], {
      description: 'A count; "suppressed" where a partner may not see it (a small count, or one that would give a small count away)',
    }),
    denominator: Type.Union([Type.Number(), Type.Literal('suppressed'), Type.Null()]),
    value: Nullable(Type.Number()),
    per_1000: Nullable(Type.Number()),
    benchmark: Nullable(Benchmark),
    status: Nullable(Status),
  },
  { $id: 'ScorecardRow' },
);

export const Period = Type.String({
  pattern: '^\\d{4}(-(0[1-9]|1[0-2])|-[Qq][1-4])?$',
  description: 'A month 2025-03, a quarter 2025-Q1 or a year 2025',
});
export const SegmentName = Type.Enum(SEGMENTS);

export const ScorecardQuery = Type.Object({ period: Period, by: Type.Optional(SegmentName) });
export type ScorecardQuery = Static<typeof ScorecardQuery>;

export const ScorecardResponse = Type.Object({
  period: Type.String(),
  segment: Type.String(),
  rows: Type.Array(ScorecardRow),
});

export const TrendQuery = Type.Object({
  metric: Type.String({ maxLength: 64 }),
  period: Period,
  count: Type.Integer({ minimum: 1, maximum: 36, default: 12 }),
  tier: Type.Optional(RiskTier),
  principle: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  by: Type.Optional(SegmentName),
  segment_value: Type.Optional(Type.String({ maxLength: 100 })),
});
export type TrendQuery = Static<typeof TrendQuery>;

export const TrendResponse = Type.Object({
  metric: Type.String(),
  tier: Nullable(Type.String()),
  segment: Type.String(),
  segment_value: Type.String(),
  points: Type.Array(ScorecardRow),
});

export const MetricInfo = Type.Object({
  id: Type.String({ description: 'The metric id of SPEC.md §4 (principle_actions and principle_staff_hours repeat per principle)' }),
  key: Type.String({ description: 'Unique and stable: what contracts and measure sets refer to' }),
  label: Type.String({ description: 'A short label for tables' }),
  format: Type.Enum(['percent', 'ratio', 'count', 'hours']),
  counts: Type.Object({ numerator: Type.String(), denominator: Nullable(Type.String()) }),
  suppressed_for_partners: Type.Object({ numerator: Type.Boolean(), denominator: Type.Boolean() }),
  principle: Type.Integer(),
  principle_name: Type.String(),
  kind: Type.String(),
  tracking: Type.String(),
  title: Type.String(),
  definition: Type.String(),
  split_by_tier: Type.Boolean(),
  plan_wide: Type.Boolean(),
  lists_members: Type.Boolean({ description: 'GET /api/scorecard/members lists the members behind its numbers' }),
  unit: Nullable(Type.String()),
  benchmarks: Type.Array(
    Type.Object({
      tier: Nullable(Type.String()),
      benchmark: Benchmark,
      /** Which side of the benchmark is better: higher, lower, a cap (under it is fine) or a range to stay in. */
      direction: Nullable(Type.Enum(DIRECTIONS)),
    }),
  ),
});
export const MetricCatalog = Type.Object({ metrics: Type.Array(MetricInfo) });

export const HistoryQuery = Type.Object({
  period: Period,
  count: Type.Integer({ minimum: 1, maximum: 24, default: 12 }),
  by: Type.Optional(SegmentName),
});
export const HistoryResponse = Type.Object({ periods: Type.Array(Type.String()), rows: Type.Array(ScorecardRow) });

export const MetricMembersQuery = Type.Object({
  metric: Type.String({ maxLength: 64 }),
  period: Period,
  principle: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
  tier: Type.Optional(RiskTier),
  by: Type.Optional(SegmentName),
  segment_value: Type.Optional(Type.String({ maxLength: 100 })),
  counted: Type.Optional(
    Type.Boolean({ description: "false: members not yet in the numerator (a rate's default); true: those in it (a count's default)" }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 200 }),
});

export const MetricMembersResponse = Type.Object({
  metric: Type.String(),
  principle: Type.Integer(),
  tier: Nullable(RiskTier),
  period: Type.String(),
  segment: Type.String(),
  segment_value: Type.String(),
  counted: Type.Boolean(),
  total: Type.Integer({ description: 'How many members match; at most `limit` are listed' }),
  items: Type.Array(Type.Object({ member_id: Type.String(), numerator: Type.Number(), denominator: Nullable(Type.Number()) })),
});
