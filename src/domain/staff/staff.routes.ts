import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/connect.js';
import { DateString, errorResponses, Nullable } from '../../http/schemas.js';
import { caseloads, listStaff } from './staff.service.js';
import { principalOf } from '../../http/auth.plugin.js';

const Staff = Type.Object({
  staff_id: Type.String(),
  name: Nullable(Type.String()),
  role: Type.String(),
  partner_id: Nullable(Type.String()),
  hired_on: Type.String(),
  left_on: Nullable(Type.String()),
});
const Status = Nullable(Type.Union([Type.Literal('below'), Type.Literal('within'), Type.Literal('above')]));
const Caseload = Type.Object({
  staff_id: Type.String(),
  name: Nullable(Type.String()),
  role: Type.String(),
  partner_id: Nullable(Type.String()),
  high_risk: Type.Integer(),
  low_risk: Type.Integer(),
  high_status: Status,
  low_status: Status,
});
const Range = Type.Object({ low: Type.Number(), high: Type.Number() });

export const staffRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/staff',
    {
      config: { permission: 'staff:read' },
      schema: {
        tags: ['staff'],
        summary: 'Staff of the plan and of its partners',
        querystring: Type.Object({
          role: Type.Optional(Type.String({ maxLength: 40 })),
          partner_id: Type.Optional(Type.String({ maxLength: 64 })),
          as_of: Type.Optional(DateString),
        }),
        response: { 200: Type.Object({ items: Type.Array(Staff) }), ...errorResponses },
      },
    },
    async (request) => listStaff(db, request.query, principalOf(request)),
  );

  app.get(
    '/api/caseloads',
    {
      config: { permission: 'caseloads:read' },
      schema: {
        tags: ['staff'],
        summary: 'Per staff member holding assignments: members by risk tier against the 20–50 / 250 benchmark',
        querystring: Type.Object({ as_of: Type.Optional(DateString) }),
        response: {
          200: Type.Object({ as_of: Type.String(), benchmark: Type.Object({ high: Range, low: Range }), items: Type.Array(Caseload) }),
          ...errorResponses,
        },
      },
    },
    async (request) => caseloads(db, request.query),
  );
};
