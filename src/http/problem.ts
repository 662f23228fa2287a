// One place maps errors to RFC 9457 problem+json with a stable `code`; 5xx details stay hidden.
import type { FastifyError, FastifyInstance } from 'fastify';
import { isDatabaseUnavailable } from '../db/unavailable.js';
import { DomainError, RejectedError, type DomainErrorCode } from '../domain/errors.js';

const STATUS: Record<DomainErrorCode, number> = {
  invalid_setting: 400,
  invalid_period: 400,
  invalid_segment: 400,
  unknown_file: 400,
  validation_failed: 400,
  idempotency_key_required: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rejected: 422,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: { column: string; reason: string }[];
}

export function problem(status: number, code: string, detail?: string, errors?: ProblemBody['errors']): ProblemBody {
  return {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    code,
    ...(detail ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}

/** `spaIndex`: a browser asking for a page the web app routes itself gets the app's index.html. */
export function registerProblemHandlers(app: FastifyInstance, spaIndex = false): void {
  app.setErrorHandler((error: FastifyError | DomainError | Error, request, reply) => {
    let body: ProblemBody;
    if (error instanceof RejectedError) body = problem(422, error.code, error.message, error.errors);
    else if (error instanceof DomainError) body = problem(STATUS[error.code], error.code, error.message);
    else if ('validation' in error && error.validation) body = problem(400, 'validation_failed', error.message);
    else if (isDatabaseUnavailable(error)) {
      request.log.warn({ route: request.routeOptions.url }, 'database unavailable');
      body = problem(503, 'unavailable', 'The database cannot be reached just now: try again in a few seconds.');
    } else if ('statusCode' in error && error.statusCode === 429)
      body = problem(429, 'rate_limited', 'Too many requests: wait a minute and try again.');
    else if ('statusCode' in error && typeof error.statusCode === 'number' && error.statusCode < 500) {
      body = problem(error.statusCode, String(error.code ?? 'bad_request').toLowerCase(), error.message);
    } else {
      // Never echo internals, and never log their text: a database error quotes the offending value,
      // which may be a member id. The log has the route, the error's kind and SQLSTATE, not the row.
      const sqlState = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
      request.log.error({ err: { name: error.name, sqlState }, route: request.routeOptions.url }, 'request failed');
      body = problem(500, 'internal', 'An unexpected error occurred.');
    }
    if (body.status === 503) void reply.header('retry-after', '5');
    void reply.status(body.status).type('application/problem+json').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (spaIndex && request.method === 'GET' && !path.startsWith('/api/') && String(request.headers.accept ?? '').includes('text/html')) {
      return reply.type('text/html').sendFile('index.html');
    }
    void reply
      .status(404)
      .type('application/problem+json')
      .send(problem(404, 'not_found', `No route for ${request.method} here.`));
  });
}
