import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.js';
import { principalOf } from '../../http/auth.plugin.js';
import { errorResponses } from '../../http/schemas.js';
import { PartnerParams } from './partners.schema.js';
import {
  CompleteInput,
  ContactsInput,
  FollowUp,
  FollowUpInput,
  FollowUpList,
  FollowUpParams,
  FollowUpQuery,
  HealthList,
  HealthQuery,
  PartnerProfile,
  ProfileInput,
  Touchpoint,
  TouchpointInput,
  TouchpointList,
} from './relationships.schema.js';
import {
  completeFollowUp,
  getProfile,
  listFollowUps,
  listTouchpoints,
  partnersHealth,
  recordFollowUp,
  recordTouchpoint,
  relationshipsNeedingAttention,
  updateContacts,
  updateProfile,
} from './relationships.service.js';

const tags = ['partners'];

export const relationshipRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const read = { permission: 'partners:read' } as const;
  const write = { permission: 'partners:write' } as const;

  app.get(
    '/api/partners/health',
    {
      config: read,
      schema: {
        tags,
        summary: 'Relationship health of every partner on a date (SPEC 7.4)',
        querystring: HealthQuery,
        response: { 200: HealthList, ...errorResponses },
      },
    },
    async (request) => ({ items: await partnersHealth(db, request.query, principalOf(request)) }),
  );

  app.get(
    '/api/worklists/relationships',
    {
      config: read,
      schema: {
        tags,
        summary: 'Relationships that need attention, worst first, with the reasons',
        querystring: HealthQuery,
        response: { 200: HealthList, ...errorResponses },
      },
    },
    async (request) => ({ items: await relationshipsNeedingAttention(db, request.query, principalOf(request)) }),
  );

  app.get(
    '/api/partners/:partner_id/profile',
    {
      config: read,
      schema: {
        tags,
        summary: "A partner's take-stock profile",
        params: PartnerParams,
        response: { 200: PartnerProfile, ...errorResponses },
      },
    },
    async (request) => getProfile(db, request.params.partner_id, principalOf(request)),
  );

  app.patch(
    '/api/partners/:partner_id/profile',
    {
      config: write,
      schema: {
        tags,
        summary: "Change fields of a partner's profile",
        params: PartnerParams,
        body: ProfileInput,
        response: { 200: PartnerProfile, ...errorResponses },
      },
    },
    async (request) => updateProfile(db, request.params.partner_id, request.body, principalOf(request)),
  );

  app.put(
    '/api/partners/:partner_id/contacts',
    {
      config: write,
      schema: {
        tags,
        summary: "Replace a partner's contacts",
        params: PartnerParams,
        body: ContactsInput,
        response: { 200: PartnerProfile, ...errorResponses },
      },
    },
    async (request) => updateContacts(db, request.params.partner_id, request.body.contacts, principalOf(request)),
  );

  app.get(
    '/api/partners/:partner_id/touchpoints',
    {
      config: read,
      schema: {
        tags,
        summary: 'Touchpoints with a partner, newest first',
        params: PartnerParams,
        response: { 200: TouchpointList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listTouchpoints(db, request.params.partner_id, principalOf(request)) }),
  );

  app.post(
    '/api/touchpoints',
    {
      config: write,
      schema: {
        tags,
        summary: 'Record a formal or informal touchpoint; a scorecard review keeps the contract scorecard as it stands',
        body: TouchpointInput,
        response: { 201: Touchpoint, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await recordTouchpoint(db, request.body, principalOf(request))),
  );

  app.get(
    '/api/follow-ups',
    {
      config: read,
      schema: { tags, summary: 'Follow-ups, by due date', querystring: FollowUpQuery, response: { 200: FollowUpList, ...errorResponses } },
    },
    async (request) => ({
      items: await listFollowUps(db, { partnerId: request.query.partner_id, open: request.query.open }, principalOf(request)),
    }),
  );

  app.post(
    '/api/follow-ups',
    {
      config: write,
      schema: {
        tags,
        summary: 'Record a follow-up with an owner and a due date',
        body: FollowUpInput,
        response: { 201: FollowUp, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await recordFollowUp(db, request.body, principalOf(request))),
  );

  app.post(
    '/api/follow-ups/:follow_up_id/done',
    {
      config: write,
      schema: {
        tags,
        summary: 'Mark a follow-up done (today by default)',
        params: FollowUpParams,
        body: CompleteInput,
        response: { 200: FollowUp, ...errorResponses },
      },
    },
    async (request) => completeFollowUp(db, request.params.follow_up_id, request.body.done_on, principalOf(request)),
  );
};
