import type {} from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/connect.js';
import { principalOf, SESSION_COOKIE } from '../../http/auth.plugin.js';
import { errorResponses } from '../../http/schemas.js';
import {
  AuditList,
  AuditQuery,
  CsvText,
  LoginInput,
  Me,
  NewToken,
  NewUser,
  Ok,
  TokenCreated,
  TokenParams,
  UserList,
  UserRow,
} from './auth.schema.js';
import { queryAudit } from './audit.service.js';
import {
  authenticate,
  createApiToken,
  createSession,
  createUser,
  deleteSession,
  listUsers,
  revokeApiToken,
  SESSION_HOURS,
} from './users.service.js';

export const authRoutes: FastifyPluginAsyncTypebox<{ db: Db; secureCookies: boolean }> = async (app, { db, secureCookies }) => {
  app.post(
    '/api/auth/login',
    {
      config: { permission: 'public', rateLimit: { max: 10, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Sign in: sets an HttpOnly session cookie and returns the CSRF token for state-changing requests',
        body: LoginInput,
        response: { 200: Me, 401: errorResponses[400], 429: errorResponses[400], ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = await authenticate(db, request.body.email, request.body.password);
      const session = await createSession(db, principal);
      void reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookies,
        maxAge: SESSION_HOURS * 3600,
      });
      return {
        user: { user_id: principal.userId, email: principal.email, role: principal.role, partner_id: principal.partnerId },
        csrf_token: session.csrfToken,
      };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { permission: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the session',
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request, reply) => {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) await deleteSession(db, cookie);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/me',
    {
      // Public so that "not signed in" is an answer (user: null), not an error a browser logs.
      config: { permission: 'public' },
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in (user null when nobody), and the CSRF token of the session',
        response: { 200: Me, ...errorResponses },
      },
    },
    async (request) => {
      if (!request.principal) return { user: null, csrf_token: null };
      const p = request.principal;
      return { user: { user_id: p.userId, email: p.email, role: p.role, partner_id: p.partnerId }, csrf_token: p.csrfToken ?? null };
    },
  );

  app.post(
    '/api/auth/tokens',
    {
      config: { permission: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'Create an API token for yourself (shown once; stored hashed); it expires',
        body: NewToken,
        response: { 200: TokenCreated, ...errorResponses },
      },
    },
    async (request) => createApiToken(db, principalOf(request).userId, request.body.name, request.body.days),
  );

  app.post(
    '/api/auth/tokens/:token_id/revoke',
    {
      config: { permission: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token (yours; an admin may revoke any)',
        params: TokenParams,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await revokeApiToken(db, request.params.token_id, principalOf(request));
      return { ok: true };
    },
  );

  app.get(
    '/api/users',
    {
      config: { permission: 'users:manage' },
      schema: { tags: ['auth'], summary: 'List users', response: { 200: UserList, ...errorResponses } },
    },
    async () => ({ items: await listUsers(db) }),
  );

  app.post(
    '/api/users',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['auth'],
        summary: 'Create a user',
        body: NewUser,
        response: { 200: UserRow, ...errorResponses },
      },
    },
    async (request) =>
      createUser(db, {
        email: request.body.email,
        role: request.body.role,
        password: request.body.password,
        partnerId: request.body.partner_id ?? null,
      }),
  );

  app.get(
    '/api/audit',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['auth'],
        summary: "The audit trail: who read or changed which member's data, when, from where, how",
        querystring: AuditQuery,
        response: { 200: AuditList, ...errorResponses },
      },
    },
    async (request) => ({ items: await queryAudit(db, request.query) }),
  );

  app.get(
    '/api/audit/export',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['auth'],
        summary: 'The audit trail as CSV',
        querystring: AuditQuery,
        produces: ['text/csv'],
        response: { 200: CsvText, ...errorResponses },
      },
    },
    async (request, reply) => {
      const rows = await queryAudit(db, { ...request.query, limit: request.query.limit ?? 100000 });
      const csv = stringify(rows, { header: true, columns: ['at', 'actor', 'role', 'access', 'member_id', 'via', 'ip', 'audit_id'] });
      return reply.type('text/csv; charset=utf-8').header('Content-Disposition', 'attachment; filename="audit.csv"').send(csv);
    },
  );
};
