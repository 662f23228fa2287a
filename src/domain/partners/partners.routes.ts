import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.js';
import { principalOf } from '../../http/auth.plugin.js';
import { errorResponses } from '../../http/schemas.js';
import { CampaignList, PartnerDetail, PartnerList, PartnerParams, PartnerQuery } from './partners.schema.js';
import { getPartner, listCampaigns, listPartners } from './partners.service.js';

export const partnerRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/partners',
    {
      config: { permission: 'partners:read' },
      schema: {
        tags: ['partners'],
        summary: 'Provider organizations, community partners, public health and payers',
        querystring: PartnerQuery,
        response: { 200: PartnerList, ...errorResponses },
      },
    },
    async (request) => listPartners(db, request.query, principalOf(request)),
  );

  app.get(
    '/api/partners/:partner_id',
    {
      config: { permission: 'partners:read' },
      schema: {
        tags: ['partners'],
        summary: 'A partner: its staff, campaigns and the plan actions that run through it',
        params: PartnerParams,
        response: { 200: PartnerDetail, ...errorResponses },
      },
    },
    async (request) => getPartner(db, request.params.partner_id, principalOf(request)),
  );

  app.get(
    '/api/campaigns',
    {
      config: { permission: 'partners:read' },
      schema: {
        tags: ['partners'],
        summary: 'Campaigns, whether a community or public-health partner is involved, and their touches',
        response: { 200: CampaignList },
      },
    },
    async (request) => listCampaigns(db, principalOf(request)),
  );
};
