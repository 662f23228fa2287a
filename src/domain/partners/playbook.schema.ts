// A partner's playbook and gap analysis (seed 003): the market's players and what each can and
// cannot deliver, the outcomes their contracts require, our differentiator, what we want from
// the relationship, the CMS contracts to watch, and the gaps between what we assumed they need,
// what they said they want and what we offer — each worked as plan-do-study-act cycles.
import { Type, type Static } from 'typebox';
import { DateString, Id, Nullable } from '../common.schema.js';

const Text = Type.String({ maxLength: 4000 });
const Line = Type.String({ maxLength: 400 });

export const PDSA_STATUSES = ['plan', 'do', 'study', 'act', 'done'] as const;

export const Playbook = Type.Object(
  {
    market_players: Type.Array(
      Type.Object({ name: Line, role: Line, can_deliver: Text, cannot_deliver: Text }, { additionalProperties: false }),
      { maxItems: 50 },
    ),
    required_outcomes: Text,
    differentiator: Text,
    wants: Type.Object(
      { financial_requirements: Text, timelines: Text, outcomes_we_can_meet: Text, data_we_need: Text, financial_risk: Text },
      { additionalProperties: false },
    ),
    cms_contract_ids: Type.Array(Type.String({ pattern: '^[A-Z]\\d{4}$', description: 'a CMS contract number, e.g. H0028' }), {
      maxItems: 50,
    }),
    gaps: Type.Array(
      Type.Object({ gap_id: Id, assumed_need: Text, stated_want: Text, current_offer: Text, gap: Text }, { additionalProperties: false }),
      { maxItems: 100 },
    ),
    improvements: Type.Array(
      Type.Object(
        {
          item_id: Id,
          gap_id: Nullable(Id),
          title: Line,
          owner_staff_id: Nullable(Id),
          starts_on: Nullable(DateString),
          due_on: Nullable(DateString),
          status: Type.Enum(PDSA_STATUSES),
          learned: Text,
        },
        { additionalProperties: false },
      ),
      { maxItems: 200 },
    ),
  },
  { additionalProperties: false },
);
export type Playbook = Static<typeof Playbook>;

const StarMeasure = Type.Object({
  measure_code: Type.String(),
  measure_name: Type.String(),
  stars: Nullable(Type.Number()),
  value: Nullable(Type.Number()),
  percent: Type.Boolean(),
  raw: Nullable(Type.String()),
});
export const StarContract = Type.Object({
  contract_id: Type.String(),
  organization_type: Type.String(),
  contract_name: Type.String(),
  marketing_name: Type.String(),
  parent_organization: Type.String(),
  part_c_summary: Nullable(Type.Number()),
  part_d_summary: Nullable(Type.Number()),
  overall: Nullable(Type.Number()),
  note: Nullable(Type.String()),
  measures: Type.Array(StarMeasure),
});
export const PlaybookView = Type.Object({
  partner_id: Type.String(),
  playbook: Playbook,
  updated_at: Nullable(Type.String()),
  star_contracts: Type.Array(StarContract),
  /** Improvement items past their due date and not done. */
  overdue_improvements: Type.Integer(),
});
export const StarsQuery = Type.Object({
  measure_code: Type.String({ pattern: '^[CD]\\d{2}$' }),
  value: Type.Number(),
  org_type: Type.Optional(Type.String({ maxLength: 20 })),
});
export const StarsAnswer = Type.Object({
  measure_code: Type.String(),
  measure_name: Type.String(),
  org_type: Type.String(),
  value: Type.Number(),
  stars: Nullable(Type.Integer()),
});
export const StarMeasureChoices = Type.Object({
  items: Type.Array(Type.Object({ measure_code: Type.String(), measure_name: Type.String(), org_type: Type.String() })),
});
