import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.js';
import { principalOf } from '../../http/auth.plugin.js';
import { errorResponses } from '../../http/schemas.js';
import { convertToStars, starMeasureChoices } from '../stars/stars.service.js';
import { PartnerParams } from './partners.schema.js';
import { Playbook, PlaybookView, StarMeasureChoices, StarsAnswer, StarsQuery } from './playbook.schema.js';
import { getPlaybook, putPlaybook } from './playbook.service.js';

const tags = ['partners'];

export const playbookRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/partners/:partner_id/playbook',
    {
      config: { permission: 'playbooks:read' },
      schema: {
        tags,
        summary: "A partner's playbook and gap analysis, with its Medicare contracts' Star Ratings",
        params: PartnerParams,
        response: { 200: PlaybookView, ...errorResponses },
      },
    },
    async (request) => getPlaybook(db, request.params.partner_id, principalOf(request)),
  );

  app.put(
    '/api/partners/:partner_id/playbook',
    {
      config: { permission: 'partners:write' },
      schema: {
        tags,
        summary: "Replace a partner's playbook",
        params: PartnerParams,
        body: Playbook,
        response: { 200: PlaybookView, ...errorResponses },
      },
    },
    async (request) => putPlaybook(db, request.params.partner_id, request.body, principalOf(request)),
  );

  app.get(
    '/api/stars/measures',
    {
      config: { permission: 'partners:read' },
      schema: { tags, summary: 'Star measures with cut points', response: { 200: StarMeasureChoices, ...errorResponses } },
    },
    async () => ({ items: await starMeasureChoices(db) }),
  );

  app.get(
    '/api/stars/convert',
    {
      config: { permission: 'partners:read' },
      schema: {
        tags,
        summary: "The stars a value earns under a Star measure's cut points",
        querystring: StarsQuery,
        response: { 200: StarsAnswer, ...errorResponses },
      },
    },
    async (request) => convertToStars(db, request.query),
  );
};
