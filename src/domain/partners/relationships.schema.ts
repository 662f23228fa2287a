// The schemas of relationship management (API validation, OpenAPI, web types): partner profiles,
// touchpoints, follow-ups and relationship health (SPEC.md §7.1, §7.4).
import { Type, type Static } from 'typebox';
import { DateString, HealthStatus, Id, Nullable, PartnerKind, TouchpointKind, TouchpointType } from '../common.schema.js';
import { Period } from '../scorecard/scorecard.schema.js';

const Text = Type.String({ maxLength: 4000 });
const Short = Type.String({ maxLength: 200 });
const Items = Type.Array(Type.String({ minLength: 1, maxLength: 64, pattern: '^[^;]*$' }), { maxItems: 100 });
const Cadence = Type.Integer({ minimum: 1, maximum: 3650 });

const profileFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: PartnerKind,
  counties: Items,
  services: Items,
  payer_mix: Nullable(Text),
  funding_sources: Items,
  funding_cycle: Nullable(Short),
  mission: Nullable(Text),
  strategic_alignment: Nullable(Text),
  success_measures: Nullable(Text),
  website: Nullable(Short),
  formal_cadence_days: Cadence,
  informal_cadence_days: Cadence,
  demographics: Nullable(Text),
  health_status: Nullable(Text),
  delivery_model: Nullable(Text),
  legal_requirements: Nullable(Text),
  viability: Nullable(Text),
};

export const Contact = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    title: Nullable(Short),
    email: Nullable(Type.String({ maxLength: 200, format: 'email' })),
    phone: Nullable(Type.String({ maxLength: 50 })),
  },
  { additionalProperties: false },
);
export type Contact = Static<typeof Contact>;
export const ContactsInput = Type.Object({ contacts: Type.Array(Contact, { maxItems: 50 }) }, { additionalProperties: false });
export const PartnerProfile = Type.Object({ partner_id: Type.String(), ...profileFields, contacts: Type.Array(Contact) });
export type PartnerProfile = Static<typeof PartnerProfile>;
export const ProfileInput = Type.Partial(Type.Object(profileFields), { additionalProperties: false, minProperties: 1 });
export type ProfileInput = Static<typeof ProfileInput>;

export const Touchpoint = Type.Object({
  touchpoint_id: Type.String(),
  partner_id: Type.String(),
  occurred_on: Type.String(),
  kind: TouchpointKind,
  type: TouchpointType,
  contract_id: Nullable(Type.String()),
  staff_ids: Type.Array(Type.String()),
  summary: Nullable(Type.String()),
  next_step: Nullable(Type.String()),
  /** The period of the contract scorecard kept with a scorecard review, if one was kept. */
  reviewed_period: Nullable(Type.String()),
});
export type Touchpoint = Static<typeof Touchpoint>;
export const TouchpointInput = Type.Object(
  {
    touchpoint_id: Type.Optional(Id),
    partner_id: Id,
    occurred_on: DateString,
    kind: TouchpointKind,
    type: TouchpointType,
    contract_id: Type.Optional(Nullable(Id)),
    staff_ids: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    summary: Type.Optional(Nullable(Text)),
    next_step: Type.Optional(Nullable(Text)),
    review_period: Type.Optional(Period),
  },
  { additionalProperties: false },
);
export type TouchpointInput = Static<typeof TouchpointInput>;

export const FollowUp = Type.Object({
  follow_up_id: Type.String(),
  partner_id: Type.String(),
  touchpoint_id: Nullable(Type.String()),
  title: Type.String(),
  owner_staff_id: Nullable(Type.String()),
  due_on: Type.String(),
  done_on: Nullable(Type.String()),
});
export type FollowUp = Static<typeof FollowUp>;
export const FollowUpInput = Type.Object(
  {
    follow_up_id: Type.Optional(Id),
    partner_id: Id,
    touchpoint_id: Type.Optional(Nullable(Id)),
    title: Type.String({ minLength: 1, maxLength: 400 }),
    owner_staff_id: Type.Optional(Nullable(Id)),
    due_on: DateString,
    done_on: Type.Optional(Nullable(DateString)),
  },
  { additionalProperties: false },
);
export type FollowUpInput = Static<typeof FollowUpInput>;

export const HealthRow = Type.Object({
  partner_id: Type.String(),
  on: Type.String(),
  days_since_formal: Nullable(Type.Integer()),
  days_since_informal: Nullable(Type.Integer()),
  overdue_follow_ups: Type.Integer(),
  status: HealthStatus,
  reasons: Type.Array(Type.String()),
});
export const HealthQuery = Type.Object({ on: Type.Optional(DateString) });
export const HealthList = Type.Object({ items: Type.Array(HealthRow) });
export const FollowUpQuery = Type.Object({ partner_id: Type.Optional(Id), open: Type.Optional(Type.Boolean()) });
export const FollowUpList = Type.Object({ items: Type.Array(FollowUp) });
export const TouchpointList = Type.Object({ items: Type.Array(Touchpoint) });
export const FollowUpParams = Type.Object({ follow_up_id: Id });
export const CompleteInput = Type.Object({ done_on: Type.Optional(DateString) }, { additionalProperties: false });
