// The schemas of contracts, measure sets, results and the contract scorecard (SPEC.md §7.1, §7.3):
// API validation, OpenAPI and the web app's types.
import { Type, type Static } from 'typebox';
import { Arrangement, DateString, Direction, Id, LineOfBusiness, MeasureSource, Nullable, RiskTier } from '../common.schema.js';
import { SEGMENTS } from '../metrics/segments.js';
import { Period } from '../scorecard/scorecard.schema.js';

export const Contract = Type.Object({
  contract_id: Type.String(),
  partner_id: Type.String(),
  partner_name: Type.String(),
  name: Type.String(),
  arrangement: Arrangement,
  starts_on: Type.String(),
  ends_on: Nullable(Type.String()),
  line_of_business: Nullable(LineOfBusiness),
  max_incentive: Nullable(Type.Number()),
  renewal_notice_days: Nullable(Type.Integer()),
});
export const ContractInput = Type.Object(
  {
    contract_id: Id,
    partner_id: Id,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    arrangement: Arrangement,
    starts_on: DateString,
    ends_on: Type.Optional(Nullable(DateString)),
    line_of_business: Type.Optional(Nullable(LineOfBusiness)),
    max_incentive: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
    renewal_notice_days: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 3650 }))),
  },
  { additionalProperties: false },
);
export type ContractInput = Static<typeof ContractInput>;

export const Measure = Type.Object({
  contract_id: Type.String(),
  year: Type.Integer(),
  measure_id: Type.String(),
  name: Type.String(),
  source: MeasureSource,
  metric: Nullable(Type.String()),
  tier: Nullable(RiskTier),
  direction: Direction,
  threshold: Type.Number(),
  target: Type.Number(),
  weight: Type.Number(),
});
export const MeasureInput = Type.Object(
  {
    year: Type.Integer({ minimum: 1900, maximum: 9999 }),
    measure_id: Id,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    source: MeasureSource,
    metric: Type.Optional(Nullable(Id)),
    tier: Type.Optional(Nullable(RiskTier)),
    direction: Direction,
    threshold: Type.Number(),
    target: Type.Number(),
    weight: Type.Number({ minimum: 0, description: 'greater than 0' }),
  },
  { additionalProperties: false },
);
export type MeasureInput = Static<typeof MeasureInput>;
export const MeasuresInput = Type.Object(
  { measures: Type.Array(MeasureInput, { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false },
);
export const ResultInput = Type.Object(
  {
    measure_id: Id,
    period: Period,
    value: Type.Number(),
    numerator: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
    denominator: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
    reported_on: Type.Optional(Nullable(DateString)),
  },
  { additionalProperties: false },
);
export type ResultInput = Static<typeof ResultInput>;

export const MeasureChange = Type.Object({
  measure_id: Type.String(),
  change: Type.Union([Type.Literal('added'), Type.Literal('removed'), Type.Literal('changed'), Type.Literal('unchanged')]),
  changed_terms: Type.Array(Type.String()),
  before: Nullable(Measure),
  after: Nullable(Measure),
});
export type MeasureChange = Static<typeof MeasureChange>;

export const ContractMeasureRow = Type.Object({
  contract_id: Type.String(),
  period: Type.String(),
  measure_id: Type.String(),
  source: MeasureSource,
  metric: Nullable(Type.String()),
  tier: Nullable(Type.String()),
  numerator: Type.Union([Type.Number(), Type.Literal('suppressed'), Type.Null()]),
  denominator: Type.Union([Type.Number(), Type.Literal('suppressed'), Type.Null()]),
  value: Nullable(Type.Number()),
  direction: Direction,
  threshold: Type.Number(),
  target: Type.Number(),
  weight: Type.Number(),
  achievement: Nullable(Type.Number()),
});
export const ContractSummaryRow = Type.Object({
  contract_id: Type.String(),
  period: Type.String(),
  measure_id: Type.Null(),
  score: Nullable(Type.Number()),
  coverage: Nullable(Type.Number()),
  earned_incentive: Nullable(Type.Number()),
  population: Type.Union([Type.Integer(), Type.Literal('suppressed')]),
});
export const ContractScorecard = Type.Object({ items: Type.Array(Type.Union([ContractMeasureRow, ContractSummaryRow])) });
export const ContractScorecardQuery = Type.Object({ period: Period, contract: Type.Optional(Id) });
export const ContractParams = Type.Object({ contract_id: Id });
export const ContractList = Type.Object({ items: Type.Array(Contract) });
export const ContractListQuery = Type.Object({ partner_id: Type.Optional(Id) });
export const ContractDetail = Type.Object({ contract: Contract, measures: Type.Array(Measure), years: Type.Array(Type.Integer()) });
export const CompareQuery = Type.Object({
  from: Type.Integer({ minimum: 1900, maximum: 9999 }),
  to: Type.Integer({ minimum: 1900, maximum: 9999 }),
});
export const MeasureChanges = Type.Object({ items: Type.Array(MeasureChange) });
export const RenewalList = Type.Object({ items: Type.Array(Type.Object({ ...Contract.properties, days_left: Type.Integer() })) });
export const RenewalQuery = Type.Object({ on: Type.Optional(DateString) });
export const TrendQuery = Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 9999 }) });
export const Trend = Type.Object({
  items: Type.Array(
    Type.Object({ period: Type.String(), summary: Nullable(ContractSummaryRow), measures: Type.Array(ContractMeasureRow) }),
  ),
});
export const MeasureQuery = Type.Object({ period: Period, measure_id: Id });
export const EquityQuery = Type.Object({ period: Period, measure_id: Id, by: Type.Enum(SEGMENTS) });
export const EquityRows = Type.Object({
  items: Type.Array(
    Type.Object({
      segment_value: Type.String(),
      members: Type.Integer(),
      numerator: Nullable(Type.Number()),
      denominator: Nullable(Type.Number()),
      value: Nullable(Type.Number()),
      achievement: Nullable(Type.Number()),
    }),
  ),
});
export const MeasureMembers = Type.Object({ items: Type.Array(Type.Object({ member_id: Type.String(), counted: Type.Boolean() })) });
export const Snapshots = Type.Object({
  items: Type.Array(
    Type.Object({
      touchpoint_id: Type.String(),
      contract_id: Type.String(),
      period: Type.String(),
      taken_at: Type.String(),
      rows: Type.Array(Type.Unknown()),
    }),
  ),
});
