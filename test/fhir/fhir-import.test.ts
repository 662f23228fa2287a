// FHIR R4 import on both databases, against the Synthea files written outside this project
// (data/fhir-synthea, gzipped as kept in the repository) and against small files that break one rule each: every resource
// is accounted for, the members and enrollments are what the files say, rejects name file, line or
// entry, element and reason, and the good resources are kept.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { csvObjects } from '../../src/domain/import/csv-text.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import type { ImportReport } from '../../src/domain/import/import-report.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { metricMembers } from '../../src/domain/scorecard/metric-members.service.js';
import { testTargets } from '../support/db-targets.js';
import { truncateAll } from '../support/isolation.js';

const DATA = resolve(import.meta.dirname, '../../data/fhir-synthea');
const BULK_1000 = join(DATA, 'bulk-ndjson-1000-patients');
const BULK_10 = join(DATA, 'bulk-ndjson-10-patients');
const BUNDLES = join(DATA, 'synthea-r4-bundles');

let root: string;
let caseNo = 0;

function writeCase(files: Record<string, unknown[] | string>): string {
  const dir = join(root, `case-${++caseNo}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    const text =
      typeof content === 'string'
        ? content
        : name.endsWith('.ndjson')
          ? content.map((r) => JSON.stringify(r)).join('\n') + '\n'
          : JSON.stringify(content[0]);
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const run = (db: Db, paths: string[]): Promise<ImportReport> => importPaths(db, paths, { reportDir: join(root, `report-${++caseNo}`) });

/** Every resource type's resources add up: imported + used + ignored + rejected = read. */
function expectAccountsAddUp(report: ImportReport): void {
  for (const [type, a] of Object.entries(report.fhir!.resources)) {
    expect(a.imported + a.used + a.ignored + a.rejected, type).toBe(a.read);
  }
  for (const f of report.files) expect(f.accepted + f.updated + f.duplicates + f.rejected, f.file).toBe(f.rowsRead);
}

const csvRows = (path: string): Record<string, string>[] => csvObjects(readFileSync(path, 'utf8'));

const patient = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  resourceType: 'Patient',
  id,
  gender: 'female',
  birthDate: '1990-04-02',
  ...extra,
});

const DIPLOMAT_TYPE = 'urn:diplomat:CodeSystem:action-type';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'diplomat-fhir-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

for (const target of testTargets()) {
  describe(`FHIR import (${target.name})`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
    });
    beforeEach(async () => {
      await truncateAll(db);
    });
    afterAll(async () => {
      await db.close();
    });

    it('imports the 1,000-patient bulk export: every resource accounted for, members as the files say, idempotent', async () => {
      const report = await run(db, [BULK_1000]);
      expectAccountsAddUp(report);
      const r = report.fhir!.resources;
      expect(r.Patient).toMatchObject({ read: 1144, imported: 1144, rejected: 0 });
      expect(r.Organization).toMatchObject({ read: 835, imported: 835 });
      expect(r.Practitioner).toMatchObject({ read: 835, imported: 835 });
      // log.ndjson is the export's log, not FHIR: not read as resources.
      expect(report.fhir!.sources.sort()).toEqual(['Organization.000.ndjson.gz', 'Patient.000.ndjson.gz', 'Practitioner.000.ndjson.gz']);

      // An independent reading of the file: each patient's race, as its one OMB category says.
      const lines = gunzipSync(readFileSync(join(BULK_1000, 'Patient.000.ndjson.gz')))
        .toString('utf8')
        .trim()
        .split('\n');
      const expectedRace = new Map<string, number>();
      const omb: Record<string, string> = {
        '2106-3': 'white',
        '2054-5': 'black',
        '2028-9': 'asian',
        '1002-5': 'american_indian',
        '2076-8': 'pacific_islander',
      };
      for (const line of lines) {
        const p = JSON.parse(line) as { extension?: { url: string; extension?: { url: string; valueCoding?: { code: string } }[] }[] };
        const codes = (p.extension ?? [])
          .filter((e) => e.url.endsWith('us-core-race'))
          .flatMap((e) => e.extension ?? [])
          .filter((e) => e.url === 'ombCategory')
          // A v3 NullFlavor (UNK, ASKU) in place of a category says the race is not known.
          .map((e) => omb[e.valueCoding!.code] ?? (['UNK', 'ASKU'].includes(e.valueCoding!.code) ? null : 'other'))
          .filter((race) => race !== null);
        const race = codes.length === 0 ? 'unknown' : codes.length > 1 ? 'multiple' : codes[0]!;
        expectedRace.set(race, (expectedRace.get(race) ?? 0) + 1);
      }
      const { rows: races } = await sql<{
        race: string;
        n: string;
      }>`SELECT coalesce(race, 'unknown') AS race, count(*) AS n FROM members GROUP BY 1`.execute(db.kysely);
      expect(Object.fromEntries(races.map((x) => [x.race, Number(x.n)]))).toEqual(Object.fromEntries(expectedRace));

      // One member checked by hand against the first line of Patient.000.ndjson.
      const { rows } = await sql<Record<string, unknown>>`
        SELECT member_id, birth_date::text AS birth_date, sex, race, ethnicity, language, zip, risk_tier, phone
        FROM members WHERE member_id = '001ea705-d3ba-5329-0b27-a7fbde2f4007'`.execute(db.kysely);
      expect(rows[0]).toEqual({
        member_id: '001ea705-d3ba-5329-0b27-a7fbde2f4007',
        birth_date: '1943-03-17',
        sex: 'M',
        race: 'white',
        ethnicity: 'not_hispanic',
        language: 'ru',
        zip: '00000',
        risk_tier: 'low',
        phone: '555-806-9773',
      });

      const again = await run(db, [BULK_1000]);
      expect(again.totals.accepted + again.totals.updated).toBe(0);
      expect(again.totals.duplicates).toBe(1144 + 835 + 835);
    });

    it('imports Bundles and clinical NDJSON: enrollment spans from the claims, clinical types ignored with counts', async () => {
      const report = await run(db, [BUNDLES, BULK_10]);
      expectAccountsAddUp(report);
      const r = report.fhir!.resources;
      expect(r.Patient).toMatchObject({ read: 63, imported: 63 });
      expect(r.ExplanationOfBenefit).toMatchObject({ read: 666, used: 666 });
      expect(r.Observation!.ignored_because).toEqual({ 'not a type Diplomat imports': 3675 });
      expect(r.Encounter!.ignored).toBe(1215 + 666);

      // Fatima Windler's 15 claims, read by hand: private, then medicaid, then private again.
      const file = readdirSync(BUNDLES).find((n) => n.startsWith('Fatima_Windler_'))!;
      const memberId = /_([0-9a-f-]{36})\.json\.gz$/.exec(file)![1]!;
      const { rows } = await sql<Record<string, unknown>>`
        SELECT line_of_business, product, enrolled_from::text AS enrolled_from, enrolled_to::text AS enrolled_to
        FROM enrollments WHERE member_id = ${memberId} ORDER BY enrolled_from`.execute(db.kysely);
      expect(rows).toEqual([
        { line_of_business: 'commercial', product: 'other', enrolled_from: '1997-10-06', enrolled_to: '1998-10-07' },
        { line_of_business: 'medicaid', product: 'other', enrolled_from: '2001-08-20', enrolled_to: '2002-08-21' },
        { line_of_business: 'commercial', product: 'other', enrolled_from: '2010-05-12', enrolled_to: '2021-02-02' },
      ]);
      const { rows: member } = await sql<Record<string, unknown>>`
        SELECT birth_date::text AS birth_date, sex FROM members WHERE member_id = ${memberId}`.execute(db.kysely);
      expect(member[0]).toEqual({ birth_date: '1973-05-14', sex: 'F' });
      // Her age as the scorecard segments it: 47 on 2020-12-31, so 45-64 — and, enrolled then, in its population.
      const ofBand = async (band: string): Promise<string[]> =>
        (
          await metricMembers(db, { metric: 'care_management_rate', period: '2020', by: 'age_band', segment_value: band, limit: 1000 })
        ).items.map((i) => i.member_id);
      expect(await ofBand('45-64')).toContain(memberId);
      expect(await ofBand('18-44')).not.toContain(memberId);
    });

    it('rejects what breaks a rule with file, line or entry, element and reason, and keeps the rest', async () => {
      const dir = writeCase({
        'Patient.ndjson': [
          patient('M1'),
          { resourceType: 'Patient', id: 'M2', gender: 'mail' },
          patient('M3', { extension: [{ url: 'urn:diplomat:StructureDefinition:risk-tier', valueCode: 'high' }] }),
        ],
        'Communication.ndjson': [
          {
            resourceType: 'Communication',
            id: 'A1',
            status: 'completed',
            subject: { reference: 'Patient/M1' },
            sent: '2025-03-04T10:00:00Z',
            category: [{ coding: [{ system: DIPLOMAT_TYPE, code: 'cost_guidance' }] }],
            medium: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode', code: 'PHONE' }] }],
          },
          { resourceType: 'Communication', id: 'A2', status: 'completed', subject: { reference: 'Patient/NOBODY' }, sent: '2025-03-04' },
          { resourceType: 'Communication', id: 'A3', status: 'completed', subject: { reference: 'Patient/M1' } },
        ],
        'bundle.json': [
          {
            resourceType: 'Bundle',
            type: 'collection',
            entry: [
              {
                fullUrl: 'urn:uuid:1',
                resource: {
                  resourceType: 'Coverage',
                  status: 'active',
                  beneficiary: { reference: 'urn:uuid:missing' },
                  payor: [{ display: 'x' }],
                  type: { text: 'medicaid' },
                  period: { start: '2025-01-01' },
                },
              },
              {
                fullUrl: 'urn:uuid:2',
                resource: {
                  resourceType: 'Coverage',
                  status: 'active',
                  beneficiary: { reference: 'Patient/M3' },
                  payor: [{ display: 'State Medicaid HMO' }],
                  type: { text: 'medicaid' },
                  period: { start: '2025-01-01' },
                },
              },
            ],
          },
        ],
        'Broken.ndjson': 'not json\n',
      });
      const report = await run(db, [dir]);
      expectAccountsAddUp(report);

      const rejects = csvRows(report.fhir!.rejectsPath!);
      expect(rejects).toContainEqual({
        _source: 'Patient.ndjson line 2',
        _resource_type: 'Patient',
        _location: 'Patient.gender',
        _reason: 'must be one of male, female, other, unknown',
      });
      expect(rejects).toContainEqual({
        _source: 'bundle.json entry 0',
        _resource_type: 'Coverage',
        _location: 'Coverage.beneficiary',
        _reason: 'refers to an entry that is not in this Bundle',
      });
      expect(rejects).toContainEqual(expect.objectContaining({ _source: 'Communication.ndjson line 3', _location: 'Communication.sent' }));
      // The rejected resource itself, to fix and import again.
      expect(readFileSync(join(report.reportDir, 'rejected', 'Patient.rejected.ndjson'), 'utf8')).toContain('"gender":"mail"');
      // Broken.ndjson is not named after a resource type: a directory skips it, like an unknown CSV.
      expect(report.fhir!.unreadable).toBe(0);

      // The importer's own check (an unknown member) names the FHIR line and element too.
      const actions = report.files.find((f) => f.file === 'actions')!;
      expect(actions).toMatchObject({ accepted: 1, rejected: 1 });
      expect(csvRows(actions.rejectsPath!)[0]).toMatchObject({
        _source: 'Communication.ndjson line 2',
        _location: 'Communication.subject',
        action_id: 'A2',
      });
      expect(report.fhir!.resources.Communication).toMatchObject({ read: 3, imported: 1, rejected: 2 });

      const { rows } = await sql<Record<string, unknown>>`SELECT action_id, member_id, action_type, channel FROM actions`.execute(
        db.kysely,
      );
      expect(rows).toEqual([{ action_id: 'A1', member_id: 'M1', action_type: 'cost_guidance', channel: 'phone' }]);
      const { rows: enrollments } = await sql<
        Record<string, unknown>
      >`SELECT member_id, line_of_business, product FROM enrollments`.execute(db.kysely);
      expect(enrollments).toEqual([{ member_id: 'M3', line_of_business: 'medicaid', product: 'hmo' }]);
      const { rows: members } = await sql<{
        member_id: string;
        risk_tier: string;
      }>`SELECT member_id, risk_tier FROM members ORDER BY 1`.execute(db.kysely);
      expect(members).toEqual([
        { member_id: 'M1', risk_tier: 'low' },
        { member_id: 'M3', risk_tier: 'high' },
      ]);
    });

    it('reads a file of broken lines as rejects, and never overwrites what FHIR does not carry', async () => {
      const csvDir = writeCase({ 'members.csv': 'member_id,risk_tier,pcp_assignment\nM1,high,auto\n' });
      await run(db, [csvDir]);
      const dir = writeCase({ 'Patient.000.ndjson': `${JSON.stringify(patient('M1'))}\nnot json\n{"no":"type"}\n` });
      const report = await run(db, [join(dir, 'Patient.000.ndjson')]);
      expect(report.fhir!.unreadable).toBe(2);
      const rejects = csvRows(report.fhir!.rejectsPath!);
      expect(rejects.map((x) => [x._source, x._reason])).toEqual([
        ['Patient.000.ndjson line 2', 'is not JSON'],
        ['Patient.000.ndjson line 3', 'is not a FHIR resource (no resourceType)'],
      ]);
      const { rows } = await sql<Record<string, unknown>>`SELECT risk_tier, pcp_assignment, sex FROM members`.execute(db.kysely);
      expect(rows).toEqual([{ risk_tier: 'high', pcp_assignment: 'auto', sex: 'F' }]);
    });

    it('imports care teams, episodes of care, tasks, appointments and health-risk assessments', async () => {
      const dir = writeCase({
        'Organization.ndjson': [
          {
            resourceType: 'Organization',
            id: 'P1',
            name: 'Food Bank',
            type: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: 'cg' }] }],
          },
        ],
        'PractitionerRole.ndjson': [
          {
            resourceType: 'PractitionerRole',
            practitioner: { reference: 'Practitioner/S1' },
            organization: { reference: 'Organization/P1' },
            code: [{ text: 'Community Health Worker' }],
            period: { start: '2024-02-01' },
          },
        ],
        'Practitioner.ndjson': [{ resourceType: 'Practitioner', id: 'S1', name: [{ given: ['Ana'], family: 'Ruiz' }] }],
        'Patient.ndjson': [patient('M1')],
        'CareTeam.ndjson': [
          {
            resourceType: 'CareTeam',
            subject: { reference: 'Patient/M1' },
            period: { start: '2025-01-05' },
            participant: [{ member: { reference: 'Practitioner/S1' } }],
          },
        ],
        'EpisodeOfCare.ndjson': [
          {
            resourceType: 'EpisodeOfCare',
            status: 'active',
            patient: { reference: 'Patient/M1' },
            type: [{ text: 'diabetes' }],
            period: { start: '2025-02-01' },
          },
        ],
        'Task.ndjson': [
          {
            resourceType: 'Task',
            id: 'T1',
            status: 'completed',
            intent: 'order',
            for: { reference: 'Patient/M1' },
            owner: { reference: 'Practitioner/S1' },
            code: { coding: [{ system: DIPLOMAT_TYPE, code: 'chw_visit' }] },
            executionPeriod: { start: '2025-03-01T09:00:00Z' },
          },
          {
            resourceType: 'Task',
            id: 'T2',
            status: 'requested',
            intent: 'order',
            for: { reference: 'Patient/M1' },
            code: { coding: [{ system: DIPLOMAT_TYPE, code: 'chw_visit' }] },
          },
        ],
        'Appointment.ndjson': [
          {
            resourceType: 'Appointment',
            id: 'AP1',
            status: 'booked',
            created: '2025-03-02',
            serviceType: [{ coding: [{ system: DIPLOMAT_TYPE, code: 'pcp_appointment' }] }],
            participant: [{ actor: { reference: 'Patient/M1' }, status: 'accepted' }],
          },
        ],
        'QuestionnaireResponse.ndjson': [
          {
            resourceType: 'QuestionnaireResponse',
            id: 'Q1',
            status: 'completed',
            questionnaire: 'urn:plan:Questionnaire/hra-2025',
            subject: { reference: 'Patient/M1' },
            authored: '2025-03-03T12:00:00Z',
          },
          {
            resourceType: 'QuestionnaireResponse',
            id: 'Q2',
            status: 'completed',
            questionnaire: 'urn:plan:Questionnaire/satisfaction',
            subject: { reference: 'Patient/M1' },
            authored: '2025-03-03T12:00:00Z',
          },
        ],
      });
      const report = await run(db, [dir]);
      expectAccountsAddUp(report);
      expect(report.totals.rejected).toBe(0);
      expect(report.fhir!.resources.Task!.ignored_because).toEqual({ 'status is requested, not done': 1 });
      expect(report.fhir!.resources.QuestionnaireResponse!.ignored_because).toEqual({ 'not a health-risk assessment': 1 });
      const q = async (text: ReturnType<typeof sql>): Promise<unknown[]> => (await text.execute(db.kysely)).rows;
      expect(await q(sql`SELECT staff_id, role, partner_id, hired_on::text AS hired_on FROM staff`)).toEqual([
        { staff_id: 'S1', role: 'chw', partner_id: 'P1', hired_on: '2024-02-01' },
      ]);
      expect(await q(sql`SELECT kind FROM partners`)).toEqual([{ kind: 'community' }]);
      expect(await q(sql`SELECT member_id, staff_id, assigned_on::text AS assigned_on FROM caseload`)).toEqual([
        { member_id: 'M1', staff_id: 'S1', assigned_on: '2025-01-05' },
      ]);
      expect(await q(sql`SELECT program, enrolled_on::text AS enrolled_on FROM care_programs`)).toEqual([
        { program: 'diabetes', enrolled_on: '2025-02-01' },
      ]);
      expect(await q(sql`SELECT action_id, action_type, staff_id, outcome FROM actions ORDER BY action_id`)).toEqual([
        { action_id: 'AP1', action_type: 'pcp_appointment', staff_id: null, outcome: 'scheduled' },
        { action_id: 'Q1', action_type: 'hra_call', staff_id: null, outcome: 'completed' },
        { action_id: 'T1', action_type: 'chw_visit', staff_id: 'S1', outcome: null },
      ]);
    });
  });
}
