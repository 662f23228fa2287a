import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.js';
import { errorResponses } from '../../http/schemas.js';
import { MemberDetail, MemberPage, MemberParams, MemberQuery } from './members.schema.js';
import { getMember, searchMembers } from './members.service.js';

export const memberRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get('/api/members', {
    schema: {
      tags: ['members'],
      summary: 'Search members (member_id prefix and segment filters), cursor-paginated',
      querystring: MemberQuery,
      response: { 200: MemberPage, ...errorResponses },
    },
  }, async (request) => searchMembers(db, request.query));

  app.get('/api/members/:member_id', {
    schema: {
      tags: ['members'],
      summary: "A member's record: coverage, programs, caseload, renewals and the timeline of actions and activity",
      params: MemberParams,
      response: { 200: MemberDetail, ...errorResponses },
    },
  }, async (request) => getMember(db, request.params.member_id));
};
