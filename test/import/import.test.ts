// The importer's contract (SPEC.md §1) on both databases: every validation rule rejects its row
// with file, line, column and reason; counts add up; re-import is a no-op; changed rows update.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvObjects } from '../../src/domain/import/csv-text.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import type { FileReport, ImportReport } from '../../src/domain/import/import-report.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { testTargets } from '../support/db-targets.js';
import { truncateAll } from '../support/isolation.js';

const BASE: Record<string, string> = {
  'partners.csv': 'partner_id,name,kind\nP1,Food Bank,community\nP2,Hospital,provider\n',
  'staff.csv': 'staff_id,name,role,partner_id,hired_on,left_on\nS1,Ann,case_manager,,2024-01-01,\nS2,Bo,chw,P1,2024-01-01,\n',
  'campaigns.csv': 'campaign_id,name,starts_on,ends_on,partner_ids\nC1,Flu,2025-01-01,2025-03-31,P1;P2\n',
  'members.csv': 'member_id,birth_date,risk_tier,pcp_assignment\nM1,1980-01-01,high,auto\nM2,,low,\n',
};

let root: string;
let caseNo = 0;

function writeCase(contents: Record<string, string>): string {
  const dir = join(root, `case-${++caseNo}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(contents)) writeFileSync(join(dir, name), text);
  return dir;
}

async function run(db: Db, contents: Record<string, string>): Promise<ImportReport> {
  const dir = writeCase(contents);
  return importPaths(db, [dir], { reportDir: join(dir, 'report'), tuning: { chunkRows: 2 } });
}

function fileOf(report: ImportReport, file: string): FileReport {
  const f = report.files.find((x) => x.file === file);
  if (!f) throw new Error(`no report for ${file}`);
  return f;
}

function rejectsOf(f: FileReport): Record<string, string>[] {
  expect(f.rejectsPath).not.toBeNull();
  return csvObjects(readFileSync(f.rejectsPath!, 'utf8'));
}

function expectAddsUp(f: FileReport): void {
  expect(f.accepted + f.updated + f.duplicates + f.rejected).toBe(f.rowsRead);
}

const ACTION_HEADER = 'action_id,member_id,action_type,occurred_at,staff_id,channel,outcome,personalized,campaign_id,partner_id,minutes\n';

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'diplomat-import-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

for (const target of testTargets()) {
  describe(`import (${target.name})`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
    });
    // Each test starts from an empty database holding only the base files.
    beforeEach(async () => {
      await truncateAll(db);
      const report = await run(db, BASE);
      expect(report.totals.rejected).toBe(0);
    });
    afterAll(async () => db?.close());

    // One failing row per rule: [file, row, column, reason fragment].
    const RULES: [string, string, string, string, string][] = [
      ['required value', 'members.csv', 'member_id,risk_tier\n,high\n', 'member_id', 'is required'],
      ['listed value', 'members.csv', 'member_id,risk_tier\nMX,medium\n', 'risk_tier', 'must be one of high, low'],
      ['date must exist', 'members.csv', 'member_id,risk_tier,birth_date\nMX,low,2025-02-30\n', 'birth_date', 'not a real calendar date'],
      ['date format', 'members.csv', 'member_id,risk_tier,birth_date\nMX,low,03/04/2025\n', 'birth_date', 'YYYY-MM-DD'],
      ['id length', 'members.csv', `member_id,risk_tier\n${'x'.repeat(65)},low\n`, 'member_id', 'longer than 64'],
      ['timestamp format', 'actions.csv', `${ACTION_HEADER}A1,M1,outreach,yesterday,,,,,,,\n`, 'occurred_at', 'ISO 8601'],
      [
        'timestamp time of day',
        'actions.csv',
        `${ACTION_HEADER}A1,M1,outreach,2025-03-01T24:10:00Z,,,,,,,\n`,
        'occurred_at',
        'time of day',
      ],
      ['minutes whole number', 'actions.csv', `${ACTION_HEADER}A1,M1,outreach,2025-03-01T10:00:00Z,,,,,,,-5\n`, 'minutes', 'whole number'],
      ['minutes not decimal', 'actions.csv', `${ACTION_HEADER}A1,M1,outreach,2025-03-01T10:00:00Z,,,,,,,1.5\n`, 'minutes', 'whole number'],
      [
        'personalized boolean',
        'actions.csv',
        `${ACTION_HEADER}A1,M1,outreach,2025-03-01T10:00:00Z,,,,yes,,,\n`,
        'personalized',
        'true or false',
      ],
      ['action type', 'actions.csv', `${ACTION_HEADER}A1,M1,hug,2025-03-01T10:00:00Z,,,,,,,\n`, 'action_type', 'must be one of'],
      ['outcome', 'actions.csv', `${ACTION_HEADER}A1,M1,outreach,2025-03-01T10:00:00Z,,,maybe,,,,\n`, 'outcome', 'must be one of'],
      ['channel', 'actions.csv', `${ACTION_HEADER}A1,M1,outreach,2025-03-01T10:00:00Z,,fax,,,,,\n`, 'channel', 'must be one of'],
      [
        'campaign touch needs campaign',
        'actions.csv',
        `${ACTION_HEADER}A1,M1,campaign_touch,2025-03-01T10:00:00Z,,,,,,,\n`,
        'campaign_id',
        'required when action_type is campaign_touch',
      ],
      ['unknown member', 'actions.csv', `${ACTION_HEADER}A1,M404,outreach,2025-03-01T10:00:00Z,,,,,,,\n`, 'member_id', 'not known'],
      ['unknown staff', 'actions.csv', `${ACTION_HEADER}A1,M1,outreach,2025-03-01T10:00:00Z,S404,,,,,,\n`, 'staff_id', 'not known'],
      [
        'unknown campaign',
        'actions.csv',
        `${ACTION_HEADER}A1,M1,campaign_touch,2025-03-01T10:00:00Z,,,,,C404,,\n`,
        'campaign_id',
        'not known',
      ],
      ['unknown partner', 'actions.csv', `${ACTION_HEADER}A1,M1,outreach,2025-03-01T10:00:00Z,,,,,,P404,\n`, 'partner_id', 'not known'],
      [
        'unknown partner in list',
        'campaigns.csv',
        'campaign_id,name,starts_on,partner_ids\nCX,X,2025-01-01,P1;P404\n',
        'partner_ids',
        'not known',
      ],
      ['staff partner', 'staff.csv', 'staff_id,role,partner_id,hired_on\nSX,chw,P404,2024-01-01\n', 'partner_id', 'not known'],
      [
        'enrollment member',
        'enrollments.csv',
        'member_id,line_of_business,product,enrolled_from\nM404,medicaid,hmo,2025-01-01\n',
        'member_id',
        'not known',
      ],
      [
        'enrolled_to before start',
        'enrollments.csv',
        'member_id,line_of_business,product,enrolled_from,enrolled_to\nM1,medicaid,hmo,2025-01-01,2024-12-31\n',
        'enrolled_to',
        'before enrolled_from',
      ],
      [
        'left_on before hired_on',
        'staff.csv',
        'staff_id,role,hired_on,left_on\nSX,chw,2024-01-02,2024-01-01\n',
        'left_on',
        'before hired_on',
      ],
      [
        'disenrolled_on before start',
        'care_programs.csv',
        'member_id,program,enrolled_on,disenrolled_on\nM1,dm,2025-02-01,2025-01-01\n',
        'disenrolled_on',
        'before enrolled_on',
      ],
      [
        'unassigned_on before start',
        'caseload.csv',
        'member_id,staff_id,assigned_on,unassigned_on\nM1,S1,2025-02-01,2025-01-01\n',
        'unassigned_on',
        'before assigned_on',
      ],
      ['caseload staff', 'caseload.csv', 'member_id,staff_id,assigned_on\nM1,S404,2025-02-01\n', 'staff_id', 'not known'],
      [
        'ends_on before start',
        'campaigns.csv',
        'campaign_id,name,starts_on,ends_on\nCX,X,2025-02-01,2025-01-01\n',
        'ends_on',
        'before starts_on',
      ],
      [
        'activity type',
        'member_activity.csv',
        'member_id,activity_type,occurred_at\nM1,tweet,2025-03-01T10:00:00Z\n',
        'activity_type',
        'must be one of',
      ],
      ['renewal member', 'renewals.csv', 'member_id,due_on\nM404,2025-03-01\n', 'member_id', 'not known'],
      ['field count', 'renewals.csv', 'member_id,due_on\nM1,2025-03-01,extra\n', '', 'has 3 fields'],
    ];

    for (const [rule, file, text, column, reason] of RULES) {
      it(`rejects a row that breaks a rule: ${rule}`, async () => {
        // A good row before the bad one must be kept.
        const [header, ...rest] = text.split('\n');
        const good = goodRowFor(file, header!);
        const report = await run(db, { [file]: `${header}\n${good}\n${rest.join('\n')}` });
        const f = report.files[0]!;
        expect(f.rowsRead).toBe(2);
        expect(f.rejected).toBe(1);
        expect(f.accepted + f.duplicates + f.updated).toBe(1);
        expectAddsUp(f);
        const [reject] = rejectsOf(f);
        expect(reject!._line).toBe('3');
        expect(reject!._column).toBe(column);
        expect(reject!._reason).toContain(reason);
      });
    }

    it('counts add up, re-import is a no-op, a changed row updates, the last row of a key wins', async () => {
      const actions = `${ACTION_HEADER}K1,M1,outreach,2025-03-01T10:00:00Z,S1,phone,reached,true,,,10
K2,M1,hra_call,2025-03-02T10:00:00Z,S1,phone,completed,,,,
K2,M1,hra_call,2025-03-02T10:00:00Z,S1,phone,completed,,,,
K3,M2,outreach,2025-03-03T10:00:00Z,,,no_answer,,,,
K3,M2,outreach,2025-03-03T10:00:00Z,,,reached,,,,
`;
      const first = fileOf(await run(db, { 'actions.csv': actions }), 'actions');
      expect(first).toMatchObject({ rowsRead: 5, accepted: 3, duplicates: 1, updated: 1, rejected: 0 });
      const again = fileOf(await run(db, { 'actions.csv': actions }), 'actions');
      // SPEC.md §1: the second time every row is a duplicate, even the superseded K3 row.
      expect(again).toMatchObject({ rowsRead: 5, accepted: 0, duplicates: 5, updated: 0, rejected: 0 });
      const k3 = await db.kysely.selectFrom('actions').select(['outcome']).where('action_id', '=', 'K3').execute();
      expect(k3).toEqual([{ outcome: 'reached' }]);

      const changed = `${ACTION_HEADER}K1,M2,outreach,2025-03-01T10:00:00Z,S1,phone,reached,true,,,25\n`;
      const upd = fileOf(await run(db, { 'actions.csv': changed }), 'actions');
      expect(upd).toMatchObject({ rowsRead: 1, accepted: 0, updated: 1, duplicates: 0 });
      // The action moved to another member: one row, under the new member.
      const k1 = await db.kysely.selectFrom('actions').select(['member_id', 'minutes']).where('action_id', '=', 'K1').execute();
      expect(k1).toEqual([{ member_id: 'M2', minutes: 25 }]);
    });

    it('imports a directory in dependency order whatever the file names sort as', async () => {
      const report = await run(db, {
        'actions.csv': `${ACTION_HEADER}D1,MD,outreach,2025-03-01T10:00:00,SD,,,,,,\n`,
        'staff.csv': 'staff_id,role,hired_on\nSD,nurse,2024-01-01\n',
        'members.csv': 'member_id,risk_tier\nMD,low\n',
      });
      expect(report.files.map((f) => f.file)).toEqual(['staff', 'members', 'actions']);
      expect(report.totals).toMatchObject({ rowsRead: 3, accepted: 3, rejected: 0 });
    });

    it('member activity without an id is keyed by member, type and time', async () => {
      const text =
        'activity_id,member_id,activity_type,occurred_at\n,M1,portal_login,2025-04-01T10:00:00Z\n' +
        ',M1,portal_login,2025-04-01T04:00:00-06:00\n,M2,portal_login,2025-04-01T10:00:00Z\nX9,M1,portal_login,2025-04-01T10:00:00Z\n';
      const f = fileOf(await run(db, { 'member_activity.csv': text }), 'member_activity');
      // The second row is the same instant as the first: a duplicate.
      expect(f).toMatchObject({ rowsRead: 4, accepted: 3, duplicates: 1 });
    });

    it('a header without a required column fails the file and keeps nothing of it', async () => {
      const report = await run(db, { 'renewals.csv': 'member_id\nM1\n' });
      expect(report.failedFiles).toBe(1);
      expect(report.files[0]!.error).toContain('missing required column(s) due_on');
    });

    it('unknown columns are ignored with one warning; rejects files import again', async () => {
      const report = await run(db, { 'renewals.csv': 'member_id,due_on,note,color\nM1,2025-05-01,a,b\nM1,2025-13-01,c,d\n' });
      const f = report.files[0]!;
      expect(f.warnings).toEqual(['renewals.csv: ignoring unknown column(s) note, color']);
      expect(f).toMatchObject({ accepted: 1, rejected: 1 });
      // Fix the rejected row in the rejects file and import it: its `_` columns are ignored.
      const fixed = readFileSync(f.rejectsPath!, 'utf8').replace('2025-13-01', '2025-12-01');
      const again = fileOf(await run(db, { 'renewals.rejects.csv': fixed }), 'renewals');
      expect(again).toMatchObject({ rowsRead: 1, accepted: 1, rejected: 0 });
    });

    it('is atomic per file: a failure mid-file leaves the previous state', async () => {
      const before = await sql<{ n: number }>`SELECT count(*) AS n FROM renewals`.execute(db.kysely);
      const dir = writeCase({
        'renewals.csv': 'member_id,due_on\nM2,2026-01-01\nM2,2026-02-01\nM2,2026-03-01\nM2,2026-04-01\nM2,2026-05-01\n',
      });
      const report = await importPaths(db, [dir], {
        reportDir: join(dir, 'report'),
        tuning: { chunkRows: 2 },
        onProgress: (p) => {
          if (p.phase === 'reading' && p.rowsRead >= 4) throw new Error('simulated crash');
        },
      });
      expect(report.files[0]!.error).toContain('simulated crash');
      const after = await sql<{ n: number }>`SELECT count(*) AS n FROM renewals`.execute(db.kysely);
      expect(Number(after.rows[0]!.n)).toBe(Number(before.rows[0]!.n));
      const stages = await sql<{ n: number }>`SELECT count(*) AS n FROM pg_tables WHERE tablename LIKE 'import_stage_%'`.execute(db.kysely);
      expect(Number(stages.rows[0]!.n)).toBe(0);
    });

    it('reports the right line after blank lines and quoted fields that span lines', async () => {
      const text = 'partner_id,name,kind\n\nPL1,"Two\nline name",community\n\n  \nPL2,Bad,martian\n';
      const f = fileOf(await run(db, { 'partners.csv': text }), 'partners');
      expect(f).toMatchObject({ rowsRead: 2, accepted: 1, rejected: 1 });
      expect(rejectsOf(f)[0]).toMatchObject({ _line: '7', _column: 'kind' });
      const stored = await db.kysely.selectFrom('partners').select('name').where('partner_id', '=', 'PL1').executeTakeFirstOrThrow();
      expect(stored.name).toBe('Two\nline name');
    });

    it('reads quoted fields, a BOM, CRLF line ends and offset-less timestamps in the plan time zone', async () => {
      const text = `\uFEFFaction_id,member_id,action_type,occurred_at,minutes\r\n"Q,1",M1,outreach,2025-03-01 10:00,5\r\n`;
      const f = fileOf(await run(db, { 'actions.csv': text }), 'actions');
      expect(f).toMatchObject({ accepted: 1, rejected: 0 });
      const row = await db.kysely.selectFrom('actions').select(['occurred_at']).where('action_id', '=', 'Q,1').executeTakeFirstOrThrow();
      expect(new Date(row.occurred_at).toISOString()).toBe('2025-03-01T10:00:00.000Z');
    });
  });
}

/** A valid row for the same header, so each rule test also proves good rows are kept. */
function goodRowFor(file: string, header: string): string {
  const values: Record<string, string> = {
    member_id: file === 'members.csv' ? 'MGOOD' : 'M1',
    risk_tier: 'low',
    birth_date: '1990-01-01',
    action_id: `G-${file}-${Math.random().toString(36).slice(2)}`,
    action_type: 'outreach',
    occurred_at: '2025-03-01T10:00:00Z',
    campaign_id: file === 'campaigns.csv' ? 'CGOOD' : '',
    name: 'Good',
    starts_on: '2025-01-01',
    staff_id: file === 'staff.csv' ? 'SGOOD' : 'S1',
    role: 'chw',
    hired_on: '2024-01-01',
    line_of_business: 'medicaid',
    product: 'hmo',
    enrolled_from: '2025-01-01',
    program: 'dm',
    enrolled_on: '2025-01-01',
    assigned_on: '2025-01-01',
    activity_type: 'portal_login',
    due_on: '2025-03-01',
  };
  return header
    .split(',')
    .map((h) => values[h] ?? '')
    .join(',');
}
