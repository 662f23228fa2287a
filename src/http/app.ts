// Builds the HTTP API: one Fastify instance, routes listed explicitly, OpenAPI generated from the
// route schemas. Stateless: all state is in the database, so several processes can serve one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger, { type FastifyDynamicSwaggerOptions as SwaggerOptions } from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyReply, LogController, type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { pingDatabase, type Db } from '../db/connect.js';
import { actionRoutes } from '../domain/actions/actions.routes.js';
import { accountRoutes } from '../domain/auth/accounts.routes.js';
import { authRoutes } from '../domain/auth/auth.routes.js';
import { fhirRoutes } from '../domain/fhir/fhir.routes.js';
import { importJobRoutes } from '../domain/import/import-jobs.routes.js';
import { memberRoutes } from '../domain/members/members.routes.js';
import { relationshipRoutes } from '../domain/partners/relationships.routes.js';
import { playbookRoutes } from '../domain/partners/playbook.routes.js';
import { contractDrilldownRoutes, contractRoutes } from '../domain/contracts/contracts.routes.js';
import { partnerRoutes } from '../domain/partners/partners.routes.js';
import { partnershipRoutes } from '../domain/partnerships/partnerships.routes.js';
import { partnershipOutputRoutes } from '../domain/partnerships/partnership-outputs.routes.js';
import { scorecardRoutes } from '../domain/scorecard/scorecard.routes.js';
import { staffRoutes } from '../domain/staff/staff.routes.js';
import { worklistRoutes } from '../domain/worklists/worklists.routes.js';
import { viewRoutes } from '../domain/views/views.routes.js';
import { authPlugin } from './auth.plugin.js';
import { registerInputGuard } from './input-guard.js';
import { registerValidators } from './validators.js';
import { problem, registerProblemHandlers } from './problem.js';
import { Problem } from './schemas.js';

export interface AppOptions {
  db: Db;
  /** Log requests (route pattern, status, time — never URLs, bodies or member data). */
  logger?: boolean;
  /** Largest upload accepted, in bytes. */
  maxUploadBytes?: number;
  /** Called with each background import's completion (tests await it). */
  onImportJob?: (done: Promise<void>) => void;
  /** The built web app (dist/web) to serve at `/`; without it only the API is served. */
  webRoot?: string;
  /** Session cookies carry `Secure` (default); turn off only behind plain-HTTP development setups. */
  secureCookies?: boolean;
}

const OPENAPI: SwaggerOptions['openapi'] = {
  openapi: '3.0.3',
  info: {
    title: 'Diplomat API',
    version: '0.1.0',
    description: "Health plan diplomacy: the plan's own action ledger, the Diplomacy Scorecard and worklists.",
  },
  components: {
    securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'diplomat_session' }, token: { type: 'http', scheme: 'bearer' } },
  },
  security: [{ session: [] }, { token: [] }],
  tags: ['scorecard', 'members', 'actions', 'worklists', 'staff', 'partners', 'partnerships', 'imports', 'fhir', 'auth', 'system'].map(
    (name) => ({
      name,
    }),
  ),
};

function createFastify(options: AppOptions): FastifyInstance {
  const app = Fastify({
    logger: options.logger ? { level: 'info', redact: ['req.headers.authorization', 'req.headers.cookie'] } : false,
    // Fastify's own request lines carry the URL, which can name a member: ours (below) do not.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1_048_576,
    // Long path values reach the schemas (and get their 400); longer ones get a 414 problem.
    routerOptions: { maxParamLength: 1000 },
    // Request headers too large for Node's parser: a 431 problem rather than a bare status line.
    clientErrorHandler: (error, socket) => {
      if (!socket.writable) return;
      const status = (error as { code?: string }).code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
      const body = JSON.stringify(problem(status, status === 431 ? 'headers_too_large' : 'bad_request', 'The request cannot be read.'));
      socket.end(
        `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    // The router's own errors (a bad %-escape, an overlong path value) as problem+json that does
    // not echo the path, which can name a member.
    frameworkErrors: (error, _request, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode < 500 ? error.statusCode : 400;
      const body: unknown = problem(status, 'bad_url', 'The URL cannot be read: check its escapes and length.');
      void (reply as FastifyReply).code(status).type('application/problem+json').send(body);
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  // Request logging without PHI: the route pattern (/api/members/:member_id), not the URL.
  app.addHook('onResponse', async (request, reply) => {
    const line = {
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    request.log.info(line, 'request');
  });
  return app;
}

/** Security headers, cookies, rate limits, authentication, OpenAPI and its UI, uploads. */
async function registerPlugins(app: FastifyInstance, options: AppOptions): Promise<void> {
  await app.register(helmet, {
    // Mantine and ECharts set inline styles; scripts come only from this origin.
    contentSecurityPolicy: {
      directives: {
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'script-src': ["'self'"],
        // No page of Diplomat may be framed (clickjacking of a member's record).
        'frame-ancestors': ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
  });
  // Answers carry member data: no browser or proxy may keep a copy.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store');
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(authPlugin, { db: options.db });
  await app.register(swagger, { openapi: OPENAPI });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Swagger UI sets a few inline styles; its scripts stay hash-pinned.
    transformStaticCSP: (header) => header.replace("style-src 'self' https:", "style-src 'self' https: 'unsafe-inline'"),
  });
  await app.register(multipart, { limits: { fileSize: options.maxUploadBytes ?? 4 * 1024 ** 3, files: 20 } });
}

function registerSystemRoutes(app: FastifyInstance, db: Db): void {
  const health = {
    tags: ['system'],
    summary: 'Liveness and database reachability',
    response: { 200: Type.Object({ status: Type.Literal('ok') }) },
  };
  app.get('/healthz', { config: { permission: 'public' }, schema: health }, async () => {
    await pingDatabase(db);
    return { status: 'ok' as const };
  });
  app.get('/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());
}

/** The domain areas' routes: a new area adds its plugin here. */
async function registerDomainRoutes(app: FastifyInstance, options: AppOptions): Promise<void> {
  const { db } = options;
  await app.register(authRoutes, { db, secureCookies: options.secureCookies ?? true });
  await app.register(accountRoutes, { db });
  await app.register(scorecardRoutes, { db });
  await app.register(fhirRoutes, { db });
  await app.register(memberRoutes, { db });
  await app.register(actionRoutes, { db });
  await app.register(worklistRoutes, { db });
  await app.register(staffRoutes, { db });
  await app.register(partnerRoutes, { db });
  await app.register(relationshipRoutes, { db });
  await app.register(playbookRoutes, { db });
  await app.register(contractRoutes, { db });
  await app.register(contractDrilldownRoutes, { db });
  await app.register(partnershipRoutes, { db });
  await app.register(partnershipOutputRoutes, { db });
  await app.register(importJobRoutes, { db, onJob: options.onImportJob });
  await app.register(viewRoutes, { db });
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = createFastify(options);
  const web = options.webRoot && existsSync(join(options.webRoot, 'index.html')) ? options.webRoot : undefined;
  registerProblemHandlers(app, web !== undefined);
  registerInputGuard(app);
  registerValidators(app);
  app.addSchema(Problem);
  await registerPlugins(app, options);
  registerSystemRoutes(app, options.db);
  await registerDomainRoutes(app, options);
  if (web) {
    await app.register(fastifyStatic, {
      root: web,
      prefix: '/',
      index: 'index.html',
      wildcard: true,
      decorateReply: true,
      // Brotli or gzip copies written at build time (scripts/compress-web.mjs).
      preCompressed: true,
      cacheControl: false,
      // Vite names built assets by their content hash: cache them for good. The page itself is
      // revalidated on every load, so a new release is picked up at once.
      setHeaders: (reply, path) =>
        void reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    });
  }
  await app.ready();
  return app;
}
