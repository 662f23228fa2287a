import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.js';
import { principalOf } from '../../http/auth.plugin.js';
import { errorResponses } from '../../http/schemas.js';
import { SavedViewList, ViewInput, ViewParams } from './views.schema.js';
import { listViews, removeView, saveView } from './views.service.js';

export const viewRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const self = { permission: 'self' } as const;
  const tags = ['views'];
  app.get(
    '/api/views',
    { config: self, schema: { tags, summary: 'Your saved views', response: { 200: SavedViewList, ...errorResponses } } },
    async (request) => listViews(db, principalOf(request)),
  );
  app.post(
    '/api/views',
    {
      config: self,
      schema: {
        tags,
        summary: 'Save a view (a page with its query), replacing yours of the same name',
        body: ViewInput,
        response: { 200: SavedViewList, ...errorResponses },
      },
    },
    async (request) => saveView(db, principalOf(request), request.body),
  );
  app.delete(
    '/api/views/:name',
    {
      config: self,
      schema: { tags, summary: 'Delete one of your saved views', params: ViewParams, response: { 200: SavedViewList, ...errorResponses } },
    },
    async (request) => removeView(db, principalOf(request), request.params.name),
  );
};
