import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.js';
import { decodeCursor, toPage } from '../../http/cursor.js';
import { errorResponses } from '../../http/schemas.js';
import { MemberDetail, MemberPage, MemberParams, MemberQuery, MemberCursor } from './members.schema.js';
import { getMember, searchMembers } from './members.service.js';

export const memberRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/members',
    {
      config: { permission: 'members:read' },
      schema: {
        tags: ['members'],
        summary: 'Search members (member_id prefix and segment filters), cursor-paginated',
        querystring: MemberQuery,
        response: { 200: MemberPage, ...errorResponses },
      },
    },
    async (request) => {
      const { cursor, ...filters } = request.query;
      const page = toPage(await searchMembers(db, filters, decodeCursor(cursor, MemberCursor)?.after));
      await request.audit(
        'read',
        page.items.map((m) => m.member_id),
      );
      return page;
    },
  );

  app.get(
    '/api/members/:member_id',
    {
      config: { permission: 'members:read' },
      schema: {
        tags: ['members'],
        summary: "A member's record: coverage, programs, caseload, renewals and the timeline of actions and activity",
        params: MemberParams,
        response: { 200: MemberDetail, ...errorResponses },
      },
    },
    async (request) => {
      const member = await getMember(db, request.params.member_id);
      await request.audit('read', [member.member.member_id]);
      return member;
    },
  );
};
