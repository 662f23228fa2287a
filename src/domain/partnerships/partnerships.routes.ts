// The partnership workspace's routes. Every write answers with the whole workspace as it now
// stands, so a screen redraws from one answer. Items are written whole with PUT at their own id;
// decisions are only ever added (POST), never rewritten.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';
import type { Db } from '../../db/connect.js';
import { principalOf } from '../../http/auth.plugin.js';
import { errorResponses } from '../../http/schemas.js';
import type { Permission, Principal } from '../auth/permissions.js';
import { recordDecision } from './partnership-decisions.service.js';
import { putActivity, putPhase } from './partnership-plan.service.js';
import { putMeasure, putResult } from './partnership-results.service.js';
import {
  ActivityInput,
  CommitmentInput,
  DecisionInput,
  DisagreementInput,
  EngagementInput,
  ItemParams,
  MeasureInput,
  MemberInput,
  PartnershipInput,
  PartnershipList,
  PartnershipParams,
  PhaseInput,
  ResultInput,
  ResultParams,
  RoleInput,
  Workspace,
} from './partnerships.schema.js';
import {
  getWorkspace,
  listPartnershipSummaries,
  putCommitment,
  putDisagreement,
  putEngagement,
  putMember,
  putPartnership,
  putRole,
} from './partnerships.service.js';

const tags = ['partnerships'];

type ItemWriter = (db: Db, partnershipId: string, itemId: string, body: never, actor: Principal) => Promise<void>;

/** The items written whole at their own id: path segment, body schema, who may write, the writer. */
const ITEMS: [string, TSchema, Permission, ItemWriter, string][] = [
  ['members', MemberInput, 'partnerships:write', putMember, 'Add or change a member organization (or a prospect in the pipeline)'],
  ['roles', RoleInput, 'partnerships:write', putRole, 'Name a facilitator, project manager or sponsor'],
  ['commitments', CommitmentInput, 'partnerships:contribute', putCommitment, "Record or change an organization's commitment"],
  ['disagreements', DisagreementInput, 'partnerships:write', putDisagreement, 'Document a disagreement and how the partnership proceeds'],
  ['phases', PhaseInput, 'partnerships:write', putPhase, 'Add or change a phase of the multi-year plan'],
  ['activities', ActivityInput, 'partnerships:write', putActivity, 'Add or change an activity or milestone of the plan'],
  ['measures', MeasureInput, 'partnerships:write', putMeasure, 'Add or change a measure (population, partnership or organization)'],
  ['engagements', EngagementInput, 'partnerships:write', putEngagement, 'Record a community engagement meeting'],
];

export const partnershipRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const read = { permission: 'partnerships:read' } as const;

  app.get(
    '/api/partnerships',
    {
      config: read,
      schema: { tags, summary: 'Partnerships, with what needs attention in each', response: { 200: PartnershipList, ...errorResponses } },
    },
    async (request) => ({ items: await listPartnershipSummaries(db, principalOf(request)) }),
  );

  app.get(
    '/api/partnerships/:partnership_id',
    {
      config: read,
      schema: {
        tags,
        summary: "A partnership's workspace: charter, members, plan, decisions, measures",
        params: PartnershipParams,
        response: { 200: Workspace, ...errorResponses },
      },
    },
    async (request) => getWorkspace(db, request.params.partnership_id, principalOf(request)),
  );

  app.put(
    '/api/partnerships/:partnership_id',
    {
      config: { permission: 'partnerships:write' },
      schema: {
        tags,
        summary: 'Create a partnership or change its charter (scope changes only through a decision)',
        params: PartnershipParams,
        body: PartnershipInput,
        response: { 200: Workspace, ...errorResponses },
      },
    },
    async (request) => {
      await putPartnership(db, request.params.partnership_id, request.body, principalOf(request));
      return getWorkspace(db, request.params.partnership_id, principalOf(request));
    },
  );

  for (const [segment, body, permission, write, summary] of ITEMS) {
    app.put(
      `/api/partnerships/:partnership_id/${segment}/:item_id`,
      { config: { permission }, schema: { tags, summary, params: ItemParams, body, response: { 200: Workspace, ...errorResponses } } },
      async (request) => {
        const { partnership_id, item_id } = request.params as { partnership_id: string; item_id: string };
        await write(db, partnership_id, item_id, request.body as never, principalOf(request));
        return getWorkspace(db, partnership_id, principalOf(request));
      },
    );
  }

  app.post(
    '/api/partnerships/:partnership_id/decisions',
    {
      config: { permission: 'partnerships:write' },
      schema: {
        tags,
        summary: 'Record a decision, with any scope change and its follow-up actions',
        params: PartnershipParams,
        body: DecisionInput,
        response: { 201: Workspace, ...errorResponses },
      },
    },
    async (request, reply) => {
      const decisionId = `D-${randomUUID().slice(0, 8)}`;
      reply.code(201);
      await recordDecision(db, request.params.partnership_id, decisionId, request.body, principalOf(request));
      return getWorkspace(db, request.params.partnership_id, principalOf(request));
    },
  );

  app.put(
    '/api/partnerships/:partnership_id/measures/:measure_id/results/:period',
    {
      config: { permission: 'partnerships:contribute' },
      schema: {
        tags,
        summary: "Enter a measure's result for a period of its cycle",
        params: ResultParams,
        body: ResultInput,
        response: { 200: Workspace, ...errorResponses },
      },
    },
    async (request) => {
      const { partnership_id, measure_id, period } = request.params;
      await putResult(db, partnership_id, measure_id, period, request.body, principalOf(request));
      return getWorkspace(db, partnership_id, principalOf(request));
    },
  );
};
