// The `diplomat` command as a user runs it (the built bin, a real embedded database and, when
// available, the PostgreSQL server): exit codes 0 / 2 / 3, the summary, and the three formats.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { csvObjects } from '../../src/domain/import/csv-text.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDb } from '../../src/db/connect.js';
import { LOCK_FILE } from '../../src/db/embedded-lock.js';
import { SYSTEM } from '../../src/domain/auth/permissions.js';
import { METRICS } from '../../src/domain/metrics/catalog.js';
import { putPhase } from '../../src/domain/partnerships/partnership-plan.service.js';
import { putMember, putPartnership } from '../../src/domain/partnerships/partnerships.service.js';
import { measuresOf } from '../../src/domain/metrics/measures.sql.js';
import { CSV_COLUMNS } from '../../src/domain/scorecard/scorecard.format.js';
import { generateEdgePlan, writePlan } from '../support/edge-plan.js';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '../../bin/diplomat.js');

async function diplomat(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '', ...env },
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('diplomat CLI', () => {
  let dir: string;
  let db: string;
  let plan: string;
  beforeAll(async () => {
    // The bin runs the compiled CLI in dist/, which `npm test` builds before the suite runs.
    dir = mkdtempSync(join(tmpdir(), 'diplomat-cli-'));
    db = join(dir, 'db');
    plan = writePlan(generateEdgePlan(3, 40), join(dir, 'plan'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a directory, prints a summary and exits 0', async () => {
    const r = await diplomat(['--db', db, 'import', plan, '--report', join(dir, 'report')]);
    expect(r.stderr).not.toContain('Error');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^actions\.csv\s+\d+\s+\d+\s+0\s+1\s+0$/m);
    expect(existsSync(join(dir, 'report', 'summary.json'))).toBe(true);
  });

  it('exits 3 when rows were rejected, keeping the good ones', async () => {
    const bad = writePlan(
      {
        renewals: [
          { member_id: 'M0001', due_on: '2025-02-30' },
          { member_id: 'M0002', due_on: '2025-02-28' },
        ],
      },
      join(dir, 'bad'),
    );
    const r = await diplomat(['--db', db, 'import', bad, '--report', join(dir, 'bad-report')]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^renewals\.csv\s+2\s+1\s+0\s+0\s+1$/m);
    expect(r.stdout).toContain('renewals.rejects.csv');
  });

  it('imports FHIR NDJSON with the resources accounted for, exits 3 on a rejected resource, and exports FHIR', async () => {
    const fhir = join(dir, 'fhir-in');
    writePlan({}, fhir);
    const lines = [
      { resourceType: 'Patient', id: 'FHIRCLI1', gender: 'male', birthDate: '1950-01-02' },
      { resourceType: 'Patient', id: 'FHIRCLI2', birthDate: '1950-02-30' },
    ];
    writeFileSync(join(fhir, 'Patient.000.ndjson'), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const r = await diplomat(['--db', db, 'import', fhir, '--report', join(dir, 'fhir-report')]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/^Patient\s+2\s+1\s+0\s+0\s+1$/m);
    // 30 February passes the R4 schema (a pattern) and fails the importer's date rule, named at its FHIR element.
    expect(r.stdout).toMatch(/^members \(FHIR\)\s+2\s+1\s+0\s+0\s+1$/m);
    const rejects = csvObjects(readFileSync(join(dir, 'fhir-report', 'members.rejects.csv'), 'utf8'));
    expect(rejects.map((x) => [x._source, x._location])).toEqual([['Patient.000.ndjson line 2', 'Patient.birthDate']]);
    const out = join(dir, 'fhir-out');
    const exported = await diplomat(['--db', db, 'fhir', 'export', out]);
    expect(exported.code).toBe(0);
    expect(readFileSync(join(out, 'Patient.ndjson'), 'utf8')).toContain('"value":"FHIRCLI1"');
    const report = await diplomat([
      '--db',
      db,
      'fhir',
      'measure-report',
      '--period',
      '2025-Q1',
      '--measure',
      'contact-rate',
      '--by',
      'risk_tier',
    ]);
    expect(report.code).toBe(0);
    const bundle = JSON.parse(report.stdout) as { total: number; entry: { resource: { measure: string; group: unknown[] } }[] };
    expect(bundle.total).toBe(1);
    expect(bundle.entry[0]!.resource.measure).toBe('urn:diplomat:Measure:contact_rate');
  });

  it('exits 2 on a usage error', async () => {
    expect((await diplomat(['--db', db, 'scorecard', '--period', '2025-13'])).code).toBe(2);
    expect((await diplomat(['--db', db, 'scorecard', '--period', '2025', '--by', 'shoe_size'])).code).toBe(2);
    expect((await diplomat(['--db', db, 'scorecard'])).code).toBe(2);
    expect((await diplomat(['--db', db, 'import', join(dir, 'nope.txt')])).code).toBe(2);
  });

  it('prints the scorecard as a table that fits 80 columns, as JSON and as CSV', async () => {
    const table = await diplomat(['--db', db, 'scorecard', '--period', '2025-Q1', '--by', 'line_of_business']);
    expect(table.code).toBe(0);
    for (const line of table.stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
    expect(table.stdout).toContain('1 ESTABLISH A LASTING RAPPORT');

    const json = JSON.parse((await diplomat(['--db', db, 'scorecard', '--period', '2025-03', '--format', 'json'])).stdout) as Record<
      string,
      unknown
    >[];
    expect(json).toHaveLength(measuresOf(METRICS).length); // a row per metric, and per tier of the tier-split ones
    expect(Object.keys(json[0]!)).toEqual([
      'metric',
      'principle',
      'period',
      'segment',
      'segment_value',
      'tier',
      'numerator',
      'denominator',
      'value',
      'per_1000',
      'benchmark',
      'status',
    ]);

    const csv = (await diplomat(['--db', db, 'scorecard', '--period', '2025', '--format', 'csv'])).stdout;
    const rows = csvObjects(csv);
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    const contact = rows.find((r) => r.metric === 'contact_rate')!;
    expect(contact).toMatchObject({ benchmark_low: '0.3', benchmark_applies_to: 'medicaid', benchmark_per: 'year', status: '' });
  });

  it('prints contract scorecards (SPEC 7.3) and relationship health (7.4) in every format', async () => {
    const partnerFiles = writePlan(
      {
        contracts: [
          {
            contract_id: 'K1',
            partner_id: 'P-PROV',
            name: 'Hospital VBC',
            arrangement: 'shared_savings',
            starts_on: '2025-01-01',
            max_incentive: '1000',
          },
        ],
        contract_measures: [
          {
            contract_id: 'K1',
            year: '2025',
            measure_id: 'CR',
            name: 'Contact rate',
            source: 'scorecard',
            metric: 'contact_rate',
            direction: 'higher',
            threshold: '0.1',
            target: '0.3',
            weight: '1',
          },
        ],
        touchpoints: [{ touchpoint_id: 'T1', partner_id: 'P-PROV', occurred_on: '2025-06-01', kind: 'formal', type: 'meeting' }],
      },
      join(dir, 'partners'),
    );
    expect((await diplomat(['--db', db, 'import', partnerFiles, '--report', join(dir, 'report-p')])).code).toBe(0);
    const json = JSON.parse((await diplomat(['--db', db, 'contract-scorecard', '--period', '2025', '--format', 'json'])).stdout) as Record<
      string,
      unknown
    >[];
    expect(Object.keys(json[0]!)).toEqual(
      expect.arrayContaining([
        'contract_id',
        'period',
        'measure_id',
        'source',
        'metric',
        'tier',
        'numerator',
        'denominator',
        'value',
        'direction',
        'threshold',
        'target',
        'weight',
        'achievement',
      ]),
    );
    expect(json[1]).toMatchObject({ contract_id: 'K1', period: '2025', measure_id: null });
    expect(Object.keys(json[1]!).sort()).toEqual([
      'contract_id',
      'coverage',
      'earned_incentive',
      'measure_id',
      'period',
      'population',
      'score',
    ]);
    const csv = csvObjects((await diplomat(['--db', db, 'contract-scorecard', '--period', '2025', '--format', 'csv'])).stdout);
    expect(csv.map((r) => r.measure_id)).toEqual(['CR', '']);
    expect((await diplomat(['--db', db, 'contract-scorecard', '--period', '2025'])).stdout).toContain('Contract scorecard — 2025');
    const health = JSON.parse(
      (await diplomat(['--db', db, 'partners', 'health', '--on', '2025-07-01', '--format', 'json'])).stdout,
    ) as Record<string, unknown>[];
    expect(health.find((h) => h.partner_id === 'P-PROV')).toMatchObject({
      on: '2025-07-01',
      days_since_formal: 30,
      days_since_informal: null,
      status: 'at_risk',
    });
    expect((await diplomat(['--db', db, 'partners', 'health', '--on', '2025-02-30'])).code).toBe(2);
  });

  it('loads the CMS Star Ratings tables as published, and says what a wrong directory lacks', async () => {
    const release = join(import.meta.dirname, '../../data/cms-star-ratings-2026');
    const r = await diplomat(['--db', db, 'stars', 'load', release]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Loaded 769 contracts, 34,?605 measure ratings \(12,?243 without stars.*\) and 280 cut points\.$/m);
    const wrong = await diplomat(['--db', db, 'stars', 'load', dir]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`${dir}: no "Summary Ratings" table`);
  });

  it('imports a partnership table from CSV and writes a results packet', async () => {
    // A partnership made through the services, in the database the bin then opens.
    const handle = await openDb({ kind: 'pglite', dir: db });
    try {
      const charter = { purpose: 'p', impact: 'i', vision: 'v', values: [], goals: [], scope_in: [], scope_out: [] };
      await putPartnership(
        handle,
        'PS1',
        { name: 'Valley coalition', starts_on: '2025-01-01', ends_on: null, area: { counties: ['King'], zips: [] }, charter },
        SYSTEM,
      );
      await putMember(
        handle,
        'PS1',
        'P-PROV',
        { stage: 'committed', strengths: '', cannot_do_alone: '', contributes: '', goals: 'Fewer readmissions' },
        SYSTEM,
      );
      await putPhase(handle, 'PS1', 'Y1', { ordinal: 1, name: 'Year 1', starts_on: '2025-01-01', ends_on: '2025-12-31' }, SYSTEM);
    } finally {
      await handle.close();
    }
    const csv = join(dir, 'activities.csv');
    writeFileSync(
      csv,
      'activity_id,phase_id,title,integrated,milestone,owner_partner_id,starts_on,due_on,done_on,depends_on\nA1,Y1,Kick-off,true,true,P-PROV,2025-01-10,2025-02-01,,\nA2,Y1,Loop,true,false,,2025-01-10,2025-02-01,,A2\n',
    );
    const imported = await diplomat(['--db', db, 'partnerships', 'import', csv, '--partnership', 'PS1', '--table', 'activities']);
    expect(imported.code).toBe(3);
    expect(imported.stdout).toContain('1 row(s) imported, 1 rejected.');
    expect(imported.stderr).toContain(`${csv}:3: depends_on activity A2 cannot depend on itself`);
    expect((await diplomat(['--db', db, 'partnerships', 'list'])).stdout).toMatch(
      /^PS1 {2}Valley coalition \(since 2025-01-01, 1 members\): 1 milestones/m,
    );
    const out = join(dir, 'packet.pdf');
    const packet = await diplomat(['--db', db, 'partnerships', 'packet', '--partnership', 'PS1', '--for', 'P-PROV', '--out', out]);
    expect(packet.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe('%PDF-');
    expect(
      (await diplomat(['--db', db, 'partnerships', 'packet', '--partnership', 'PS1', '--for', 'NOPE', '--out', out])).stderr,
    ).toContain('NOPE is not a member of this partnership');
  });

  it('honours the timezone setting and rejects unknown zones', async () => {
    expect((await diplomat(['--db', db, 'config', 'set', 'timezone', 'Mars/Olympus'])).code).toBe(2);
    const set = await diplomat(['--db', db, 'config', 'set', 'timezone', 'America/Chicago']);
    expect(set.code).toBe(0);
    expect((await diplomat(['--db', db, 'config'])).stdout).toContain('timezone = America/Chicago');
  });

  it('creates users with a generated password, lists them and issues API tokens', async () => {
    const added = await diplomat(['--db', db, 'user', 'add', '--email', 'Lead@Plan.test', '--role', 'manager']);
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/^created lead@plan\.test \(manager\)$/m);
    expect(added.stdout).toMatch(/^password: \S{20}$/m);
    expect((await diplomat(['--db', db, 'user', 'add', '--email', 'p@plan.test', '--role', 'partner'])).code).toBe(2);
    expect((await diplomat(['--db', db, 'user', 'add', '--email', 'x@plan.test', '--role', 'king'])).code).toBe(2);
    expect((await diplomat(['--db', db, 'user', 'list'])).stdout).toMatch(/lead@plan\.test\s+manager/);
    const token = await diplomat(['--db', db, 'token', 'create', '--email', 'lead@plan.test', '--days', '7']);
    expect(token.code).toBe(0);
    const [idLine, secret] = token.stdout.trim().split('\n');
    expect(secret).toMatch(/^dpl_/);
    const tokenId = /^token (\S+)/.exec(idLine!)![1]!;
    expect((await diplomat(['--db', db, 'token', 'revoke', tokenId])).code).toBe(0);
    expect((await diplomat(['--db', db, 'token', 'revoke', tokenId])).code).toBe(1);
  });

  it('refuses the embedded database while another process has it open, and takes over a lock its dead owner left', async () => {
    // This process plays the running server: a token created beside it would be written where
    // the server never reads it (and the two could corrupt the directory).
    const server = await openDb({ kind: 'pglite', dir: db });
    try {
      const refused = await diplomat(['--db', db, 'token', 'create', '--email', 'lead@plan.test']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`is open in another process (pid ${process.pid}`);
      expect(refused.stderr).toContain('one process at a time');
      expect(refused.stdout).not.toContain('dpl_');
    } finally {
      await server.close();
    }
    expect(existsSync(join(db, LOCK_FILE))).toBe(false);

    // A process killed while holding it leaves its lock behind: a dead pid (above Linux's largest,
    // 2^22, so never a live one) does not hold it.
    writeFileSync(join(db, LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 1, command: 'diplomat serve', since: '2026-01-01T00:00:00Z' }));
    const after = await diplomat(['--db', db, 'config']);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toContain('timezone = ');
    expect(existsSync(join(db, LOCK_FILE))).toBe(false);
  });

  const postgresUrl = inject('postgresUrl');
  it.skipIf(!postgresUrl)('uses DATABASE_URL when it names a PostgreSQL server', async () => {
    const url = postgresUrl;
    const r = await diplomat(['import', plan, '--report', join(dir, 'pg-report')], { DATABASE_URL: url });
    expect(r.code).toBe(0);
    const json = JSON.parse((await diplomat(['scorecard', '--period', '2025-03', '--format', 'json'], { DATABASE_URL: url })).stdout) as {
      metric: string;
      numerator: number;
    }[];
    const local = JSON.parse(
      (await diplomat(['--db', db, 'scorecard', '--period', '2025-03', '--format', 'json'], { DATABASE_URL: url })).stdout,
    ) as unknown[];
    expect(json.length).toBe(local.length);

    // On a server the rebuild runs beside the live cube on two connections (rebuild-beside.ts).
    const rebuilt = await diplomat(['rollups', 'rebuild'], { DATABASE_URL: url });
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toMatch(/^rebuilt \d{4}(, \d{4})* in [\d.]+ s$/m);
    expect(rebuilt.stderr).toMatch(/^building \d{4}(-Q\d|-\d\d)? \(1\/\d+\)…$/m);
    expect((await diplomat(['rollups'], { DATABASE_URL: url })).stdout).toMatch(/^current \(time zone /);
    expect(JSON.parse((await diplomat(['scorecard', '--period', '2025-03', '--format', 'json'], { DATABASE_URL: url })).stdout)).toEqual(
      json,
    );
  });

  it('rebuilds the rollups of the embedded database in one transaction and says which years', async () => {
    const own = join(dir, 'rebuild-db');
    expect((await diplomat(['--db', own, 'import', plan, '--report', join(dir, 'rebuild-report')])).code).toBe(0);
    const rebuilt = await diplomat(['--db', own, 'rollups', 'rebuild']);
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toMatch(/^rebuilt \d{4}(, \d{4})* in [\d.]+ s$/m);
    expect((await diplomat(['--db', own, 'rollups'])).stdout).toMatch(/^current \(time zone /);
  });
});
