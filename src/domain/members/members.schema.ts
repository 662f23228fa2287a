import { Type, type Static } from 'typebox';
import { Cursor, DateString, Id, Limit, LineOfBusiness, Nullable, Product, RiskTier } from '../common.schema.js';

export const MemberQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 64, description: 'member_id prefix' })),
  line_of_business: Type.Optional(LineOfBusiness),
  product: Type.Optional(Product),
  risk_tier: Type.Optional(RiskTier),
  county: Type.Optional(Type.String({ maxLength: 100 })),
  language: Type.Optional(Type.String({ maxLength: 100 })),
  race: Type.Optional(Type.String({ maxLength: 100 })),
  ethnicity: Type.Optional(Type.String({ maxLength: 100 })),
  sex: Type.Optional(Type.String({ maxLength: 100 })),
  enrolled_on: Type.Optional(DateString),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});
export type MemberQuery = Static<typeof MemberQuery>;

/** What segments a member: shared by the search results and the member's record. */
const memberAttributes = {
  member_id: Type.String(),
  birth_date: Nullable(Type.String()),
  sex: Nullable(Type.String()),
  race: Nullable(Type.String()),
  ethnicity: Nullable(Type.String()),
  language: Nullable(Type.String()),
  county: Nullable(Type.String()),
  risk_tier: Type.String(),
};

export const MemberSummary = Type.Object({
  ...memberAttributes,
  line_of_business: Nullable(Type.String()),
  product: Nullable(Type.String()),
  enrolled_from: Nullable(Type.String()),
  enrolled_to: Nullable(Type.String()),
});

export const MemberPage = Type.Object({ items: Type.Array(MemberSummary), next_cursor: Nullable(Type.String()) });

const TimelineEntry = Type.Object({
  kind: Type.Union([Type.Literal('action'), Type.Literal('activity')]),
  id: Nullable(Type.String()),
  type: Type.String(),
  occurred_at: Type.String({ format: 'date-time' }),
  staff_id: Nullable(Type.String()),
  staff_name: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  personalized: Nullable(Type.Boolean()),
  campaign_id: Nullable(Type.String()),
  minutes: Nullable(Type.Integer()),
  voided: Type.Boolean(),
});

export const MemberDetail = Type.Object({
  member: Type.Object({
    ...memberAttributes,
    zip: Nullable(Type.String()),
    pcp_id: Nullable(Type.String()),
    pcp_assignment: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    email: Nullable(Type.String()),
  }),
  enrollments: Type.Array(
    Type.Object({
      line_of_business: Type.String(),
      product: Type.String(),
      enrolled_from: Type.String(),
      enrolled_to: Nullable(Type.String()),
    }),
  ),
  care_programs: Type.Array(Type.Object({ program: Type.String(), enrolled_on: Type.String(), disenrolled_on: Nullable(Type.String()) })),
  caseload: Type.Array(
    Type.Object({
      staff_id: Type.String(),
      staff_name: Nullable(Type.String()),
      staff_role: Nullable(Type.String()),
      assigned_on: Type.String(),
      unassigned_on: Nullable(Type.String()),
    }),
  ),
  renewals: Type.Array(Type.Object({ due_on: Type.String() })),
  timeline: Type.Array(TimelineEntry),
});
export type MemberDetail = Static<typeof MemberDetail>;

export const MemberParams = Type.Object({ member_id: Id });

/** The content of a member search's next cursor. */
export const MemberCursor = Type.Object({ after: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
