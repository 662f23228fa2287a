// A small crafted plan for the API tests: each worklist's rule has members just inside and just
// outside it (as of 2025-03-20).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/connect.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { createApiToken, createUser } from '../../src/domain/auth/users.service.js';
import { buildApp } from '../../src/http/app.js';

export const AS_OF = '2025-03-20';

const A = 'action_id,member_id,action_type,occurred_at,staff_id,channel,outcome,personalized,campaign_id,partner_id,minutes';
let seq = 0;
const act = (member: string, type: string, ts: string, outcome = '', staff = 'CM1'): string =>
  `F${++seq},${member},${type},${ts},${staff},phone,${outcome},,,,10`;

export const FILES: Record<string, string> = {
  'partners.csv': 'partner_id,name,kind\nP1,Food Bank,community\nP2,Hospital,provider\n',
  'staff.csv':
    'staff_id,name,role,partner_id,hired_on,left_on\nCM1,Casey,case_manager,,2020-01-01,\nCM2,Robin,case_manager,,2020-01-01,\nCHW1,Ana,chw,P1,2020-01-01,\n',
  'campaigns.csv': 'campaign_id,name,starts_on,ends_on,partner_ids\nC1,Flu,2025-01-01,2025-12-31,P1;P2\n',
  'members.csv':
    [
      'member_id,birth_date,sex,race,ethnicity,language,county,zip,risk_tier,pcp_id,pcp_assignment',
      ...['H1', 'H2', 'H3', 'H4'].map((m) => `${m},1970-01-01,F,white,,en,King,98101,high,,auto`),
      ...['L1', 'R1', 'R2', 'R3', 'R4', 'C1', 'C2', 'C3', 'C4', 'N1', 'N2', 'N3', 'N4'].map(
        (m) => `${m},1980-06-01,M,,,es,Pierce,98402,low,,member_choice`,
      ),
    ].join('\n') + '\n',
  'enrollments.csv':
    [
      'member_id,line_of_business,product,enrolled_from,enrolled_to',
      ...['H1', 'H2', 'H3', 'L1', 'R1', 'R2', 'R3', 'R4', 'C1', 'C2', 'C3', 'C4', 'N1', 'N2', 'N3', 'N4'].map(
        (m) => `${m},medicaid,hmo,2024-01-01,`,
      ),
      'H4,medicaid,hmo,2024-01-01,2025-02-28',
    ].join('\n') + '\n',
  'care_programs.csv':
    'member_id,program,enrolled_on,disenrolled_on\nC1,diabetes,2024-06-01,\nC2,diabetes,2024-06-01,\nC3,asthma,2024-06-01,2025-03-01\nC4,copd,2024-06-01,\n',
  'caseload.csv': 'member_id,staff_id,assigned_on,unassigned_on\nH1,CM1,2024-01-01,\nH2,CM1,2024-01-01,\nL1,CM2,2024-01-01,\n',
  'renewals.csv': 'member_id,due_on\nR1,2025-04-10\nR2,2025-04-10\nR3,2025-06-30\nR4,2025-04-10\n',
  'actions.csv':
    [
      A,
      act('H1', 'outreach', '2025-03-05T15:00:00Z', 'no_answer'),
      act('H2', 'outreach', '2025-02-28T15:00:00Z', 'reached'),
      act('R2', 'renewal_guidance', '2025-01-15T15:00:00Z', 'completed'),
      act('R4', 'renewal_guidance', '2025-01-05T15:00:00Z', 'completed'),
      act('C2', 'hra_call', '2025-01-10T15:00:00Z', 'completed'),
      act('C4', 'hra_call', '2024-11-10T15:00:00Z', 'completed'),
      ...['2025-01-10', '2025-02-10', '2025-03-10'].map((d) => act('N1', 'outreach', `${d}T15:00:00Z`, 'no_answer')),
      ...['2025-01-10', '2025-02-10'].map((d) => act('N2', 'outreach', `${d}T15:00:00Z`, 'no_answer')),
      act('N2', 'outreach', '2025-03-10T15:00:00Z', 'reached'),
      ...['2025-02-10', '2025-03-10'].map((d) => act('N3', 'outreach', `${d}T15:00:00Z`, 'no_answer')),
      ...['2024-12-01', '2025-01-10', '2025-02-10', '2025-03-10'].map((d) => act('N4', 'outreach', `${d}T15:00:00Z`, 'left_message')),
    ].join('\n') + '\n',
};

export async function loadFixture(db: Db): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'diplomat-api-'));
  try {
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(dir, name), text);
    const report = await importPaths(db, [dir], { reportDir: join(dir, 'report') });
    if (report.totals.rejected > 0 || report.failedFiles > 0) throw new Error(`fixture did not import: ${JSON.stringify(report.files)}`);
  } finally {
    // Every suite loads it, on every database: left behind, a thousand directories a week.
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function appWith(db: Db, jobs: Promise<void>[] = [], maxUploadBytes?: number): Promise<FastifyInstance> {
  return buildApp({ db, onImportJob: (done) => jobs.push(done), maxUploadBytes });
}

let userSeq = 0;
/** A user of the role with an API token; returns the Authorization header value. */
export async function bearerFor(db: Db, role: string, partnerId: string | null = null): Promise<string> {
  const user = await createUser(db, {
    email: `${role}-${++userSeq}-${Date.now()}@test.diplomat`,
    role,
    password: 'correct horse battery staple',
    partnerId,
  });
  const token = await createApiToken(db, user.user_id, 'test', 1);
  return `Bearer ${token.token}`;
}
