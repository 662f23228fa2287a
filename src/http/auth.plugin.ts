// Authentication and authorization for every route, in one place. A request is signed in by a
// session cookie (browsers; state changes also need the CSRF header) or a Bearer API token
// (scripts). Each /api route declares the permission it needs in `config.permission`; a route
// without one is refused, so a new route cannot be left open by accident.
import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/connect.js';
import { recordAccess } from '../domain/auth/audit.service.js';
import { can, type Permission, type Principal } from '../domain/auth/permissions.js';
import { sessionPrincipal, tokenPrincipal } from '../domain/auth/users.service.js';
import { DomainError } from '../domain/errors.js';

export const SESSION_COOKIE = 'diplomat_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs: a permission, or 'public' for sign-in, health and docs. */
    permission?: Permission | 'public';
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** Writes the audit rows of a member-level read or write made by this request. */
    /** `note`: what the access was about when no member id says it (e.g. the import job of a rejects file). */
    audit(access: 'read' | 'write', memberIds: Iterable<string>, note?: string): Promise<void>;
  }
}

async function identify(db: Db, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return (await tokenPrincipal(db, header.slice(7).trim())) ?? null;
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie) return (await sessionPrincipal(db, cookie)) ?? null;
  return null;
}

export const authPlugin = fp<{ db: Db }>(async (app: FastifyInstance, { db }) => {
  app.decorateRequest('principal', null);
  app.decorateRequest('audit', async function (this: FastifyRequest, access: 'read' | 'write', memberIds: Iterable<string>, note?: string) {
    if (!this.principal) return;
    await recordAccess(
      db,
      { principal: this.principal, via: `${this.method} ${this.routeOptions.url ?? ''}${note ? ` (${note})` : ''}`, ip: this.ip },
      access,
      memberIds,
    );
  });

  // onRequest, before body parsing and schema validation: an anonymous caller learns nothing.
  app.addHook('onRequest', async (request) => {
    const path = request.routeOptions.url ?? '';
    const permission = request.routeOptions.config.permission;
    // The web app's files, the docs and the OpenAPI document hold no data; /api and /fhir do.
    if (!path.startsWith('/api/') && !path.startsWith('/fhir/')) return;
    request.principal = await identify(db, request);
    if (permission === 'public') return;
    if (!request.principal) throw new DomainError('unauthorized', 'Sign in, or send an API token as "Authorization: Bearer …".');
    if (!permission || !can(request.principal.role, permission)) throw new DomainError('forbidden', 'Your role does not allow this.');
    if (
      request.principal.via === 'session' &&
      !SAFE_METHODS.has(request.method) &&
      request.headers['x-csrf-token'] !== request.principal.csrfToken
    ) {
      throw new DomainError('forbidden', 'Missing or wrong X-CSRF-Token header.');
    }
  });
});

/** The signed-in principal of a request; never falls back to anyone (fail closed). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('unauthorized', 'Sign in first.');
  return request.principal;
}
