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
});

export const WorklistQuery = Type.Object({
  as_of: Type.Optional(DateString),
  attempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'not_reached: the attempts threshold (default 3)' })),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'renewal_due_no_guidance: the horizon in days (default 60)' })),
  sort: Type.Optional(Type.String({ maxLength: 40 })),
  order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')])),
  cursor: Type.Optional(Cursor),
  limit: Type.Optional(Limit),
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
    }),
  ),
  next_cursor: Nullable(Type.String()),
});

export const WorklistParams = Type.Object({ worklist_id: Type.String({ maxLength: 64 }) });
