import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/connect.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { errorResponses } from '../../http/schemas.js';
import {
  AssignmentInput,
  AssignmentResult,
  WorklistPage,
  WorklistParams,
  WorklistQuery,
  WorklistSummary,
  WorklistCursor,
} from './worklists.schema.js';
import { stringify } from 'csv-stringify/sync';
import { CsvText } from '../auth/auth.schema.js';
import { assignMembers, exportWorklist, runWorklist, worklistSummaries } from './worklists.service.js';
import { principalOf } from '../../http/auth.plugin.js';

export const worklistRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/worklists',
    {
      config: { permission: 'worklists:read' },
      schema: {
        tags: ['worklists'],
        summary: 'The worklists that turn a scorecard gap into the next action',
        response: { 200: Type.Object({ worklists: Type.Array(WorklistSummary) }) },
      },
    },
    async () => ({ worklists: worklistSummaries() }),
  );

  app.get(
    '/api/worklists/:worklist_id',
    {
      config: { permission: 'worklists:read' },
      schema: {
        tags: ['worklists'],
        summary: 'One worklist for a day (default today in the plan time zone), sorted and paginated; each entry says why it is there',
        params: WorklistParams,
        querystring: WorklistQuery,
        response: { 200: WorklistPage, ...errorResponses },
      },
    },
    async (request) => {
      const { cursor, ...query } = request.query;
      const { next, ...run } = await runWorklist(db, request.params.worklist_id, query, decodeCursor(cursor, WorklistCursor)?.offset);
      const page = { ...run, next_cursor: next ? encodeCursor(next) : null };
      await request.audit(
        'read',
        page.items.filter((i) => i.subject === 'member').map((i) => i.id),
      );
      return page;
    },
  );

  app.get(
    '/api/worklists/:worklist_id/export',
    {
      config: { permission: 'worklists:read' },
      schema: {
        tags: ['worklists'],
        summary: 'A whole worklist as CSV (up to 100,000 rows), with the same sort and filters as the page',
        params: WorklistParams,
        querystring: WorklistQuery,
        produces: ['text/csv'],
        response: { 200: CsvText, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { cursor: _cursor, limit: _limit, ...query } = request.query;
      const { run, rows } = await exportWorklist(db, request.params.worklist_id, query);
      await request.audit(
        'read',
        run.items.filter((i) => i.subject === 'member').map((i) => i.id),
        'worklist export',
      );
      const file = `${run.worklist.id}-${run.as_of}.csv`;
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${file}"`).send(stringify(rows));
    },
  );

  app.post(
    '/api/worklists/:worklist_id/assignments',
    {
      config: { permission: 'actions:write' },
      schema: {
        tags: ['worklists'],
        summary: 'Assign members of a worklist to a staff member to act on (staff_id null: unassign them)',
        params: WorklistParams,
        body: AssignmentInput,
        response: { 200: AssignmentResult, ...errorResponses },
      },
    },
    async (request) => {
      const { member_ids, staff_id } = request.body;
      const result = await assignMembers(db, request.params.worklist_id, member_ids, staff_id, principalOf(request).userId);
      await request.audit('write', member_ids, 'worklist assignment');
      return result;
    },
  );
};
