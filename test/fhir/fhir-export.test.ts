// FHIR export on both databases: every exported resource is valid against HL7's R4 JSON schema,
// the bulk NDJSON imports into an empty database as the same ledger (round trip), and the
// MeasureReports carry the scorecard's own numbers.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { SYSTEM } from '../../src/domain/auth/permissions.js';
import type { Measure, MeasureReport } from 'fhir/r4.js';
import { computeContractScorecard } from '../../src/domain/contracts/contract-scorecard.service.js';
import { exportFhirDir, fhirContractReports, fhirMeasureReports, fhirMeasures } from '../../src/domain/fhir/fhir-export.service.js';
import { schemaProblem } from '../../src/domain/import/fhir/fhir-schema.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { computeScorecard } from '../../src/domain/scorecard/scorecard.service.js';
import { generateSyntheticPlan } from '../../src/domain/synth/synth.service.js';
import { testTargets } from '../support/db-targets.js';

/** What each table holds, as text rows in key order: the round trip must give the same. */
const LEDGER: Record<string, string> = {
  partners: 'SELECT partner_id, name, kind FROM partners ORDER BY 1',
  staff: 'SELECT staff_id, name, role, partner_id, hired_on::text, left_on::text FROM staff ORDER BY 1',
  members:
    'SELECT member_id, birth_date::text, sex, race, ethnicity, language, county, zip, risk_tier, phone, email FROM members ORDER BY 1',
  enrollments: 'SELECT member_id, line_of_business, product, enrolled_from::text, enrolled_to::text FROM enrollments ORDER BY 1, 4',
  care_programs: 'SELECT member_id, program, enrolled_on::text, disenrolled_on::text FROM care_programs ORDER BY 1, 2, 3',
  caseload: 'SELECT member_id, staff_id, assigned_on::text, unassigned_on::text FROM caseload ORDER BY 1, 2, 3',
  actions: `SELECT action_id, member_id, action_type, occurred_at, staff_id, channel, outcome, personalized, campaign_id, partner_id, minutes
            FROM actions WHERE member_id <> '' AND voided_at IS NULL ORDER BY 1`,
};

const ledgerOf = async (db: Db, table: string): Promise<unknown[]> => (await sql.raw(LEDGER[table]!).execute(db.kysely)).rows;

let root: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'diplomat-fhir-export-'));
  await generateSyntheticPlan({ members: 250, outDir: join(root, 'plan'), seed: 5, through: '2025-06' });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

for (const target of testTargets()) {
  describe(`FHIR export (${target.name})`, () => {
    let source: Db;
    let copy: Db;
    let out: string;
    beforeAll(async () => {
      source = await target.open();
      copy = await target.open();
      const loaded = await importPaths(source, [join(root, 'plan')], { reportDir: join(root, `report-a-${target.name}`) });
      expect(loaded.totals.rejected).toBe(0);
      // A voided action counts nowhere, so it is not exported.
      await sql`UPDATE actions SET voided_at = now() WHERE action_id = (SELECT min(action_id) FROM actions)`.execute(source.kysely);
      out = join(root, `export-${target.name}`);
      await exportFhirDir(source, out);
    });
    afterAll(async () => {
      await source.close();
      await copy.close();
    });

    it('writes only resources valid against the HL7 FHIR R4 schema', () => {
      const files = readdirSync(out).sort();
      expect(files).toEqual(
        [
          'CareTeam',
          'Communication',
          'Coverage',
          'EpisodeOfCare',
          'Measure',
          'Organization',
          'Patient',
          'Practitioner',
          'PractitionerRole',
          'Task',
        ].map((t) => `${t}.ndjson`),
      );
      let checked = 0;
      for (const file of files) {
        for (const line of readFileSync(join(out, file), 'utf8').trim().split('\n')) {
          const resource = JSON.parse(line) as { resourceType: string };
          expect(schemaProblem(resource), `${file}: ${line.slice(0, 120)}`).toBeNull();
          expect(`${resource.resourceType}.ndjson`).toBe(file);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(1000);
    });

    it('imports back into an empty database as the same ledger', async () => {
      // Campaigns are not FHIR resources here: they come as their CSV, as a plan would send them.
      const report = await importPaths(copy, [out, join(root, 'plan', 'campaigns.csv')], {
        reportDir: join(root, `report-b-${target.name}`),
      });
      expect(report.totals.rejected).toBe(0);
      expect(report.fhir!.resources.Measure).toMatchObject({ ignored: fhirMeasures().length });
      for (const table of Object.keys(LEDGER)) {
        const [a, b] = [await ledgerOf(source, table), await ledgerOf(copy, table)];
        expect(b.length, table).toBe(a.length);
        expect(b, table).toEqual(a);
      }
      // The voided action stayed behind.
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM actions`.execute(copy.kysely);
      expect(rows[0]!.n).toBe((await ledgerOf(source, 'actions')).length);
    });

    it('reports each measure with the scorecard numbers, stratified by segment, valid FHIR', async () => {
      const reports = await fhirMeasureReports(source, SYSTEM, { period: '2025-03', segment: 'line_of_business' });
      const plan = await computeScorecard(source, { period: '2025-03', by: null });
      const bySegment = await computeScorecard(source, { period: '2025-03', by: 'line_of_business' });
      for (const r of reports) expect(schemaProblem(r as unknown as { resourceType: string })).toBeNull();
      const contact = reports.find((r) => r.measure === 'urn:diplomat:Measure:contact_rate')!;
      const row = plan.find((x) => x.metric === 'contact_rate')!;
      const count = (code: string, pops: { code?: { coding?: { code?: string }[] }; count?: number }[] | undefined) =>
        pops?.find((p) => p.code?.coding?.[0]?.code === code)?.count;
      expect(contact.period).toEqual({ start: '2025-03-01', end: '2025-03-31' });
      expect(count('numerator', contact.group![0]!.population)).toBe(row.numerator);
      expect(count('denominator', contact.group![0]!.population)).toBe(row.denominator);
      expect(contact.group![0]!.measureScore?.value).toBe(row.value);
      const strata = contact.group![0]!.stratifier![0]!.stratum!;
      const expected = bySegment.filter((x) => x.metric === 'contact_rate');
      expect(strata.map((s) => [s.value!.text, count('numerator', s.population), count('denominator', s.population)])).toEqual(
        expected.map((x) => [x.segment_value, x.numerator, x.denominator]),
      );
      // A split metric has one group per risk tier.
      const attempts = reports.find((r) => r.measure === 'urn:diplomat:Measure:contact_attempts_per_member_month')!;
      expect(attempts.group!.map((g) => g.code?.text)).toEqual(['high risk tier', 'low risk tier']);
      for (const m of fhirMeasures()) expect(schemaProblem(m as unknown as { resourceType: string })).toBeNull();
    });

    it("reports the contracts' measures with the contract scorecard's numbers, their Measures included", async () => {
      const bundle = await fhirContractReports(source, SYSTEM, { period: '2025', contract: '*' });
      expect(schemaProblem(bundle as unknown as { resourceType: string })).toBeNull();
      const rows = await computeContractScorecard(source, { period: '2025' });
      expect(rows.length).toBeGreaterThan(0);
      const matches = bundle.entry!.filter((e) => e.search?.mode === 'match').map((e) => e.resource as MeasureReport);
      const included = bundle.entry!.filter((e) => e.search?.mode === 'include').map((e) => e.resource as Measure);
      expect(matches).toHaveLength(rows.length);
      const url = (contract: string, measure?: string): string =>
        `urn:diplomat:Measure:contract:${encodeURIComponent(contract)}:2025${measure === undefined ? '' : `:${encodeURIComponent(measure)}`}`;
      for (const row of rows) {
        const report = matches.find((m) => m.measure === url(row.contract_id, row.measure_id ?? undefined))!;
        const score = report.group![0]!.measureScore?.value ?? null;
        expect(score, `${row.contract_id} ${row.measure_id}`).toBe('score' in row ? row.score : row.value);
        // Every report's Measure is in the Bundle.
        expect(included.some((m) => m.url === report.measure)).toBe(true);
      }
    });
  });
}
