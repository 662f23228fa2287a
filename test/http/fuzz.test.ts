// Bad input is the client's error, never the server's: every parameter of every route in the
// OpenAPI document, and every field of the JSON bodies, gets values a careless or hostile client
// sends (NUL bytes, impossible dates, year zero, edited cursors, huge and fractional numbers,
// arrays where one value belongs). The test fails on any 5xx, and checks the answer is problem+json.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { testTargets } from '../support/db-targets.js';
import { appWith, bearerFor, loadFixture } from './api-fixture.js';

const cursor = (value: string): string => Buffer.from(value).toString('base64url');
const HOSTILE: string[] = [
  '\u0000',
  'H1\u0000x',
  '2025-13-45',
  '2025-02-30',
  '0000',
  '0000-01',
  '0000-Q1',
  '0000-01-01',
  '-1',
  '1.5',
  '1e309',
  '99999999999999999999',
  '[]',
  'x'.repeat(5000),
  'not base64!',
  cursor('[-1]'),
  cursor('"x"'),
  cursor('{"t":"abc","id":"x"}'),
  cursor('{"offset":-1}'),
  cursor('{"offset":1.5}'),
  cursor('{"after":["a"]}'),
];

// A valid body per route, so that one hostile field is what the server meets.
const BODIES: Record<string, Record<string, unknown>> = {
  'POST /api/auth/login': { email: 'nobody@test.diplomat', password: 'a long enough password' },
  'POST /api/actions': { member_id: 'H1', action_type: 'outreach', occurred_at: '2025-03-01T10:00:00Z' },
  'POST /api/actions/{action_id}/corrections': { changes: { channel: 'phone' }, reason: 'fuzz test' },
  'POST /api/actions/{action_id}/void': { reason: 'fuzz test' },
  'POST /api/users': { email: 'fuzz@test.diplomat', role: 'analyst', password: 'a long enough password' },
  'POST /api/auth/tokens': { name: 'fuzz' },
  'POST /api/auth/password': { current_password: 'x', new_password: 'a long enough password' },
};
const PATH_DEFAULTS: Record<string, string> = {
  member_id: 'H1',
  action_id: 'F1',
  worklist_id: 'not_reached',
  partner_id: 'P1',
  job_id: '00000000-0000-4000-8000-000000000000',
  file: 'actions',
  token_id: '00000000-0000-4000-8000-000000000000',
  user_id: '00000000-0000-4000-8000-000000000000',
};
// Routes that end the caller's own access or need a file upload are exercised elsewhere.
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/imports', 'POST /api/users/{user_id}/disable']);

interface Operation {
  parameters?: { name: string; in: string }[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}

for (const target of testTargets()) {
  describe(`hostile input on every route (${target.name})`, () => {
    let db: Db;
    let app: FastifyInstance;
    let authorization: string;
    beforeAll(async () => {
      db = await target.open();
      await loadFixture(db);
      app = await appWith(db);
      authorization = await bearerFor(db, 'admin');
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('answers every hostile value with a 4xx problem, never a 5xx', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
        paths: Record<string, Record<string, Operation>>;
      };
      const failures: string[] = [];
      let sent = 0;
      const send = async (route: string, method: string, url: string, payload?: unknown): Promise<void> => {
        const res = await app.inject({
          method: method.toUpperCase() as 'GET',
          url,
          payload: payload as object,
          headers: { authorization, 'idempotency-key': `fuzz-key-${sent}` },
        });
        sent++;
        if (res.statusCode >= 500)
          failures.push(`${route} ${url.slice(0, 120)} ${JSON.stringify(payload)?.slice(0, 120)} → ${res.statusCode}`);
        else if (res.statusCode >= 400 && !String(res.headers['content-type']).includes('application/problem+json'))
          failures.push(`${route} ${url.slice(0, 120)} → ${res.statusCode} as ${res.headers['content-type']}`);
      };
      for (const [path, methods] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(methods)) {
          const route = `${method.toUpperCase()} ${path}`;
          if (SKIP.has(route)) continue;
          const fill = (overrides: Record<string, string> = {}): string =>
            path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(overrides[name] ?? PATH_DEFAULTS[name] ?? 'x'));
          const body = BODIES[route] ?? (method === 'post' ? {} : undefined);
          for (const value of HOSTILE) {
            for (const p of op.parameters ?? []) {
              if (p.in === 'path') await send(route, method, fill({ [p.name]: value }), body);
              if (p.in === 'query') {
                await send(route, method, `${fill()}?${p.name}=${encodeURIComponent(value)}`, body);
                await send(route, method, `${fill()}?${p.name}=${encodeURIComponent(value)}&${p.name}=2`, body);
              }
            }
            const fields = Object.keys(op.requestBody?.content?.['application/json']?.schema?.properties ?? {});
            for (const field of fields) {
              await send(route, method, fill(), { ...body, [field]: value });
              await send(route, method, fill(), { ...body, [field]: [value] });
            }
          }
        }
      }
      // Walking a trend back from year 1.
      await send('trend', 'get', '/api/scorecard/trend?metric=contact_rate&period=0001-02&count=24');
      await send('history', 'get', '/api/scorecard/history?period=0001-Q1&count=12');
      expect(sent).toBeGreaterThan(1000);
      expect(failures).toEqual([]);
    }, 600_000);
  });
}
