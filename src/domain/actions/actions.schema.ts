import { Type, type Static } from 'typebox';
import { ActionType, Channel, Cursor, DateString, Id, Limit, Nullable, Outcome } from '../common.schema.js';

/** The same fields as a row of actions.csv; the importer's rules validate it. */
export const ActionInput = Type.Object(
  {
    action_id: Type.Optional(Id),
    member_id: Id,
    action_type: ActionType,
    occurred_at: Type.String({ maxLength: 40, description: 'ISO 8601; without an offset, in the plan time zone' }),
    staff_id: Type.Optional(Nullable(Id)),
    channel: Type.Optional(Nullable(Channel)),
    outcome: Type.Optional(Nullable(Outcome)),
    personalized: Type.Optional(Type.Boolean()),
    campaign_id: Type.Optional(Nullable(Id)),
    partner_id: Type.Optional(Nullable(Id)),
    minutes: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 2147483647 }))),
  },
  { additionalProperties: false },
);
export type ActionInput = Static<typeof ActionInput>;

export const Action = Type.Object(
  {
    action_id: Type.String(),
    member_id: Nullable(Type.String()),
    action_type: Type.String(),
    occurred_at: Type.String({ format: 'date-time' }),
    staff_id: Nullable(Type.String()),
    channel: Nullable(Type.String()),
    outcome: Nullable(Type.String()),
    personalized: Type.Boolean(),
    campaign_id: Nullable(Type.String()),
    partner_id: Nullable(Type.String()),
    minutes: Nullable(Type.Integer()),
    voided_at: Nullable(Type.String({ format: 'date-time' })),
  },
  { $id: 'Action' },
);
export type Action = Static<typeof Action>;

export const RecordResult = Type.Object({
  outcome: Type.Union([Type.Literal('accepted'), Type.Literal('duplicate')]),
  action: Action,
});

export const ActionQuery = Type.Object({
  member_id: Type.Optional(Id),
  action_type: Type.Optional(ActionType),
  staff_id: Type.Optional(Id),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  include_voided: Type.Optional(Type.Boolean({ default: false })),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
});
export type ActionQuery = Static<typeof ActionQuery>;

/** Where a page of actions ends: the last (occurred_at, action_id). */
/** Where a page of actions ends: the last (occurred_at, action_id), the next cursor's content. */
export const ActionKey = Type.Object(
  { t: Type.String({ format: 'date-time', maxLength: 40 }), id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
export type ActionKey = Static<typeof ActionKey>;

export const ActionPage = Type.Object({ items: Type.Array(Action), next_cursor: Nullable(Type.String()) });

export const Correction = Type.Object({
  correction_id: Type.String(),
  kind: Type.Union([Type.Literal('correct'), Type.Literal('void')]),
  before: Type.Unknown(),
  after: Type.Unknown(),
  reason: Type.String(),
  corrected_at: Type.String({ format: 'date-time' }),
  corrected_by: Type.String(),
});

export const ActionDetail = Type.Object({ action: Action, corrections: Type.Array(Correction) });
export type ActionDetail = Static<typeof ActionDetail>;

export const CorrectionInput = Type.Object(
  {
    changes: Type.Partial(Type.Omit(ActionInput, ['action_id']), { minProperties: 1, additionalProperties: false }),
    reason: Type.String({ minLength: 3, maxLength: 500 }),
  },
  { additionalProperties: false },
);
export type CorrectionInput = Static<typeof CorrectionInput>;

export const VoidInput = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 500 }) }, { additionalProperties: false });

export const ActionParams = Type.Object({ action_id: Id });
export const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 200 })) });
