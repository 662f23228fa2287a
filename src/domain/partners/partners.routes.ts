import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/connect.js';
import { errorResponses, Id, Nullable } from '../../http/schemas.js';
import { getPartner, listCampaigns, listPartners } from './partners.service.js';
import { principalOf } from '../../http/auth.plugin.js';

const PartnerKind = Type.Enum(['provider', 'community', 'public_health', 'payer', 'other']);
const Partner = Type.Object({ partner_id: Type.String(), name: Type.String(), kind: Type.String() });
const Campaign = Type.Object({
  campaign_id: Type.String(),
  name: Type.String(),
  starts_on: Type.String(),
  ends_on: Nullable(Type.String()),
  partner_ids: Type.Array(Type.String()),
});
const Staff = Type.Object({
  staff_id: Type.String(),
  name: Nullable(Type.String()),
  role: Type.String(),
  partner_id: Nullable(Type.String()),
  hired_on: Type.String(),
  left_on: Nullable(Type.String()),
});

export const partnerRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/partners',
    {
      config: { permission: 'partners:read' },
      schema: {
        tags: ['partners'],
        summary: 'Provider organizations, community partners, public health and payers',
        querystring: Type.Object({ kind: Type.Optional(PartnerKind) }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ ...Partner.properties, staff_count: Type.Integer(), campaign_count: Type.Integer() })),
          }),
          ...errorResponses,
        },
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
        params: Type.Object({ partner_id: Id }),
        response: {
          200: Type.Object({
            partner: Partner,
            staff: Type.Array(Staff),
            campaigns: Type.Array(Campaign),
            actions_by_type: Type.Array(Type.Object({ action_type: Type.String(), actions: Type.Integer() })),
          }),
          ...errorResponses,
        },
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
        response: {
          200: Type.Object({
            items: Type.Array(Type.Object({ ...Campaign.properties, community: Type.Boolean(), touches: Type.Integer() })),
          }),
        },
      },
    },
    async (request) => listCampaigns(db, principalOf(request)),
  );
};
