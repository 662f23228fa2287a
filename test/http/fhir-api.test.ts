// The FHIR routes through app.inject on both databases: authorization like /api, the
// CapabilityStatement, MeasureReports with the scorecard's numbers (suppressed alike for a
// partner), and the bulk NDJSON export with its audit.
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { schemaProblem } from '../../src/domain/import/fhir/fhir-schema.js';
import { testTargets } from '../support/db-targets.js';
import { appWith, bearerFor, loadFixture } from './api-fixture.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

for (const target of testTargets()) {
  describe(`FHIR API (${target.name})`, () => {
    let db: Db;
    let app: FastifyInstance;
    const as = async (authorization: string | null, url: string) => {
      const r = await app.inject({ method: 'GET', url, headers: authorization ? { authorization } : {} });
      return { status: r.statusCode, type: String(r.headers['content-type'] ?? ''), body: r.body, json: () => r.json<Json>() };
    };
    let manager = '';
    beforeAll(async () => {
      db = await target.open();
      app = await appWith(db);
      await loadFixture(db);
      manager = await bearerFor(db, 'manager');
    });
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('answers only signed-in callers, with a valid CapabilityStatement', async () => {
      expect((await as(null, '/fhir/metadata')).status).toBe(401);
      expect((await as(null, '/fhir/MeasureReport?period=2025-03')).status).toBe(401);
      const res = await as(manager, '/fhir/metadata');
      expect(res.status).toBe(200);
      expect(res.type).toContain('application/fhir+json');
      expect(schemaProblem(res.json() as { resourceType: string })).toBeNull();
      expect(res.json()).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
    });

    it('serves Measures and MeasureReports with the numbers of the scorecard', async () => {
      const measures = (await as(manager, '/fhir/Measure')).json();
      expect(measures.total).toBeGreaterThan(20);
      expect((await as(manager, '/fhir/Measure/contact-rate')).json()).toMatchObject({ resourceType: 'Measure', name: 'contact_rate' });
      expect((await as(manager, '/fhir/Measure/nope')).status).toBe(404);

      const bundle = (await as(manager, '/fhir/MeasureReport?period=2025-03&measure=contact-rate&segment=risk_tier')).json();
      expect(schemaProblem(bundle as { resourceType: string })).toBeNull();
      expect(bundle.total).toBe(1);
      const report = bundle.entry[0].resource;
      const row = (await as(manager, '/api/scorecard?period=2025-03')).json().rows.find((r: Json) => r.metric === 'contact_rate');
      const count = (pops: Json[], code: string) => pops.find((p) => p.code.coding[0].code === code)?.count;
      expect([count(report.group[0].population, 'numerator'), count(report.group[0].population, 'denominator')]).toEqual([
        row.numerator,
        row.denominator,
      ]);
      expect(report.group[0].stratifier[0].stratum.map((s: Json) => s.value.text)).toEqual(['high', 'low']);
      expect((await as(manager, '/fhir/MeasureReport?period=2025-13')).status).toBe(400);
      // The fixture has no contracts: an empty searchset, not an error.
      const contracts = (await as(manager, '/fhir/MeasureReport?period=2025-03&contract=*')).json();
      expect(contracts).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 0 });
    });

    it('hides from a partner the counts the scorecard hides, and refuses it the bulk export', async () => {
      const partner = await bearerFor(db, 'partner', 'P1');
      const scorecard = (await as(partner, '/api/scorecard?period=2025-03')).json().rows.find((r: Json) => r.metric === 'contact_rate');
      expect(scorecard.numerator).toBe('suppressed');
      const report = (await as(partner, '/fhir/MeasureReport?period=2025-03&measure=contact-rate')).json().entry[0].resource;
      const numerator = report.group[0].population.find((p: Json) => p.code.coding[0].code === 'numerator');
      expect(numerator.count).toBeUndefined();
      expect(report.group[0].measureScore).toBeUndefined();
      expect((await as(partner, '/fhir/export/Patient')).status).toBe(403);
    });

    it('exports every member as NDJSON, valid FHIR, and audits each member read', async () => {
      const res = await as(manager, '/fhir/export/Patient');
      expect(res.status).toBe(200);
      expect(res.type).toContain('application/fhir+ndjson');
      const lines = res.body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { resourceType: string; identifier: { value: string }[] });
      expect(lines).toHaveLength(17);
      for (const p of lines) expect(schemaProblem(p)).toBeNull();
      const { rows } = await sql<{
        member_id: string;
      }>`SELECT member_id FROM audit_log WHERE via = 'GET /fhir/export/:type (FHIR export Patient)'`.execute(db.kysely);
      expect(rows.map((r) => r.member_id).sort()).toEqual(lines.map((p) => p.identifier[0]!.value).sort());
      expect((await as(manager, '/fhir/export/Observation')).status).toBe(400);
    });
  });
}
