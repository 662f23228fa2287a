// Accounts, roles and the audit trail: the access matrix over every route of the OpenAPI
// document, partner isolation and small-cell suppression, audit completeness, login throttling
// and lockout, token expiry and revocation, CSRF, upload limits and security headers.
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { sha256 } from '../../src/domain/auth/passwords.js';
import { createUser } from '../../src/domain/auth/users.service.js';
import { recordRows } from '../../src/domain/import/import.service.js';
import { testTargets } from '../support/db-targets.js';
import { truncateAll } from '../support/isolation.js';
import { appWith, bearerFor, loadFixture } from './api-fixture.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Who = 'anonymous' | 'admin' | 'manager' | 'coordinator' | 'analyst' | 'partner';
const ROLES: Who[] = ['admin', 'manager', 'coordinator', 'analyst', 'partner'];
const ALL: Who[] = ROLES;
const STAFF: Who[] = ['admin', 'manager', 'coordinator'];
const PLAN: Who[] = ['admin', 'manager', 'coordinator', 'analyst'];
const MANAGERS: Who[] = ['admin', 'manager'];

// Who may call each route, written out here independently of the permission table in src/.
const MATRIX: Record<string, Who[] | 'public'> = {
  'GET /healthz': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': ALL,
  'GET /api/auth/me': 'public',
  'POST /api/auth/tokens': ALL,
  'POST /api/auth/tokens/{token_id}/revoke': ALL,
  'GET /api/auth/tokens': ALL,
  'POST /api/auth/password': ALL,
  'POST /api/users/{user_id}/password': ['admin'],
  'POST /api/users/{user_id}/disable': ['admin'],
  'POST /api/users/{user_id}/enable': ['admin'],
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'GET /api/audit': ['admin'],
  'GET /api/audit/export': ['admin'],
  'GET /api/scorecard': ALL,
  'GET /api/scorecard/trend': ALL,
  'GET /api/scorecard/export': ALL,
  // Saved views are each user's own.
  'GET /api/views': ALL,
  'POST /api/views': ALL,
  'DELETE /api/views/{name}': ALL,
  'GET /api/scorecard/history': ALL,
  // The members behind a number are member records: for staff who act on them, not partners or analysts.
  'GET /api/scorecard/members': STAFF,
  'GET /api/metrics': ALL,
  // FHIR: the scorecard as Measures and reports is for everyone who reads the scorecard; the bulk export is member records.
  'GET /fhir/metadata': ALL,
  'GET /fhir/Measure': ALL,
  'GET /fhir/Measure/{id}': ALL,
  'GET /fhir/MeasureReport': ALL,
  'GET /fhir/export/{type}': STAFF,
  'GET /api/members': STAFF,
  'GET /api/members/{member_id}': STAFF,
  'POST /api/actions': STAFF,
  'GET /api/actions': STAFF,
  'GET /api/actions/{action_id}': STAFF,
  'POST /api/actions/{action_id}/corrections': STAFF,
  'POST /api/actions/{action_id}/void': STAFF,
  'GET /api/worklists': STAFF,
  'GET /api/worklists/{worklist_id}': STAFF,
  'GET /api/worklists/{worklist_id}/export': STAFF,
  'POST /api/worklists/{worklist_id}/assignments': STAFF,
  'GET /api/staff': ALL,
  'GET /api/caseloads': ['admin', 'manager', 'coordinator', 'analyst'],
  'GET /api/partners': ALL,
  'GET /api/partners/{partner_id}': ALL,
  'GET /api/campaigns': ALL,
  'GET /api/partners/health': ALL,
  'GET /api/worklists/relationships': ALL,
  'GET /api/partners/{partner_id}/profile': ALL,
  'PATCH /api/partners/{partner_id}/profile': MANAGERS,
  'PUT /api/partners/{partner_id}/contacts': MANAGERS,
  'GET /api/partners/{partner_id}/touchpoints': ALL,
  'POST /api/touchpoints': MANAGERS,
  'GET /api/follow-ups': ALL,
  'POST /api/follow-ups': MANAGERS,
  'POST /api/follow-ups/{follow_up_id}/done': MANAGERS,
  'GET /api/contract-scorecard': ALL,
  'GET /api/contracts': ALL,
  'GET /api/contracts/renewals': ALL,
  'POST /api/contracts': MANAGERS,
  'GET /api/contracts/{contract_id}': ALL,
  'POST /api/contracts/{contract_id}/measures': MANAGERS,
  'POST /api/contracts/{contract_id}/results': MANAGERS,
  'GET /api/contracts/{contract_id}/changes': ALL,
  'GET /api/contracts/{contract_id}/trend': ALL,
  // Breakdowns within a contract population are for plan staff: a partner is refused by the service.
  'GET /api/contracts/{contract_id}/equity': PLAN,
  'GET /api/contracts/{contract_id}/members': STAFF,
  'GET /api/contracts/{contract_id}/reviews': ALL,
  // The plan's own strategy toward a partner is not the partner's to read.
  'GET /api/partners/{partner_id}/playbook': PLAN,
  'PUT /api/partners/{partner_id}/playbook': MANAGERS,
  'GET /api/stars/measures': ALL,
  'GET /api/stars/convert': ALL,
  // Partnerships: a partner reads those it has committed to and writes its own commitments and results.
  'GET /api/partnerships': ALL,
  'GET /api/partnerships/{partnership_id}': ALL,
  'PUT /api/partnerships/{partnership_id}': MANAGERS,
  ...Object.fromEntries(
    ['members', 'roles', 'disagreements', 'phases', 'activities', 'measures', 'engagements'].map((x) => [
      `PUT /api/partnerships/{partnership_id}/${x}/{item_id}`,
      MANAGERS,
    ]),
  ),
  'PUT /api/partnerships/{partnership_id}/commitments/{item_id}': [...MANAGERS, 'partner'],
  'PUT /api/partnerships/{partnership_id}/measures/{measure_id}/results/{period}': [...MANAGERS, 'partner'],
  'POST /api/partnerships/{partnership_id}/decisions': MANAGERS,
  'GET /api/partnerships/{partnership_id}/packet': ALL,
  'GET /api/partnerships/{partnership_id}/export/{table}': ALL,
  'GET /api/partnerships/{partnership_id}/measures/{measure_id}/equity': PLAN,
  'GET /api/worklists/partnerships': ALL,
  'POST /api/partnerships/{partnership_id}/import/{table}': [...MANAGERS, 'partner'],
  'POST /api/imports': STAFF,
  'GET /api/imports/{job_id}': STAFF,
  'GET /api/imports/{job_id}/rejects/{file}': STAFF,
};

const PARAMS: Record<string, string> = {
  member_id: 'H1',
  partnership_id: 'PS1',
  item_id: 'X1',
  measure_id: 'M1',
  period: '2025-Q1',
  table: 'commitments',
  action_id: 'NOPE-ACTION',
  worklist_id: 'not_reached',
  partner_id: 'P1',
  contract_id: 'K1',
  follow_up_id: 'F1',
  job_id: '00000000-0000-4000-8000-000000000000',
  file: 'renewals',
  token_id: '00000000-0000-4000-8000-000000000000',
  user_id: '00000000-0000-4000-8000-000000000000',
  id: 'contact-rate',
  type: 'Patient',
};

for (const target of testTargets()) {
  describe(`accounts, roles and audit (${target.name})`, () => {
    let db: Db;
    let app: FastifyInstance;
    const bearer: Partial<Record<Who, string>> = {};
    const call = (who: Who, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        payload: payload as object,
        headers: { ...(who === 'anonymous' ? {} : { authorization: bearer[who]! }), ...headers },
      });
    const auditCount = async (): Promise<number> =>
      Number((await sql<{ n: number }>`SELECT count(*) AS n FROM audit_log`.execute(db.kysely)).rows[0]!.n);

    beforeAll(async () => {
      db = await target.open();
      app = await appWith(db, [], 2048);
    });
    // Each test starts from the fixture and one user per role, nothing else.
    beforeEach(async () => {
      await truncateAll(db);
      await loadFixture(db);
      for (const role of ROLES) bearer[role] = await bearerFor(db, role, role === 'partner' ? 'P1' : null);
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('enforces the access matrix on every route of the OpenAPI document', async () => {
      const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json() as Json;
      const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      );
      const unknown = routes.filter((r) => !(r in MATRIX));
      expect(unknown, 'routes without an access rule in this test').toEqual([]);
      for (const route of routes) {
        const [method, path] = route.split(' ') as [string, string];
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name]!);
        const rule = MATRIX[route]!;
        for (const who of ['anonymous', ...ROLES] as Who[]) {
          if (route === 'POST /api/auth/logout') continue; // ends the token's session: checked below
          const res = await call(who, method, url, method === 'POST' ? {} : undefined);
          const allowed = rule === 'public' || (who !== 'anonymous' && rule.includes(who));
          if (allowed) expect([401, 403], `${who} ${route} → ${res.statusCode}`).not.toContain(res.statusCode);
          else expect(res.statusCode, `${who} ${route}`).toBe(who === 'anonymous' ? 401 : 403);
        }
      }
    });

    it('keeps a partner to its own contracts, touchpoints, follow-ups and health', async () => {
      for (const [id, partner] of [
        ['K1', 'P1'],
        ['K2', 'P2'],
      ] as const) {
        const contract = {
          contract_id: id,
          partner_id: partner,
          name: `${partner} deal`,
          arrangement: 'pay_for_performance',
          starts_on: '2025-01-01',
        };
        expect((await call('manager', 'POST', '/api/contracts', contract)).statusCode).toBe(200);
        const touchpoint = { partner_id: partner, occurred_on: '2025-03-01', kind: 'formal', type: 'meeting', contract_id: id };
        expect((await call('manager', 'POST', '/api/touchpoints', touchpoint)).statusCode).toBe(201);
        expect(
          (await call('manager', 'POST', '/api/follow-ups', { partner_id: partner, title: 'Send data', due_on: '2025-03-10' })).statusCode,
        ).toBe(201);
      }
      expect((await call('partner', 'GET', '/api/contracts')).json().items.map((c: Json) => c.contract_id)).toEqual(['K1']);
      expect((await call('partner', 'GET', '/api/contracts/K2')).statusCode).toBe(404);
      expect((await call('partner', 'GET', '/api/partners/P2/touchpoints')).statusCode).toBe(404);
      expect((await call('partner', 'GET', '/api/partners/P2/profile')).statusCode).toBe(404);
      expect((await call('partner', 'GET', '/api/follow-ups?partner_id=P2')).statusCode).toBe(404);
      expect((await call('partner', 'GET', '/api/follow-ups')).json().items.map((f: Json) => f.partner_id)).toEqual(['P1']);
      expect((await call('partner', 'GET', '/api/partners/health?on=2025-03-20')).json().items.map((h: Json) => h.partner_id)).toEqual([
        'P1',
      ]);
      expect((await call('manager', 'GET', '/api/partners/health?on=2025-03-20')).json().items).toHaveLength(2);
      expect(
        (await call('partner', 'POST', '/api/touchpoints', { partner_id: 'P1', occurred_on: '2025-03-01', kind: 'informal', type: 'call' }))
          .statusCode,
      ).toBe(403);
      // By partner, a partner sees its own population only.
      const members = (await db.kysely.selectFrom('members').select('member_id').orderBy('member_id').execute()).map((m) => m.member_id);
      await recordRows(db, 'attributions', [
        { member_id: members[0], partner_id: 'P1', attributed_from: '2024-01-01' },
        { member_id: members[1], partner_id: 'P2', attributed_from: '2024-01-01' },
      ]);
      const byPartner = (who: Who) =>
        call(who, 'GET', '/api/scorecard?period=2025&by=partner')
          .then((r) => r.json().rows as Json[])
          .then((rows) => [...new Set(rows.map((r) => r.segment_value))].sort());
      expect(await byPartner('partner')).toEqual(['P1']);
      expect(await byPartner('manager')).toEqual(['P1', 'P2', 'unattributed']);
      // A rule of touchpoints.csv broken through the API: 422 naming the column and the reason.
      const bad = await call('manager', 'POST', '/api/touchpoints', {
        partner_id: 'P2',
        occurred_on: '2025-03-01',
        kind: 'formal',
        type: 'meeting',
        contract_id: 'K1',
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().errors[0]).toMatchObject({ column: 'contract_id', reason: expect.stringContaining('belongs to partner P1') });
    });

    it('keeps a partner to its own organization and suppresses small cells', async () => {
      const partners = (await call('partner', 'GET', '/api/partners')).json();
      expect(partners.items.map((p: Json) => p.partner_id)).toEqual(['P1']);
      expect((await call('partner', 'GET', '/api/partners/P2')).statusCode).toBe(404);
      const staff = (await call('partner', 'GET', '/api/staff?partner_id=P2')).json();
      expect(staff.items).toEqual([]);
      expect((await call('partner', 'GET', '/api/staff')).json().items.map((s: Json) => s.staff_id)).toEqual(['CHW1']);
      expect((await call('partner', 'GET', '/api/campaigns')).json().items.map((c: Json) => c.campaign_id)).toEqual(['C1']);
      // A shared campaign does not name the other partner to a partner; plan staff see both.
      expect((await call('partner', 'GET', '/api/campaigns')).json().items[0].partner_ids).toEqual(['P1']);
      expect((await call('partner', 'GET', '/api/partners/P1')).json().campaigns[0].partner_ids).toEqual(['P1']);
      expect((await call('manager', 'GET', '/api/campaigns')).json().items[0].partner_ids).toEqual(['P1', 'P2']);
      for (const url of ['/api/members?limit=500', '/api/members/H1', '/api/actions', '/api/worklists/not_reached', '/api/caseloads']) {
        expect((await call('partner', 'GET', url)).statusCode, url).toBe(403);
      }
      for (const url of [
        '/api/scorecard?period=2025-03',
        '/api/scorecard?period=2025&by=county',
        '/api/scorecard/history?period=2025-03&count=3',
      ]) {
        const body = (await call('partner', 'GET', url)).json();
        const rows: Json[] = body.rows;
        const memberRows = rows.filter((r) => !['chw_count', 'campaign_partner_rate', 'principle_staff_hours'].includes(r.metric));
        for (const r of memberRows) {
          for (const n of [r.numerator, r.denominator])
            if (typeof n === 'number' && r.metric !== 'members_per_case_manager')
              expect(n === 0 || n >= 11, `${url} ${r.metric} ${n}`).toBe(true);
          if (r.numerator === 'suppressed' || r.denominator === 'suppressed') expect(r.value).toBeNull();
        }
        expect(memberRows.some((r) => r.denominator === 'suppressed' || r.numerator === 'suppressed')).toBe(true);
      }
      // The same scorecard is not suppressed for plan staff.
      const manager = (await call('manager', 'GET', '/api/scorecard?period=2025-03')).json();
      expect(manager.rows.some((r: Json) => r.numerator === 'suppressed')).toBe(false);
    });

    it('writes exactly one audit row per member read or written, and none for aggregates', async () => {
      const cases: [string, string, unknown, number][] = [
        ['GET', '/api/members/H1', undefined, 1],
        ['GET', '/api/members?q=N', undefined, 4],
        ['GET', '/api/worklists/not_reached?as_of=2025-03-20', undefined, 2],
        ['GET', '/api/actions?member_id=N1', undefined, 1],
        ['GET', '/api/scorecard?period=2025-03', undefined, 0],
        ['GET', '/api/caseloads?as_of=2025-03-20', undefined, 0],
      ];
      for (const [method, url, payload, expected] of cases) {
        const before = await auditCount();
        const res = await call('coordinator', method, url, payload);
        expect(res.statusCode, url).toBe(200);
        expect((await auditCount()) - before, url).toBe(expected);
      }
      const before = await auditCount();
      const rec = await call(
        'coordinator',
        'POST',
        '/api/actions',
        { member_id: 'N3', action_type: 'outreach', occurred_at: '2025-03-19T10:00:00Z', outcome: 'reached' },
        { 'idempotency-key': 'audit-key-0001' },
      );
      expect(rec.statusCode).toBe(201);
      expect((await auditCount()) - before).toBe(1);
      const trail = (await call('admin', 'GET', '/api/audit?member_id=N3')).json();
      expect(trail.items[0]).toMatchObject({ member_id: 'N3', access: 'write', via: 'POST /api/actions', role: 'coordinator' });
      expect(trail.items[0].actor).toMatch(/^coordinator-/);
      const csv = await call('admin', 'GET', '/api/audit/export?member_id=N3');
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.body.split('\n')[0]).toBe('at,actor,role,access,member_id,via,ip,audit_id');
      await expect(sql`UPDATE audit_log SET actor = 'someone else'`.execute(db.kysely)).rejects.toThrow(/append-only/);
      await expect(sql`DELETE FROM audit_log`.execute(db.kysely)).rejects.toThrow(/append-only/);
    });

    it('signs in with a cookie session, requires the CSRF header for changes, and signs out', async () => {
      await createUser(db, { email: 'casey@plan.test', role: 'coordinator', password: 'a long enough password' });
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'Casey@plan.test', password: 'a long enough password' },
      });
      expect(login.statusCode).toBe(200);
      const setCookie = String(login.headers['set-cookie']);
      expect(setCookie).toMatch(/diplomat_session=/);
      expect(setCookie).toMatch(/HttpOnly/);
      expect(setCookie).toMatch(/SameSite=Strict/);
      expect(setCookie).toMatch(/Secure/);
      const cookie = setCookie.split(';')[0]!;
      const csrf = login.json().csrf_token as string;
      const me = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      expect(me.json().user).toMatchObject({ email: 'casey@plan.test', role: 'coordinator' });
      const body = { member_id: 'N3', action_type: 'outreach', occurred_at: '2025-03-19T11:00:00Z' };
      const noCsrf = await app.inject({
        method: 'POST',
        url: '/api/actions',
        payload: body,
        headers: { cookie, 'idempotency-key': 'csrf-key-0001' },
      });
      expect(noCsrf.statusCode).toBe(403);
      const withCsrf = await app.inject({
        method: 'POST',
        url: '/api/actions',
        payload: body,
        headers: { cookie, 'idempotency-key': 'csrf-key-0001', 'x-csrf-token': csrf },
      });
      expect(withCsrf.statusCode).toBe(201);
      const out = await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, 'x-csrf-token': csrf } });
      expect(out.statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).json()).toEqual({
        user: null,
        csrf_token: null,
      });
    });

    it('locks an account after five wrong passwords, and rate-limits sign-in', async () => {
      await createUser(db, { email: 'lock@plan.test', role: 'analyst', password: 'the right password' });
      const attempt = (password: string, ip: string) =>
        app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'lock@plan.test', password }, remoteAddress: ip });
      for (let i = 0; i < 5; i++) expect((await attempt('wrong password', '10.0.0.5')).statusCode).toBe(401);
      const locked = await attempt('the right password', '10.0.0.6');
      expect(locked.statusCode).toBe(401);
      expect(locked.json().detail).toContain('locked');
      const codes: number[] = [];
      for (let i = 0; i < 12; i++) codes.push((await attempt('wrong password', '10.0.0.7')).statusCode);
      expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
      expect(codes.slice(10)).toEqual([429, 429]);
      expect((await attempt('wrong password', '10.0.0.7')).json()).toMatchObject({ status: 429, code: 'rate_limited' });
    });

    it('counts parallel wrong passwords one by one: ten at once lock the account', async () => {
      await createUser(db, { email: 'race@plan.test', role: 'analyst', password: 'the right password' });
      const attempt = (password: string, ip: string) =>
        app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'race@plan.test', password }, remoteAddress: ip });
      const guesses = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(`wrong password ${i}`, `10.0.1.${i}`)));
      expect(guesses.map((g) => g.statusCode)).toEqual(Array(10).fill(401));
      expect((await attempt('the right password', '10.0.2.1')).statusCode).toBe(401);
      const [user] = (
        await sql<{ failed_logins: number; locked: boolean }>`
        SELECT failed_logins, locked_until > now() AS locked FROM users WHERE email = 'race@plan.test'`.execute(db.kysely)
      ).rows;
      expect(user).toEqual({ failed_logins: 5, locked: true });
    });

    it('lets users list their tokens and change their password, and admins reset, disable and cap token lifetimes', async () => {
      const login = (email: string, password: string) =>
        app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress: '10.0.3.1' });
      const admin = { authorization: bearer.admin! };
      const user = (
        await call('admin', 'POST', '/api/users', { email: 'acct@plan.test', role: 'analyst', password: 'first long password' })
      ).json();
      // Weak passwords are refused with the reason.
      for (const weak of [' '.repeat(12), 'password1234', 'aaaaaaaaaaaaaaaa'])
        expect((await call('admin', 'POST', `/api/users/${user.user_id}/password`, { new_password: weak })).statusCode, weak).toBe(400);
      expect(
        (await call('admin', 'POST', `/api/users/${user.user_id}/password`, { new_password: 'second long password' })).statusCode,
      ).toBe(200);
      expect((await login('acct@plan.test', 'first long password')).statusCode).toBe(401);
      const session = await login('acct@plan.test', 'second long password');
      expect(session.statusCode).toBe(200);
      const cookie = String(session.headers['set-cookie']).split(';')[0]!;
      const csrf = session.json().csrf_token as string;
      const own = { cookie, 'x-csrf-token': csrf };
      const change = (current: string, next: string) =>
        app.inject({ method: 'POST', url: '/api/auth/password', headers: own, payload: { current_password: current, new_password: next } });
      expect((await change('not my password', 'third long password')).statusCode).toBe(400);
      expect((await change('second long password', 'third long password')).statusCode).toBe(200);
      expect((await login('acct@plan.test', 'third long password')).statusCode).toBe(200);
      // Tokens: your own in the list; an admin sees all; a partner's live at most 30 days.
      const mine = await app.inject({ method: 'POST', url: '/api/auth/tokens', headers: own, payload: { name: 'nightly' } });
      expect(mine.statusCode).toBe(200);
      const listed = (await app.inject({ method: 'GET', url: '/api/auth/tokens', headers: own })).json().items;
      expect(listed.map((t: Json) => [t.name, t.state])).toEqual([['nightly', 'active']]);
      expect(JSON.stringify(listed)).not.toContain(mine.json().token);
      const all = (await app.inject({ method: 'GET', url: '/api/auth/tokens', headers: admin })).json().items;
      expect(all.map((t: Json) => t.owner)).toContain('acct@plan.test');
      expect((await call('partner', 'POST', '/api/auth/tokens', { name: 'long', days: 31 })).statusCode).toBe(400);
      // Disabling ends sign-in, sessions and tokens at once.
      const token = `Bearer ${mine.json().token}`;
      expect((await app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: token } })).statusCode).toBe(200);
      expect((await call('admin', 'POST', `/api/users/${user.user_id}/disable`)).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: token } })).statusCode).toBe(401);
      expect((await app.inject({ method: 'GET', url: '/api/metrics', headers: { cookie } })).statusCode).toBe(401);
      expect((await login('acct@plan.test', 'third long password')).statusCode).toBe(401);
      expect((await call('admin', 'POST', `/api/users/${user.user_id}/enable`)).statusCode).toBe(200);
      expect((await login('acct@plan.test', 'third long password')).statusCode).toBe(200);
    });

    it('refuses expired and revoked API tokens', async () => {
      const token = await bearerFor(db, 'analyst');
      expect((await app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: token } })).statusCode).toBe(200);
      const created = (
        await app.inject({
          method: 'POST',
          url: '/api/auth/tokens',
          payload: { name: 'script', days: 1 },
          headers: { authorization: token },
        })
      ).json();
      const second = `Bearer ${created.token}`;
      expect((await app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: second } })).statusCode).toBe(200);
      expect(
        (await app.inject({ method: 'POST', url: `/api/auth/tokens/${created.token_id}/revoke`, headers: { authorization: token } }))
          .statusCode,
      ).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: second } })).statusCode).toBe(401);
      await sql`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE revoked_at IS NULL`.execute(db.kysely);
      expect((await app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: token } })).statusCode).toBe(401);
      for (const role of ROLES) bearer[role] = await bearerFor(db, role, role === 'partner' ? 'P1' : null);
    });

    it("records a token's last use at most once a minute", async () => {
      const token = await bearerFor(db, 'analyst');
      const hash = sha256(token.slice('Bearer '.length));
      const lastUse = async (): Promise<string | null> => {
        const { rows } = await sql<{ at: string | null }>`
          SELECT last_used_at::text AS at FROM api_tokens WHERE token_hash = ${hash}`.execute(db.kysely);
        return rows[0]!.at;
      };
      const use = async (): Promise<void> =>
        void expect((await app.inject({ method: 'GET', url: '/api/metrics', headers: { authorization: token } })).statusCode).toBe(200);
      expect(await lastUse()).toBeNull();
      await use();
      const first = await lastUse();
      expect(first).not.toBeNull();
      await use();
      expect(await lastUse()).toBe(first);
      // A use more than a minute after the last one recorded is recorded. (A constant, not
      // last_used_at minus an interval: Citus refuses a STABLE function of a column in an UPDATE.)
      await sql`UPDATE api_tokens SET last_used_at = ${new Date(Date.now() - 61_000)} WHERE token_hash = ${hash}`.execute(db.kysely);
      const aged = await lastUse();
      await use();
      expect(await lastUse()).not.toBe(aged);
    });

    it('rejects an oversize upload and sends security headers', async () => {
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      const form = new FormData();
      form.append('files', new Blob(['member_id,due_on\n' + 'M1,2025-01-01\n'.repeat(500)]), 'renewals.csv');
      const res = await fetch(`${address}/api/imports`, { method: 'POST', body: form, headers: { authorization: bearer.manager! } });
      expect(res.status).toBe(413);
      const health = await app.inject({ method: 'GET', url: '/healthz' });
      expect(health.headers['x-content-type-options']).toBe('nosniff');
      expect(String(health.headers['content-security-policy'])).toContain("default-src 'self'");
      expect(String(health.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
      expect(health.headers['x-frame-options']).toBe('DENY');
      expect((await app.inject({ method: 'GET', url: '/api/scorecard?period=2025-03' })).statusCode).toBe(401);
      const member = await app.inject({ method: 'GET', url: '/api/members/H1', headers: { authorization: bearer.manager! } });
      expect(member.headers['cache-control']).toBe('no-store');
      // Headers beyond Node's limit: a 431 problem on the wire.
      const huge = await fetch(`${address}/healthz`, { headers: { 'x-filler': 'x'.repeat(20_000) } });
      expect([huge.status, huge.headers.get('content-type')]).toEqual([431, 'application/problem+json']);
      expect(((await huge.json()) as { code: string }).code).toBe('headers_too_large');
    });
  });
}
