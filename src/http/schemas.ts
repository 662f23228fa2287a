// The HTTP side of every route: problem details and the error responses routes declare.
import { Type } from 'typebox';

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
