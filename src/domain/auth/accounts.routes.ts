import type {} from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.js';
import { principalOf, SESSION_COOKIE } from '../../http/auth.plugin.js';
import { errorResponses } from '../../http/schemas.js';
import { changeOwnPassword, listApiTokens, resetPassword, setUserDisabled } from './accounts.service.js';
import { Ok, PasswordChange, PasswordReset, TokenList, UserParams } from './auth.schema.js';

export const accountRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/auth/tokens',
    {
      config: { permission: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'Your API tokens (an admin sees everyone’s): name, owner, dates and state, never the secret',
        response: { 200: TokenList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listApiTokens(db, principalOf(request)) }),
  );

  app.post(
    '/api/auth/password',
    {
      config: { permission: 'self' },
      schema: {
        tags: ['auth'],
        summary: 'Change your password (give the current one); your other sessions end',
        body: PasswordChange,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      const { current_password, new_password } = request.body;
      await changeOwnPassword(db, principalOf(request), current_password, new_password, request.cookies[SESSION_COOKIE]);
      return { ok: true };
    },
  );

  app.post(
    '/api/users/:user_id/password',
    {
      config: { permission: 'users:manage' },
      schema: {
        tags: ['auth'],
        summary: 'Set a user’s password (lifts a lockout); the user’s sessions end',
        params: UserParams,
        body: PasswordReset,
        response: { 200: Ok, ...errorResponses },
      },
    },
    async (request) => {
      await resetPassword(db, request.params.user_id, request.body.new_password);
      return { ok: true };
    },
  );

  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const)
    app.post(
      `/api/users/:user_id/${action}`,
      {
        config: { permission: 'users:manage' },
        schema: {
          tags: ['auth'],
          summary: disabled
            ? 'Disable a user: no sign-in, sessions end, API tokens revoked'
            : 'Enable a disabled user again (tokens stay revoked)',
          params: UserParams,
          response: { 200: Ok, ...errorResponses },
        },
      },
      async (request) => {
        await setUserDisabled(db, principalOf(request), request.params.user_id, disabled);
        return { ok: true };
      },
    );
};
