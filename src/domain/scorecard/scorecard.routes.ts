import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.js';
import { errorResponses } from '../../http/schemas.js';
import { metricCatalog, scorecardHistory, scorecardTrend } from './scorecard-trend.service.js';
import {
  HistoryQuery,
  HistoryResponse,
  MetricCatalog,
  MetricMembersQuery,
  MetricMembersResponse,
  ScorecardQuery,
  ScorecardResponse,
  TrendQuery,
  TrendResponse,
} from './scorecard.schema.js';
import { computeScorecard, type ScorecardRow } from './scorecard.service.js';
import { toCsv } from './scorecard.format.js';
import { CsvText } from '../auth/auth.schema.js';
import { visibleTo } from './disclosure.service.js';
import { metricMembers } from './metric-members.service.js';
import { principalOf } from '../../http/auth.plugin.js';

export const scorecardRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/scorecard',
    {
      config: { permission: 'scorecard:read' },
      schema: {
        tags: ['scorecard'],
        summary: 'The Diplomacy Scorecard rows for a period, whole plan or by a segment',
        querystring: ScorecardQuery,
        response: { 200: ScorecardResponse, ...errorResponses },
      },
    },
    async (request) => {
      const rows = await computeScorecard(db, { period: request.query.period, by: request.query.by ?? null });
      return {
        period: request.query.period.toUpperCase(),
        segment: request.query.by ?? 'all',
        rows: await visibleTo(db, principalOf(request), rows),
      };
    },
  );

  app.get(
    '/api/scorecard/export',
    {
      config: { permission: 'scorecard:read' },
      schema: {
        tags: ['scorecard'],
        summary: 'The scorecard rows of a period as CSV, in the columns of SPEC.md §5 (what a partner sees, suppressed alike)',
        querystring: ScorecardQuery,
        produces: ['text/csv'],
        response: { 200: CsvText, ...errorResponses },
      },
    },
    async (request, reply) => {
      const rows = await visibleTo(
        db,
        principalOf(request),
        await computeScorecard(db, { period: request.query.period, by: request.query.by ?? null }),
      );
      const file = `scorecard-${request.query.period.toUpperCase()}${request.query.by ? `-by-${request.query.by}` : ''}.csv`;
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${file}"`)
        .send(toCsv(rows as ScorecardRow[])); // a suppressed count is written as the word, like the JSON
    },
  );

  app.get(
    '/api/scorecard/trend',
    {
      config: { permission: 'scorecard:read' },
      schema: {
        tags: ['scorecard'],
        summary: 'One metric over the N periods ending with the given one',
        querystring: TrendQuery,
        response: { 200: TrendResponse, ...errorResponses },
      },
    },
    async (request) => {
      const trend = await scorecardTrend(db, request.query);
      return { ...trend, points: await visibleTo(db, principalOf(request), trend.points) };
    },
  );

  app.get(
    '/api/scorecard/history',
    {
      config: { permission: 'scorecard:read' },
      schema: {
        tags: ['scorecard'],
        summary: 'All scorecard rows for the N periods ending with the given one',
        querystring: HistoryQuery,
        response: { 200: HistoryResponse, ...errorResponses },
      },
    },
    async (request) => {
      const history = await scorecardHistory(db, request.query);
      return { ...history, rows: await visibleTo(db, principalOf(request), history.rows) };
    },
  );

  app.get(
    '/api/scorecard/members',
    {
      config: { permission: 'members:read' },
      schema: {
        tags: ['scorecard'],
        summary: 'The members behind a number: by default those a rate counts and its numerator does not yet',
        querystring: MetricMembersQuery,
        response: { 200: MetricMembersResponse, ...errorResponses },
      },
    },
    async (request) => {
      const found = await metricMembers(db, request.query);
      await request.audit(
        'read',
        found.items.map((m) => m.member_id),
      );
      return found;
    },
  );

  app.get(
    '/api/metrics',
    {
      config: { permission: 'scorecard:read' },
      schema: { tags: ['scorecard'], summary: 'The metric catalog: definitions and research benchmarks', response: { 200: MetricCatalog } },
    },
    async () => ({ metrics: metricCatalog() }),
  );
};
