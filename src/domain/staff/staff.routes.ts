import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.js';
import { principalOf } from '../../http/auth.plugin.js';
import { errorResponses } from '../../http/schemas.js';
import { CaseloadQuery, CaseloadReport, StaffList, StaffQuery } from './staff.schema.js';
import { caseloads, listStaff } from './staff.service.js';

export const staffRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/staff',
    {
      config: { permission: 'staff:read' },
      schema: {
        tags: ['staff'],
        summary: 'Staff of the plan and of its partners',
        querystring: StaffQuery,
        response: { 200: StaffList, ...errorResponses },
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
        summary: 'Per staff member holding assignments: members by risk tier against the research benchmark',
        querystring: CaseloadQuery,
        response: { 200: CaseloadReport, ...errorResponses },
      },
    },
    async (request) => caseloads(db, request.query),
  );
};
