import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.js';
import { decodeCursor, toPage } from '../../http/cursor.js';
import { errorResponses } from '../../http/schemas.js';
import {
  ActionDetail,
  ActionInput,
  ActionKey,
  ActionPage,
  ActionParams,
  ActionQuery,
  CorrectionInput,
  IdempotencyHeaders,
  RecordResult,
  VoidInput,
} from './actions.schema.js';
import { correctAction, getAction, listActions, recordAction, voidAction } from './actions.service.js';

export const actionRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const actor = (request: { principal: { email: string } | null }): string => request.principal?.email ?? 'unknown';
  const members = (detail: { action: { member_id: string | null }; corrections: { before: unknown }[] }): string[] =>
    [detail.action.member_id, ...detail.corrections.map((c) => (c.before as { member_id?: string | null }).member_id)].filter(
      (m): m is string => Boolean(m),
    );
  app.post(
    '/api/actions',
    {
      config: { permission: 'actions:write' },
      schema: {
        tags: ['actions'],
        summary: 'Record one plan action, validated exactly like an imported row (Idempotency-Key header required)',
        headers: IdempotencyHeaders,
        body: ActionInput,
        response: { 200: RecordResult, 201: RecordResult, ...errorResponses },
      },
    },
    async (request, reply) => {
      const result = await recordAction(db, request.body, request.headers['idempotency-key']);
      await request.audit('write', [request.body.member_id]);
      if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
      return reply.status(result.created ? 201 : 200).send(result.body);
    },
  );

  app.get(
    '/api/actions',
    {
      config: { permission: 'actions:read' },
      schema: {
        tags: ['actions'],
        summary: 'List actions, newest first, cursor-paginated',
        querystring: ActionQuery,
        response: { 200: ActionPage, ...errorResponses },
      },
    },
    async (request) => {
      const { cursor, ...query } = request.query;
      const page = toPage(await listActions(db, query, decodeCursor(cursor, ActionKey)));
      await request.audit(
        'read',
        page.items.flatMap((a) => (a.member_id ? [a.member_id] : [])),
      );
      return page;
    },
  );

  app.get(
    '/api/actions/:action_id',
    {
      config: { permission: 'actions:read' },
      schema: {
        tags: ['actions'],
        summary: 'One action and its corrections',
        params: ActionParams,
        response: { 200: ActionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const detail = await getAction(db, request.params.action_id);
      await request.audit('read', members(detail));
      return detail;
    },
  );

  app.post(
    '/api/actions/:action_id/corrections',
    {
      config: { permission: 'actions:write' },
      schema: {
        tags: ['actions'],
        summary: 'Correct an action: the change is validated like an import and recorded with its reason',
        params: ActionParams,
        body: CorrectionInput,
        response: { 200: ActionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const detail = await correctAction(db, request.params.action_id, request.body, actor(request));
      await request.audit('write', members(detail));
      return detail;
    },
  );

  app.post(
    '/api/actions/:action_id/void',
    {
      config: { permission: 'actions:write' },
      schema: {
        tags: ['actions'],
        summary: 'Void an action (it then counts nowhere); the void is recorded with its reason',
        params: ActionParams,
        body: VoidInput,
        response: { 200: ActionDetail, ...errorResponses },
      },
    },
    async (request) => {
      const detail = await voidAction(db, request.params.action_id, request.body.reason, actor(request));
      await request.audit('write', members(detail));
      return detail;
    },
  );
};
