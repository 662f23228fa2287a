import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.js';
import { errorResponses } from '../../http/schemas.js';
import { ActionDetail, ActionInput, ActionPage, ActionParams, ActionQuery, CorrectionInput, IdempotencyHeaders, RecordResult, VoidInput } from './actions.schema.js';
import { correctAction, getAction, listActions, recordAction, voidAction } from './actions.service.js';

export const actionRoutes: FastifyPluginAsyncTypebox<{ db: Db; actor: (request: { headers: Record<string, unknown> }) => string }> = async (app, { db, actor }) => {
  app.post('/api/actions', {
    schema: {
      tags: ['actions'],
      summary: 'Record one plan action, validated exactly like an imported row (Idempotency-Key header required)',
      headers: IdempotencyHeaders,
      body: ActionInput,
      response: { 200: RecordResult, 201: RecordResult, ...errorResponses },
    },
  }, async (request, reply) => {
    const result = await recordAction(db, request.body, request.headers['idempotency-key']);
    if (result.replayed) void reply.header('Idempotent-Replayed', 'true');
    return reply.status(result.status).send(result.body);
  });

  app.get('/api/actions', {
    schema: { tags: ['actions'], summary: 'List actions, newest first, cursor-paginated', querystring: ActionQuery, response: { 200: ActionPage, ...errorResponses } },
  }, async (request) => listActions(db, request.query));

  app.get('/api/actions/:action_id', {
    schema: { tags: ['actions'], summary: 'One action and its corrections', params: ActionParams, response: { 200: ActionDetail, ...errorResponses } },
  }, async (request) => getAction(db, request.params.action_id));

  app.post('/api/actions/:action_id/corrections', {
    schema: {
      tags: ['actions'],
      summary: 'Correct an action: the change is validated like an import and recorded with its reason',
      params: ActionParams,
      body: CorrectionInput,
      response: { 200: ActionDetail, ...errorResponses },
    },
  }, async (request) => correctAction(db, request.params.action_id, request.body, actor(request)));

  app.post('/api/actions/:action_id/void', {
    schema: {
      tags: ['actions'],
      summary: 'Void an action (it then counts nowhere); the void is recorded with its reason',
      params: ActionParams,
      body: VoidInput,
      response: { 200: ActionDetail, ...errorResponses },
    },
  }, async (request) => voidAction(db, request.params.action_id, request.body.reason, actor(request)));
};
