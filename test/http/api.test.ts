// The HTTP API through app.inject (and a loopback port for uploads), on both databases.
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { sql } from 'kysely';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { METRICS } from '../../src/domain/metrics/catalog.js';
import { testTargets } from '../support/db-targets.js';
import { truncateAll } from '../support/isolation.js';
import { appWith, AS_OF, bearerFor, loadFixture } from './api-fixture.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

for (const target of testTargets()) {
  describe(`HTTP API (${target.name})`, () => {
    let db: Db;
    let app: FastifyInstance;
    const jobs: Promise<void>[] = [];
    let authorization = '';
    const get = async (url: string): Promise<{ status: number; body: Json; headers: Record<string, unknown> }> => {
      const r = await app.inject({ method: 'GET', url, headers: { authorization } });
      return {
        status: r.statusCode,
        body: r.headers['content-type']?.toString().includes('json') ? r.json() : { text: r.body },
        headers: r.headers,
      };
    };
    const post = async (
      url: string,
      payload: unknown,
      headers: Record<string, string> = {},
    ): Promise<{ status: number; body: Json; headers: Record<string, unknown> }> => {
      const r = await app.inject({ method: 'POST', url, payload: payload as object, headers: { authorization, ...headers } });
      return { status: r.statusCode, body: r.json(), headers: r.headers };
    };
    const metricValue = async (metric: string, period = '2025-03'): Promise<number> => {
      const { body } = await get(`/api/scorecard?period=${period}`);
      return body.rows.find((r: Json) => r.metric === metric && r.tier === null).numerator;
    };

    /** The server's loopback address, for uploads: the first test to need it starts it listening. */
    const listening = async (): Promise<string> =>
      app.server.listening
        ? `http://127.0.0.1:${(app.server.address() as { port: number }).port}`
        : app.listen({ port: 0, host: '127.0.0.1' });
    beforeAll(async () => {
      db = await target.open();
      app = await appWith(db, jobs);
    });
    // Each test starts from the fixture alone: what one test records, another never sees.
    beforeEach(async () => {
      await truncateAll(db);
      await loadFixture(db);
      authorization = await bearerFor(db, 'manager');
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('serves a valid OpenAPI 3 document in which every route has request and response schemas', async () => {
      const { status, body } = await get('/openapi.json');
      expect(status).toBe(200);
      const validator = new Validator();
      const result = await validator.validate(body);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      const paths = Object.keys(body.paths);
      for (const p of [
        '/api/scorecard',
        '/api/scorecard/trend',
        '/api/metrics',
        '/api/members',
        '/api/members/{member_id}',
        '/api/actions',
        '/api/actions/{action_id}/corrections',
        '/api/worklists/{worklist_id}',
        '/api/caseloads',
        '/api/imports',
        '/api/partners',
        '/api/campaigns',
        '/healthz',
      ]) {
        expect(paths).toContain(p);
      }
      for (const [path, methods] of Object.entries(body.paths as Record<string, Record<string, Json>>)) {
        for (const [method, op] of Object.entries(methods)) {
          expect(
            op.responses?.['200'] ?? op.responses?.['201'] ?? op.responses?.['202'],
            `${method} ${path} response schema`,
          ).toBeDefined();
        }
      }
      expect((await get('/docs')).status).toBeLessThan(400);
    });

    it('answers health checks and unknown routes as problem+json', async () => {
      expect((await get('/healthz')).body).toEqual({ status: 'ok' });
      const missing = await app.inject({ method: 'GET', url: '/api/members/H1/nothing', headers: { authorization } });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toContain('application/problem+json');
      expect(missing.json()).toMatchObject({ status: 404, code: 'not_found' });
      expect(missing.body).not.toContain('H1');
    });

    it('returns scorecard rows, validates the period, and gives a trend and the catalog', async () => {
      const sc = await get('/api/scorecard?period=2025-03&by=line_of_business');
      expect(sc.status).toBe(200);
      expect(sc.body.rows.length).toBeGreaterThan(20);
      expect(sc.body.rows[0]).toMatchObject({ period: '2025-03', segment: 'line_of_business', segment_value: 'medicaid' });
      const csv = await app.inject({ url: '/api/scorecard/export?period=2025-03&by=line_of_business', headers: { authorization } });
      expect(csv.headers['content-disposition']).toBe('attachment; filename="scorecard-2025-03-by-line_of_business.csv"');
      const lines = csv.body.trim().split('\n');
      expect(lines[0]).toBe(
        'metric,principle,period,segment,segment_value,tier,numerator,denominator,value,per_1000,benchmark_low,benchmark_high,benchmark_applies_to,benchmark_per,status',
      );
      expect(lines).toHaveLength(sc.body.rows.length + 1);
      const bad = await get('/api/scorecard?period=2025-13');
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('validation_failed');
      const badSegment = await get('/api/scorecard?period=2025&by=shoe_size');
      expect(badSegment.status).toBe(400);
      const trend = await get('/api/scorecard/trend?metric=contact_rate&period=2025-03&count=3');
      expect(trend.body.points.map((p: Json) => p.period)).toEqual(['2025-01', '2025-02', '2025-03']);
      expect((await get('/api/scorecard/trend?metric=members_per_case_manager&period=2025-03')).status).toBe(400);
      expect((await get('/api/scorecard/trend?metric=nope&period=2025-03')).status).toBe(404);
      const catalog = await get('/api/metrics');
      expect(catalog.body.metrics.map((m: Json) => m.key)).toEqual(METRICS.map((m) => m.key));
      const mpcm = catalog.body.metrics.find((m: Json) => m.id === 'members_per_case_manager');
      expect(mpcm).toMatchObject({ format: 'ratio', suppressed_for_partners: { numerator: true, denominator: false } });
      expect(catalog.body.metrics.find((m: Json) => m.id === 'members_per_case_manager').benchmarks).toHaveLength(2);
    });

    it('lists exactly the members behind a scorecard number: its gap, or those it counted', async () => {
      const row = (await get('/api/scorecard?period=2025-03&by=line_of_business')).body.rows.find(
        (r: Json) => r.metric === 'contact_rate' && r.segment_value === 'medicaid',
      );
      const q = 'metric=contact_rate&period=2025-03&by=line_of_business&segment_value=medicaid';
      const gap = await get(`/api/scorecard/members?${q}`);
      expect(gap.status).toBe(200);
      expect(gap.body).toMatchObject({ metric: 'contact_rate', period: '2025-03', segment_value: 'medicaid', counted: false });
      // The denominator less the numerator: enrolled that month (H4 left in February), no successful contact (N2 was reached).
      expect(gap.body.total).toBe(row.denominator - row.numerator);
      const ids = gap.body.items.map((m: Json) => m.member_id);
      expect(ids).toContain('H1');
      expect(ids).not.toContain('H4');
      expect(ids).not.toContain('N2');
      const counted = await get(`/api/scorecard/members?${q}&counted=true`);
      expect(counted.body.items.map((m: Json) => m.member_id)).toEqual(['N2']);
      expect(counted.body.total).toBe(row.numerator);
      expect((await get(`/api/scorecard/members?${q}&limit=2`)).body).toMatchObject({ total: gap.body.total, items: [{}, {}] });
      expect((await get('/api/scorecard/members?metric=members_per_case_manager&period=2025-03')).status).toBe(400);
      expect((await get('/api/scorecard/members?metric=contact_rate&period=2025-03&by=race')).status).toBe(400);
      expect((await get('/api/scorecard/members?metric=nope&period=2025-03')).status).toBe(404);
    });

    it("keeps each user's saved views, replaces one by name, and refuses an address outside the app", async () => {
      const view = { name: 'Medicaid this quarter', path: '/?period=2025-Q1&by=line_of_business&value=medicaid' };
      expect((await post('/api/views', view)).body.items).toMatchObject([view]);
      await post('/api/views', { ...view, path: '/worklists?list=not_reached' });
      expect((await get('/api/views')).body.items.map((v: Json) => v.path)).toEqual(['/worklists?list=not_reached']);
      // Another user sees none of them and cannot delete them.
      const other = await bearerFor(db, 'coordinator');
      const theirs = await app.inject({ url: '/api/views', headers: { authorization: other } });
      expect(JSON.parse(theirs.body).items).toEqual([]);
      const name = encodeURIComponent(view.name);
      expect((await app.inject({ method: 'DELETE', url: `/api/views/${name}`, headers: { authorization: other } })).statusCode).toBe(404);
      for (const path of ['//evil.example/x', 'https://evil.example/', '/\\evil'])
        expect((await post('/api/views', { name: 'x', path })).status).toBe(400);
      expect((await app.inject({ method: 'DELETE', url: `/api/views/${name}`, headers: { authorization } })).statusCode).toBe(200);
      expect((await get('/api/views')).body.items).toEqual([]);
    });

    it('searches members with filters and cursor pagination, and shows one member', async () => {
      const first = await get('/api/members?limit=5&risk_tier=low');
      expect(first.body.items).toHaveLength(5);
      expect(first.body.items.every((m: Json) => m.risk_tier === 'low')).toBe(true);
      const seen = new Set(first.body.items.map((m: Json) => m.member_id));
      let cursor = first.body.next_cursor;
      while (cursor) {
        const page = await get(`/api/members?limit=5&risk_tier=low&cursor=${cursor}`);
        for (const m of page.body.items) {
          expect(seen.has(m.member_id)).toBe(false);
          seen.add(m.member_id);
        }
        cursor = page.body.next_cursor;
      }
      expect(seen.size).toBe(13);
      expect((await get('/api/members?q=N')).body.items.map((m: Json) => m.member_id)).toEqual(['N1', 'N2', 'N3', 'N4']);
      expect((await get('/api/members?language=es&limit=100')).body.items).toHaveLength(13);
      expect((await get('/api/members?risk_tier=medium')).status).toBe(400);
      const h1 = await get('/api/members/H1');
      expect(h1.body.member.member_id).toBe('H1');
      expect(h1.body.enrollments).toHaveLength(1);
      expect(h1.body.caseload[0]).toMatchObject({ staff_id: 'CM1', staff_name: 'Casey' });
      expect(h1.body.timeline[0]).toMatchObject({ kind: 'action', type: 'outreach' });
      expect((await get('/api/members/NOPE')).status).toBe(404);
    });

    it('records an action idempotently and the scorecard sees it', async () => {
      const before = await metricValue('pcp_appointments_scheduled');
      const body = {
        member_id: 'L1',
        action_type: 'pcp_appointment',
        occurred_at: '2025-03-15T10:00:00Z',
        staff_id: 'CM2',
        outcome: 'scheduled',
        minutes: 12,
      };
      expect((await post('/api/actions', body)).status).toBe(400);
      // A JSON body has types: a string where a number or boolean belongs is refused, not coerced.
      expect((await post('/api/actions', { ...body, minutes: '12' }, { 'idempotency-key': 'key-types-1' })).status).toBe(400);
      expect((await post('/api/actions', { ...body, personalized: 'true' }, { 'idempotency-key': 'key-types-2' })).status).toBe(400);
      // Dates a plan cannot have acted on.
      for (const occurred_at of ['1899-12-31T23:00:00Z', '2999-01-01T00:00:00Z'])
        expect(
          (await post('/api/actions', { ...body, occurred_at }, { 'idempotency-key': `key-${occurred_at}` })).status,
          occurred_at,
        ).toBe(422);
      const first = await post('/api/actions', body, { 'idempotency-key': 'key-0001-abc' });
      expect(first.status).toBe(201);
      expect(first.body.outcome).toBe('accepted');
      expect(first.body.action).toMatchObject({ member_id: 'L1', action_type: 'pcp_appointment', minutes: 12 });
      const replay = await post('/api/actions', body, { 'idempotency-key': 'key-0001-abc' });
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect((await post('/api/actions', { ...body, minutes: 13 }, { 'idempotency-key': 'key-0001-abc' })).status).toBe(409);
      expect(await metricValue('pcp_appointments_scheduled')).toBe(before + 1);
      const listed = await get('/api/actions?member_id=L1&action_type=pcp_appointment');
      expect(listed.body.items).toHaveLength(1);
    });

    it('records concurrent actions together: each answered and counted once, a bad one refused on its own', async () => {
      const before = await metricValue('pcp_appointments_scheduled');
      const body = (i: number): Record<string, unknown> => ({
        member_id: 'L1',
        action_type: 'pcp_appointment',
        occurred_at: `2025-03-${String(10 + i).padStart(2, '0')}T10:00:00Z`,
        outcome: 'scheduled',
      });
      // Sent at once, they queue behind the first and are written as one batch (record-batch.ts).
      const sent = await Promise.all([
        ...Array.from({ length: 12 }, (_, i) => post('/api/actions', body(i), { 'idempotency-key': `batch-key-${i}` })),
        post('/api/actions', { ...body(0), member_id: 'GHOST' }, { 'idempotency-key': 'batch-key-ghost' }),
        post('/api/actions', body(3), { 'idempotency-key': 'batch-key-3' }),
      ]);
      const ghost = sent[12]!;
      expect(ghost.status).toBe(422);
      expect(ghost.body.errors).toEqual([expect.objectContaining({ column: 'member_id' })]);
      const good = sent.filter((_, i) => i !== 12);
      expect(good.map((r) => r.status)).toEqual(good.map(() => 201));
      // The same key twice at once: one action, the same answer.
      expect(sent[13]!.body).toEqual(sent[3]!.body);
      expect(new Set(good.map((r) => r.body.action.action_id)).size).toBe(12);
      expect(good[5]!.body.action).toMatchObject({ member_id: 'L1', occurred_at: '2025-03-15T10:00:00.000Z' });
      expect(await metricValue('pcp_appointments_scheduled')).toBe(before + 12);
      const replay = await post('/api/actions', body(7), { 'idempotency-key': 'batch-key-7' });
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(sent[7]!.body);
    });

    // On the embedded database one connection serialises every request's statements: the clients'
    // next requests reach the batcher one at a time, behind each batch's transaction.
    it.skipIf(target.name === 'pglite')(
      'writes the recordings of four clients sending one after another four at a time (group commit)',
      async () => {
        // Each batch of recordings counts one change to the ledger (rollup_changes, see lockRollups).
        const changes = async (): Promise<number> =>
          Number((await sql<{ n: string }>`SELECT last_value AS n FROM rollup_changes`.execute(db.kysely)).rows[0]!.n);
        const before = await changes();
        const client = async (c: number): Promise<number[]> => {
          const statuses: number[] = [];
          for (let i = 0; i < 6; i++) {
            const body = { member_id: 'L1', action_type: 'outreach', occurred_at: `2025-04-0${i + 1}T0${c}:00:00Z`, outcome: 'reached' };
            statuses.push((await post('/api/actions', body, { 'idempotency-key': `group-${c}-${i}` })).status);
          }
          return statuses;
        };
        const statuses = (await Promise.all([0, 1, 2, 3].map(client))).flat();
        expect(statuses).toEqual(statuses.map(() => 201));
        // 24 recordings: 12 batches (of 1 and 3, or 2 and 2) when a batch starts with the first
        // request to arrive; 7 or 8 when each waits for the four answered clients.
        expect((await changes()) - before).toBeLessThanOrEqual(9);
      },
    );

    it('records through one kept staging table, empty between recordings, made again if a sweep dropped it', async () => {
      const stages = async (): Promise<string[]> =>
        (
          await sql<{
            name: string;
          }>`SELECT relname AS name FROM pg_class WHERE relname LIKE 'import\\_stage\\_%' AND relkind = 'r'`.execute(db.kysely)
        ).rows.map((r) => r.name);
      const record = async (day: number): Promise<number> =>
        (
          await post(
            '/api/actions',
            { member_id: 'L1', action_type: 'pcp_appointment', occurred_at: `2025-03-${day}T10:00:00Z`, outcome: 'scheduled' },
            { 'idempotency-key': `kept-stage-${day}` },
          )
        ).status;
      const before = await metricValue('pcp_appointments_scheduled');
      expect(await record(20)).toBe(201);
      const [stage, ...others] = await stages();
      expect(others).toEqual([]);
      const rowsIn = async (): Promise<number> =>
        Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(stage!)}`.execute(db.kysely)).rows[0]!.n);
      // No member's row stays behind in it.
      expect(await rowsIn()).toBe(0);
      expect(await record(21)).toBe(201);
      expect(await stages()).toEqual([stage]);
      // Another process's sweep may drop it between recordings (it is leased only while in use).
      await sql`DROP TABLE ${sql.table(stage!)}`.execute(db.kysely);
      expect(await record(22)).toBe(201);
      expect(await stages()).toEqual([stage]);
      expect(await rowsIn()).toBe(0);
      expect(await metricValue('pcp_appointments_scheduled')).toBe(before + 3);
    });

    it('rejects an action that breaks a rule with the reasons, and keeps nothing', async () => {
      const r = await post(
        '/api/actions',
        { member_id: 'GHOST', action_type: 'outreach', occurred_at: '2025-03-15T10:00:00Z' },
        { 'idempotency-key': 'key-0002-abc' },
      );
      expect(r.status).toBe(422);
      expect(r.body.code).toBe('rejected');
      expect(r.body.errors[0]).toMatchObject({ column: 'member_id' });
      const t = await post(
        '/api/actions',
        { member_id: 'L1', action_type: 'outreach', occurred_at: '2025-02-30T10:00:00Z' },
        { 'idempotency-key': 'key-0003-abc' },
      );
      expect(t.status).toBe(422);
      expect(t.body.errors[0].reason).toContain('calendar date');
      const c = await post(
        '/api/actions',
        { member_id: 'L1', action_type: 'campaign_touch', occurred_at: '2025-03-02T10:00:00Z' },
        { 'idempotency-key': 'key-0004-abc' },
      );
      expect(c.status).toBe(422);
      expect((await get('/api/actions?member_id=GHOST')).body.items).toHaveLength(0);
      expect(
        (
          await post(
            '/api/actions',
            { member_id: 'L1', action_type: 'hug', occurred_at: '2025-03-02T10:00:00Z' },
            { 'idempotency-key': 'key-0005-abc' },
          )
        ).status,
      ).toBe(400);
    });

    it('corrects and voids actions with a recorded reason, and the scorecard reflects both', async () => {
      const rec = await post(
        '/api/actions',
        { action_id: 'CORR-1', member_id: 'L1', action_type: 'transportation', occurred_at: '2025-03-03T10:00:00Z' },
        { 'idempotency-key': 'key-0006-abc' },
      );
      expect(rec.status).toBe(201);
      const march = await metricValue('transportation_count');
      // Re-posting other content under the same action_id is not a silent edit.
      expect(
        (
          await post(
            '/api/actions',
            { action_id: 'CORR-1', member_id: 'L1', action_type: 'transportation', occurred_at: '2025-04-03T10:00:00Z' },
            { 'idempotency-key': 'key-0007-abc' },
          )
        ).status,
      ).toBe(409);
      // A key the action does not have is refused, not dropped.
      expect(
        (await post('/api/actions/CORR-1/corrections', { changes: { occured_at: '2025-04-03T10:00:00Z' }, reason: 'typo in key' })).status,
      ).toBe(400);
      const corrected = await post('/api/actions/CORR-1/corrections', {
        changes: { occurred_at: '2025-04-03T10:00:00Z' },
        reason: 'wrong month keyed',
      });
      expect(corrected.status).toBe(200);
      expect(corrected.body.corrections).toHaveLength(1);
      expect(corrected.body.corrections[0]).toMatchObject({ kind: 'correct', reason: 'wrong month keyed' });
      expect(corrected.body.corrections[0].corrected_by).toMatch(/^manager-.*@test\.diplomat$/);
      expect(corrected.body.corrections[0].before.occurred_at).toBe('2025-03-03T10:00:00.000Z');
      expect(await metricValue('transportation_count')).toBe(march - 1);
      expect(await metricValue('transportation_count', '2025-04')).toBe(1);
      expect(
        (await post('/api/actions/CORR-1/corrections', { changes: { occurred_at: '2025-04-03T10:00:00Z' }, reason: 'again' })).status,
      ).toBe(400);
      expect((await post('/api/actions/CORR-1/corrections', { changes: { member_id: 'GHOST' }, reason: 'bad' })).status).toBe(422);
      const voided = await post('/api/actions/CORR-1/void', { reason: 'entered twice' });
      expect(voided.status).toBe(200);
      expect(voided.body.action.voided_at).not.toBeNull();
      expect(voided.body.corrections.map((c: Json) => c.kind)).toEqual(['correct', 'void']);
      expect(await metricValue('transportation_count', '2025-04')).toBe(0);
      expect((await post('/api/actions/CORR-1/void', { reason: 'again' })).status).toBe(409);
      expect((await post('/api/actions/NOPE/void', { reason: 'x y z' })).status).toBe(404);
    });

    const worklist = async (id: string, query = ''): Promise<string[]> =>
      (await get(`/api/worklists/${id}?as_of=${AS_OF}&limit=100${query}`)).body.items.map((i: Json) => i.id).sort();

    it('worklist: high-risk members with no contact attempt this month', async () => {
      expect(await worklist('high_risk_no_contact')).toEqual(['H2', 'H3']);
      const { body } = await get(`/api/worklists/high_risk_no_contact?as_of=${AS_OF}`);
      expect(body.items.find((i: Json) => i.id === 'H2').reason).toBe(
        'High risk; no contact attempt since 2025-03-01 (last attempt 2025-02-28)',
      );
    });

    it('worklist: ranks who to call first with the reasons, filters, exports, and says what clears it', async () => {
      const ranked = await get(`/api/worklists/high_risk_no_contact?as_of=${AS_OF}&sort=priority`);
      // H3 was never contacted (3) and is high risk (3); H2 is high risk, last attempted 20 days before.
      expect(ranked.body.items.map((i: Json) => [i.id, i.priority])).toEqual([
        ['H3', { score: 6, reasons: 'high risk; never contacted' }],
        ['H2', { score: 3, reasons: 'high risk' }],
      ]);
      // Case managers by name, not staff id.
      expect(ranked.body.items.map((i: Json) => i.details.case_manager)).toEqual([null, 'Casey']);
      expect(await worklist('not_reached', '&attempts=2&county=Pierce')).toEqual(['N1', 'N3', 'N4']);
      expect(await worklist('not_reached', '&attempts=2&county=King')).toEqual([]);
      expect((await get('/api/worklists/caseload_outside_benchmark?county=King')).status).toBe(400);
      const lists = (await get('/api/worklists')).body.worklists;
      expect(lists.find((l: Json) => l.id === 'not_reached').cleared_by).toMatchObject({
        action_types: ['outreach', 'hra_call'],
        successful_only: true,
      });
      expect(lists.find((l: Json) => l.id === 'caseload_outside_benchmark')).toMatchObject({ cleared_by: null, filters: [] });
      const csv = await app.inject({
        url: `/api/worklists/high_risk_no_contact/export?as_of=${AS_OF}&sort=priority`,
        headers: { authorization },
      });
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="high_risk_no_contact-${AS_OF}.csv"`);
      expect(csv.body.split('\n').slice(0, 2)).toEqual([
        'member_id,priority,why_first,reason,line_of_business,county,language,last_attempt,case_manager,phone,email',
        'H3,6,high risk; never contacted,High risk; no contact attempt since 2025-03-01 (never attempted),medicaid,King,en,,,,',
      ]);
    });

    it('worklist: assigns members to a staff member to act on, filters by assignee, and unassigns', async () => {
      const url = '/api/worklists/high_risk_no_contact/assignments';
      expect((await post(url, { member_ids: ['H3'], staff_id: 'CM2' })).body).toEqual({ assigned: 1 });
      const list = async (q = '') => (await get(`/api/worklists/high_risk_no_contact?as_of=${AS_OF}${q}`)).body.items;
      expect((await list()).map((i: Json) => [i.id, i.assigned_to])).toEqual([
        ['H3', { staff_id: 'CM2', name: 'Robin' }],
        ['H2', null],
      ]);
      expect((await list('&assigned_to=CM2')).map((i: Json) => i.id)).toEqual(['H3']);
      expect((await list('&assigned_to=nobody')).map((i: Json) => i.id)).toEqual(['H2']);
      // Another list keeps its own assignments.
      expect((await get(`/api/worklists/not_reached?as_of=${AS_OF}&assigned_to=CM2`)).body.items).toEqual([]);
      expect((await post(url, { member_ids: ['H3', 'NOPE'], staff_id: 'CM2' })).status).toBe(400);
      expect((await post(url, { member_ids: ['H2'], staff_id: 'NOBODY' })).status).toBe(400);
      expect((await post('/api/worklists/caseload_outside_benchmark/assignments', { member_ids: ['H2'], staff_id: 'CM2' })).status).toBe(
        400,
      );
      expect((await post(url, { member_ids: ['H3'], staff_id: null })).body).toEqual({ assigned: 0 });
      expect((await list('&assigned_to=nobody')).map((i: Json) => i.id).sort()).toEqual(['H2', 'H3']);
    });

    it('worklist: renewals due in the next 60 days with no guidance', async () => {
      expect(await worklist('renewal_due_no_guidance')).toEqual(['R1', 'R4']);
      expect(await worklist('renewal_due_no_guidance', '&days=120')).toEqual(['R1', 'R3', 'R4']);
    });

    it('worklist: care management with no HRA call this year', async () => {
      expect(await worklist('care_management_no_hra')).toEqual(['C1', 'C4']);
    });

    it('worklist: not reached after N attempts', async () => {
      expect(await worklist('not_reached')).toEqual(['N1', 'N4']);
      expect(await worklist('not_reached', '&attempts=2')).toEqual(['N1', 'N3', 'N4']);
    });

    it('worklist: caseloads outside the benchmark, sorting and pagination', async () => {
      const { body } = await get(`/api/worklists/caseload_outside_benchmark?as_of=${AS_OF}`);
      expect(body.items).toEqual([
        {
          subject: 'staff',
          id: 'CM1',
          reason: '2 high-risk members (benchmark 20–50): room for more',
          details: { name: 'Casey', role: 'case_manager', high_risk: 2, low_risk: 0 },
          priority: null,
          assigned_to: null,
          contact: null,
        },
      ]);
      const page1 = await get(`/api/worklists/not_reached?as_of=${AS_OF}&limit=1&sort=attempts&order=desc&attempts=2`);
      expect(page1.body.total).toBe(3);
      // N1 and N4 have 3 attempts in the window (N4's fourth is older than 90 days), N3 has 2.
      expect(page1.body.items[0].id).toBe('N1');
      const page2 = await get(
        `/api/worklists/not_reached?as_of=${AS_OF}&limit=1&sort=attempts&order=desc&attempts=2&cursor=${page1.body.next_cursor}`,
      );
      expect(page2.body.items[0].id).toBe('N4');
      const page3 = await get(
        `/api/worklists/not_reached?as_of=${AS_OF}&limit=1&sort=attempts&order=desc&attempts=2&cursor=${page2.body.next_cursor}`,
      );
      expect(page3.body.items[0].id).toBe('N3');
      expect(page3.body.next_cursor).toBeNull();
      expect((await get('/api/worklists/not_reached?sort=zodiac')).status).toBe(400);
      expect((await get('/api/worklists/nope')).status).toBe(404);
      expect((await get('/api/worklists')).body.worklists).toHaveLength(5);
    });

    it('lists staff, caseloads against the benchmark, partners and campaigns', async () => {
      expect((await get('/api/staff?role=chw')).body.items.map((s: Json) => s.staff_id)).toEqual(['CHW1']);
      const cl = await get(`/api/caseloads?as_of=${AS_OF}`);
      // The plan's measured work in the 90 days to AS_OF: the fixture's 16 actions by CM1 from 21 Dec
      // (C4's November HRA call and N4's December 1 outreach fall outside), 10 minutes each, 9 members.
      expect(cl.body.productivity).toEqual({
        days: 90,
        roles: [{ role: 'case_manager', staff: 1, actions: 16, hours: 160 / 60, members: 9 }],
      });
      expect(cl.body.items).toEqual([
        {
          staff_id: 'CM1',
          name: 'Casey',
          role: 'case_manager',
          partner_id: null,
          high_risk: 2,
          low_risk: 0,
          high_status: 'below',
          low_status: null,
        },
        {
          staff_id: 'CM2',
          name: 'Robin',
          role: 'case_manager',
          partner_id: null,
          high_risk: 0,
          low_risk: 1,
          high_status: null,
          low_status: 'below',
        },
      ]);
      const partners = await get('/api/partners');
      expect(partners.body.items.find((p: Json) => p.partner_id === 'P1')).toMatchObject({ staff_count: 1, campaign_count: 1 });
      const p1 = await get('/api/partners/P1');
      expect(p1.body.staff.map((s: Json) => s.staff_id)).toEqual(['CHW1']);
      expect((await get('/api/partners/NOPE')).status).toBe(404);
      expect((await get('/api/campaigns')).body.items[0]).toMatchObject({ campaign_id: 'C1', community: true });
    });

    it('runs an uploaded import as a background job with progress, counts and rejects', async () => {
      const address = await listening();
      const form = new FormData();
      form.append('files', new Blob(['member_id,due_on\nL1,2025-05-01\nGHOST,2025-05-01\nL1,2025-02-30\n']), 'renewals.csv');
      const res = await fetch(`${address}/api/imports`, { method: 'POST', body: form, headers: { authorization } });
      expect(res.status).toBe(202);
      const job = (await res.json()) as Json;
      await Promise.all(jobs);
      const done = await get(`/api/imports/${job.job_id}`);
      expect(done.body.status).toBe('done');
      expect(done.body.report.totals).toEqual({ rowsRead: 3, accepted: 1, updated: 0, duplicates: 0, rejected: 2 });
      const rejects = await get(`/api/imports/${job.job_id}/rejects/renewals`);
      expect(rejects.status).toBe(200);
      expect(rejects.body.text).toContain('GHOST');
      expect((await get('/api/imports/00000000-0000-0000-0000-000000000000')).status).toBe(404);
      // Another coordinator cannot read the job or its rejects (they hold member rows); an admin can.
      const other = await bearerFor(db, 'coordinator');
      const asOther = (url: string) => app.inject({ method: 'GET', url, headers: { authorization: other } });
      expect((await asOther(`/api/imports/${job.job_id}`)).statusCode).toBe(404);
      expect((await asOther(`/api/imports/${job.job_id}/rejects/renewals`)).statusCode).toBe(404);
      const admin = await bearerFor(db, 'admin');
      expect((await app.inject({ method: 'GET', url: `/api/imports/${job.job_id}`, headers: { authorization: admin } })).statusCode).toBe(
        200,
      );
      const audited = await sql<{ via: string }>`SELECT via FROM audit_log WHERE via LIKE '%rejects%'`.execute(db.kysely);
      expect(audited.rows.map((r) => r.via)).toEqual([`GET /api/imports/:job_id/rejects/:file (job ${String(job.job_id)} renewals)`]);
    });

    it('imports uploaded FHIR NDJSON as a job, whatever the file is called, with the resources accounted for', async () => {
      const address = await listening();
      const lines = [
        { resourceType: 'Patient', id: 'FHIR1', gender: 'female', birthDate: '1980-02-03' },
        { resourceType: 'Patient', id: 'FHIR2', gender: 'mail' },
      ];
      const form = new FormData();
      form.append('files', new Blob([lines.map((l) => JSON.stringify(l)).join('\n')]), 'my-patients.ndjson');
      const res = await fetch(`${address}/api/imports`, { method: 'POST', body: form, headers: { authorization } });
      expect(res.status).toBe(202);
      const job = (await res.json()) as Json;
      await Promise.all(jobs);
      const done = await get(`/api/imports/${job.job_id}`);
      expect(done.body.status).toBe('done');
      expect(done.body.report.fhir.resources.Patient).toMatchObject({ read: 2, imported: 1, rejected: 1 });
      expect(done.body.report.files[0]).toMatchObject({ file: 'members', name: 'members (from FHIR)', accepted: 1 });
      const rejects = await get(`/api/imports/${job.job_id}/rejects/fhir`);
      expect(rejects.body.text).toContain('my-patients.ndjson line 2,Patient,Patient.gender');
      expect((await get('/api/members/FHIR1')).body.member).toMatchObject({ member_id: 'FHIR1', birth_date: '1980-02-03', sex: 'F' });
    });

    it('refuses bad uploads and leaves no file behind', async () => {
      const address = await listening();
      // This process's uploads: a server starting elsewhere may remove those of processes gone.
      const uploads = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith(`diplomat-upload-${process.pid}-`));
      const before = uploads();
      const post = async (parts: [string, string][]): Promise<Response> => {
        const form = new FormData();
        for (const [name, text] of parts) form.append('files', new Blob([text]), name);
        return fetch(`${address}/api/imports`, { method: 'POST', body: form, headers: { authorization } });
      };
      const renewals = 'member_id,due_on\nL1,2025-05-01\n';
      const twice = await post([
        ['renewals.csv', renewals],
        ['renewals.csv', renewals],
      ]);
      expect([twice.status, ((await twice.json()) as Json).detail]).toEqual([400, 'renewals.csv was uploaded twice: send each file once']);
      expect((await post([['evil.sh', 'x']])).status).toBe(400);
      expect((await post([])).status).toBe(400);
      expect((await post(Array.from({ length: 21 }, (): [string, string] => ['renewals.csv', renewals]))).status).toBeGreaterThanOrEqual(
        400,
      );
      expect(uploads()).toEqual(before);
    });

    it('fails a job that its process left running', async () => {
      await sql`INSERT INTO import_jobs (job_id, status, progress, report, error, created_by, updated_at)
        VALUES ('11111111-1111-4111-8111-111111111111', 'running', NULL, NULL, NULL, NULL, now() - interval '1 hour')`.execute(db.kysely);
      const admin = await bearerFor(db, 'admin');
      const job = await app.inject({
        method: 'GET',
        url: '/api/imports/11111111-1111-4111-8111-111111111111',
        headers: { authorization: admin },
      });
      expect(job.json()).toMatchObject({ status: 'failed', error: expect.stringContaining('server stopped') });
    });
  });
}
