// The partner files of SPEC.md §7.1 through the importer, on both databases: each rule rejects
// its row with column and reason (naming the row it conflicts with), good rows are kept, counts
// add up, re-import is a no-op, and a profile survives a re-import of the three core columns.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvObjects } from '../../src/domain/import/csv-text.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import type { FileReport, ImportReport } from '../../src/domain/import/import-report.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { testTargets } from '../support/db-targets.js';
import { truncateAll } from '../support/isolation.js';

const BASE: Record<string, string> = {
  'partners.csv':
    'partner_id,name,kind,counties,services,mission,formal_cadence_days\n' +
    'P1,Valley Clinic,provider,Adams;Baker,primary care;behavioral health,Care close to home,60\nP2,Food Bank,community,,,,\n',
  'staff.csv': 'staff_id,name,role,partner_id,hired_on\nS1,Ann,case_manager,,2024-01-01\nS2,Bo,navigator,,2024-01-01\n',
  'members.csv': 'member_id,risk_tier\nM1,high\nM2,low\n',
  'enrollments.csv': 'member_id,line_of_business,product,enrolled_from\nM1,medicaid,hmo,2024-01-01\nM2,commercial,ppo,2024-01-01\n',
  'attributions.csv':
    'member_id,partner_id,attributed_from,attributed_to,basis\nM1,P1,2025-01-01,2025-06-30,assignment\nM1,P2,2025-07-01,,claims\n',
  'contracts.csv':
    'contract_id,partner_id,name,arrangement,starts_on,ends_on,line_of_business,max_incentive,renewal_notice_days\n' +
    'C1,P1,Valley VBC,shared_savings,2024-01-01,2025-12-31,medicaid,50000,\nC2,P2,Food MOU,mou,2025-01-01,,,,\n',
  'contract_measures.csv':
    'contract_id,year,measure_id,name,source,metric,tier,direction,threshold,target,weight\n' +
    'C1,2025,M1,Contact rate,scorecard,contact_rate,,higher,0.2,0.4,2\n' +
    'C1,2025,M2,Attempts (high),scorecard,contact_attempts_per_member_month,high,higher,0.5,1,1\n' +
    'C1,2025,R1,ED visits per 1000,reported,,,lower,60,40,1\n',
  'measure_results.csv': 'contract_id,measure_id,period,value,reported_on\nC1,R1,2025-q1,52,2025-04-20\n',
  'touchpoints.csv':
    'touchpoint_id,partner_id,occurred_on,kind,type,contract_id,staff_ids,summary,next_step\n' +
    'T1,P1,2025-03-01,formal,scorecard_review,C1,S1;S2,Reviewed Q4,Send data\n',
  'follow_ups.csv':
    'follow_up_id,partner_id,touchpoint_id,title,owner_staff_id,due_on,done_on\nF1,P1,T1,Send data,S1,2025-03-15,2025-03-10\n',
};

let root: string;
let caseNo = 0;

async function run(db: Db, contents: Record<string, string>): Promise<ImportReport> {
  const dir = join(root, `case-${++caseNo}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(contents)) writeFileSync(join(dir, name), text);
  // analyzeFromRows 1, share 0: every merge refreshes its table's statistics, as a large file's
  // does (on Citus, a reference table's ANALYZE cannot run in the transaction that wrote it).
  return importPaths(db, [dir], { reportDir: join(dir, 'report'), tuning: { chunkRows: 2, analyzeFromRows: 1, analyzeFromShare: 0 } });
}

function fileOf(report: ImportReport, file: string): FileReport {
  const f = report.files.find((x) => x.file === file);
  if (!f) throw new Error(`no report for ${file}`);
  expect(f.accepted + f.updated + f.duplicates + f.rejected).toBe(f.rowsRead);
  return f;
}

function rejectsOf(f: FileReport): Record<string, string>[] {
  expect(f.rejectsPath).not.toBeNull();
  return csvObjects(readFileSync(f.rejectsPath!, 'utf8'));
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'diplomat-partner-import-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const MEASURE_HEADER = 'contract_id,year,measure_id,name,source,metric,tier,direction,threshold,target,weight\n';

for (const target of testTargets()) {
  describe(`partner files (${target.name})`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
    });
    beforeEach(async () => {
      await truncateAll(db);
      const report = await run(db, BASE);
      expect(report.files.filter((f) => f.rejected > 0 || f.error).map((f) => [f.file, f.error])).toEqual([]);
    });
    afterAll(async () => db?.close());

    it('imports every file once and a second time as duplicates only', async () => {
      const again = await run(db, BASE);
      for (const f of again.files) expect([f.file, f.accepted, f.updated, f.duplicates]).toEqual([f.file, 0, 0, f.rowsRead]);
      const p1 = await db.kysely.selectFrom('partners').selectAll().where('partner_id', '=', 'P1').executeTakeFirstOrThrow();
      expect(p1).toMatchObject({
        counties: ['Adams', 'Baker'],
        formal_cadence_days: 60,
        informal_cadence_days: 30,
        mission: 'Care close to home',
      });
      const result = await db.kysely.selectFrom('measure_results').selectAll().executeTakeFirstOrThrow();
      expect(result).toMatchObject({ period: '2025-Q1', value: 52 });
      const tp = await db.kysely.selectFrom('touchpoints').selectAll().executeTakeFirstOrThrow();
      expect(tp.staff_ids).toEqual(['S1', 'S2']);
    });

    it('keeps a profile when partners.csv carries only the core columns', async () => {
      const report = await run(db, { 'partners.csv': 'partner_id,name,kind\nP1,Valley Clinic Inc,provider\n' });
      expect(fileOf(report, 'partners')).toMatchObject({ updated: 1 });
      const p1 = await db.kysely.selectFrom('partners').selectAll().where('partner_id', '=', 'P1').executeTakeFirstOrThrow();
      expect(p1).toMatchObject({ name: 'Valley Clinic Inc', counties: ['Adams', 'Baker'], formal_cadence_days: 60 });
    });

    // One failing row per rule of §7.1: [name, file, content, column, reason fragment].
    const RULES: [string, string, string, string, string][] = [
      [
        'attribution overlapping a stored span names it',
        'attributions.csv',
        'member_id,partner_id,attributed_from,attributed_to\nM1,P2,2025-06-01,2025-06-30\n',
        'attributed_from',
        'overlaps the attribution of this member to P1 from 2025-01-01 to 2025-06-30 (stored)',
      ],
      [
        'attribution overlapping an earlier row of the file',
        'attributions.csv',
        'member_id,partner_id,attributed_from,attributed_to\nM2,P1,2025-01-01,2025-03-31\nM2,P2,2025-03-31,\n',
        'attributed_from',
        'overlaps the attribution of this member to P1 from 2025-01-01 to 2025-03-31 (line 2 of this file)',
      ],
      [
        'attribution ending before it starts',
        'attributions.csv',
        'member_id,partner_id,attributed_from,attributed_to\nM2,P1,2025-05-01,2025-04-30\n',
        'attributed_to',
        'is before attributed_from',
      ],
      [
        'attribution to an unknown partner',
        'attributions.csv',
        'member_id,partner_id,attributed_from\nM2,PX,2025-01-01\n',
        'partner_id',
        'not known',
      ],
      [
        'attribution of an unknown member',
        'attributions.csv',
        'member_id,partner_id,attributed_from\nMX,P1,2025-01-01\n',
        'member_id',
        'not known',
      ],
      [
        'attribution basis outside the list',
        'attributions.csv',
        'member_id,partner_id,attributed_from,basis\nM2,P1,2025-01-01,guess\n',
        'basis',
        'must be one of',
      ],
      [
        'contract arrangement outside the list',
        'contracts.csv',
        'contract_id,partner_id,name,arrangement,starts_on\nC9,P1,X,barter,2025-01-01\n',
        'arrangement',
        'must be one of',
      ],
      [
        'negative incentive',
        'contracts.csv',
        'contract_id,partner_id,name,arrangement,starts_on,max_incentive\nC9,P1,X,grant,2025-01-01,-5\n',
        'max_incentive',
        'must be ≥ 0',
      ],
      [
        'contract ending before it starts',
        'contracts.csv',
        'contract_id,partner_id,name,arrangement,starts_on,ends_on\nC9,P1,X,grant,2025-01-01,2024-12-31\n',
        'ends_on',
        'is before starts_on',
      ],
      [
        'scorecard measure without a metric',
        'contract_measures.csv',
        `${MEASURE_HEADER}C1,2025,M9,X,scorecard,,,higher,0.1,0.2,1\n`,
        'metric',
        'is required for a scorecard measure',
      ],
      [
        'scorecard measure on a plan-wide metric',
        'contract_measures.csv',
        `${MEASURE_HEADER}C1,2025,M9,X,scorecard,chw_count,,higher,1,2,1\n`,
        'metric',
        'plan-wide',
      ],
      [
        'scorecard measure on an unknown metric',
        'contract_measures.csv',
        `${MEASURE_HEADER}C1,2025,M9,X,scorecard,happiness,,higher,1,2,1\n`,
        'metric',
        'not a scorecard metric',
      ],
      [
        'tier-split metric without a tier',
        'contract_measures.csv',
        `${MEASURE_HEADER}C1,2025,M9,X,scorecard,members_per_case_manager,,lower,60,40,1\n`,
        'tier',
        'is required',
      ],
      [
        'tier on a metric not split by tier',
        'contract_measures.csv',
        `${MEASURE_HEADER}C1,2025,M9,X,scorecard,contact_rate,high,higher,0.1,0.2,1\n`,
        'tier',
        'must be empty',
      ],
      [
        'reported measure with a metric',
        'contract_measures.csv',
        `${MEASURE_HEADER}C1,2025,M9,X,reported,contact_rate,,higher,0.1,0.2,1\n`,
        'metric',
        'must be empty for a reported measure',
      ],
      [
        'measure year outside the term',
        'contract_measures.csv',
        `${MEASURE_HEADER}C1,2026,M9,X,reported,,,higher,0.1,0.2,1\n`,
        'year',
        'outside the term of contract C1 (2024-01-01 to 2025-12-31)',
      ],
      ['weight of zero', 'contract_measures.csv', `${MEASURE_HEADER}C1,2025,M9,X,reported,,,higher,0.1,0.2,0\n`, 'weight', 'must be > 0'],
      [
        'target on the wrong side',
        'contract_measures.csv',
        `${MEASURE_HEADER}C1,2025,M9,X,reported,,,higher,0.3,0.2,1\n`,
        'target',
        'below threshold',
      ],
      [
        'result of a scorecard measure',
        'measure_results.csv',
        'contract_id,measure_id,period,value\nC1,M1,2025-03,0.3\n',
        'measure_id',
        'is a scorecard measure',
      ],
      [
        'result of a measure of another year',
        'measure_results.csv',
        'contract_id,measure_id,period,value\nC1,R1,2024,50\n',
        'measure_id',
        'is not a measure of contract C1 in 2024',
      ],
      [
        'result with a bad period',
        'measure_results.csv',
        'contract_id,measure_id,period,value\nC1,R1,2025-13,50\n',
        'period',
        'must be a period',
      ],
      [
        'touchpoint naming another partner’s contract',
        'touchpoints.csv',
        'touchpoint_id,partner_id,occurred_on,kind,type,contract_id\nT9,P2,2025-03-01,informal,call,C1\n',
        'contract_id',
        'belongs to partner P1, not P2',
      ],
      [
        'touchpoint with an unknown staff member',
        'touchpoints.csv',
        'touchpoint_id,partner_id,occurred_on,kind,type,staff_ids\nT9,P2,2025-03-01,informal,call,S1;S9\n',
        'staff_ids',
        'not known',
      ],
      [
        'touchpoint type outside the list',
        'touchpoints.csv',
        'touchpoint_id,partner_id,occurred_on,kind,type\nT9,P2,2025-03-01,informal,lunch\n',
        'type',
        'must be one of',
      ],
      [
        'follow-up done before its touchpoint',
        'follow_ups.csv',
        'follow_up_id,partner_id,touchpoint_id,title,due_on,done_on\nF9,P1,T1,X,2025-04-01,2025-02-28\n',
        'done_on',
        'is before the date of touchpoint T1 (2025-03-01)',
      ],
      [
        'follow-up of another partner’s touchpoint',
        'follow_ups.csv',
        'follow_up_id,partner_id,touchpoint_id,title,due_on\nF9,P2,T1,X,2025-04-01\n',
        'touchpoint_id',
        'is a touchpoint with partner P1, not P2',
      ],
    ];
    for (const [name, file, content, column, reason] of RULES) {
      it(`rejects: ${name}`, async () => {
        const report = await run(db, { [file]: content });
        const f = fileOf(report, file.replace('.csv', ''));
        expect(f.rejected).toBeGreaterThan(0);
        const rejects = rejectsOf(f);
        const last = rejects[rejects.length - 1]!;
        expect(last._column).toBe(column);
        expect(last._reason).toContain(reason);
      });
    }

    it('keeps the good rows of a file with a bad one, and a threshold equal to its target', async () => {
      const report = await run(db, {
        'contract_measures.csv': `${MEASURE_HEADER}C1,2025,M9,X,reported,,,higher,0.3,0.2,1\nC1,2025,M8,Equal,reported,,,lower,5,5,1\n`,
      });
      expect(fileOf(report, 'contract_measures')).toMatchObject({ accepted: 1, rejected: 1 });
    });
  });
}
