// Schemas shared by several route groups: problem details, pagination, nullable helpers.
import { Type, type TSchema } from 'typebox';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stable, machine-readable error code' }),
    detail: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ column: Type.String(), reason: Type.String() }))),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

/** The error responses every route can give, by status. */
export const errorResponses = {
  400: Problem,
  404: Problem,
  409: Problem,
  422: Problem,
} as const;

export const Limit = Type.Integer({ minimum: 1, maximum: 500, default: 50 });
export const Cursor = Type.String({ maxLength: 200, description: 'Opaque cursor from next_cursor' });
export const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const Id = Type.String({ minLength: 1, maxLength: 64 });

export const LineOfBusiness = Type.Enum(['medicaid', 'commercial', 'dual', 'medicare']);
export const RiskTier = Type.Union([Type.Literal('high'), Type.Literal('low')]);
