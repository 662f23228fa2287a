import { Type } from 'typebox';
import { Cursor, DateString, Limit, Nullable } from '../common.schema.js';

export const WorklistSummary = Type.Object({
  id: Type.String(),
  title: Type.String(),
  description: Type.String(),
  subject: Type.String(),
  metric: Type.String(),
  columns: Type.Array(Type.String()),
  sorts: Type.Array(Type.String()),
  filters: Type.Array(Type.String(), { description: 'The query parameters this list can be filtered by' }),
  cleared_by: Nullable(
    Type.Object(
      { action_types: Type.Array(Type.String()), successful_only: Type.Boolean(), text: Type.String() },
      { description: 'What takes a member off the list: one of these action types (with a successful outcome, if so marked)' },
    ),
  ),
});

export const WorklistQuery = Type.Object({
  as_of: Type.Optional(DateString),
  attempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'not_reached: the attempts threshold (default 3)' })),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'renewal_due_no_guidance: the horizon in days (default 60)' })),
  sort: Type.Optional(Type.String({ maxLength: 40 })),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
  line_of_business: Type.Optional(Type.String({ maxLength: 40 })),
  county: Type.Optional(Type.String({ maxLength: 100 })),
  language: Type.Optional(Type.String({ maxLength: 40 })),
  assigned_to: Type.Optional(Type.String({ maxLength: 64, description: "Member lists: a staff id, or 'nobody'" })),
});

/** The content of a worklist's next cursor. */
export const WorklistCursor = Type.Object(
  { offset: Type.Integer({ minimum: 0, maximum: 1_000_000_000 }) },
  { additionalProperties: false },
);
export const WorklistPage = Type.Object({
  worklist: WorklistSummary,
  as_of: Type.String(),
  sort: Type.String(),
  order: Type.String(),
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      subject: Type.String(),
      id: Type.String(),
      reason: Type.String(),
      details: Type.Record(Type.String(), Nullable(Type.Union([Type.String(), Type.Number()]))),
      assigned_to: Nullable(Type.Object({ staff_id: Type.String(), name: Type.String() })),
      contact: Nullable(Type.Object({ phone: Nullable(Type.String()), email: Nullable(Type.String()) })),
      priority: Nullable(
        Type.Object(
          { score: Type.Integer(), reasons: Type.String() },
          {
            description:
              'Who to call first: high risk 3, never contacted 3 (last attempt 90+ days ago 2, 30+ 1), renewal within 60 days 2, care management without an HRA call this year 1',
          },
        ),
      ),
    }),
  ),
  next_cursor: Nullable(Type.String()),
});

export const WorklistParams = Type.Object({ worklist_id: Type.String({ maxLength: 64 }) });

export const AssignmentInput = Type.Object({
  member_ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 500 }),
  staff_id: Nullable(Type.String({ minLength: 1, maxLength: 64, description: 'null: unassign' })),
});
export const AssignmentResult = Type.Object({ assigned: Type.Integer() });
