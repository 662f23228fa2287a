// Rows for tests, with defaults that satisfy every rule and ids unique across the run, so a test
// states only what it is about: `memberRow({ risk_tier: 'high' })`. `createRows` writes them
// through the importer's own seam (recordRows), so test data obeys the same rules as real data.
import type { Db } from '../../src/db/connect.js';
import type { FileName } from '../../src/domain/import/file-specs.js';
import { recordRows } from '../../src/domain/import/import.service.js';

export type Row = Record<string, string>;

let seq = 0;
/** A fresh id with a readable prefix. */
export const uniqueId = (prefix: string): string => `${prefix}${++seq}`;

export const partnerRow = (o: Partial<Row> = {}): Row => ({ partner_id: uniqueId('P'), name: 'Food Bank', kind: 'community', ...o });

export const staffRow = (o: Partial<Row> = {}): Row => ({
  staff_id: uniqueId('S'),
  name: 'Casey',
  role: 'case_manager',
  partner_id: '',
  hired_on: '2020-01-01',
  left_on: '',
  ...o,
});

export const memberRow = (o: Partial<Row> = {}): Row => ({
  member_id: uniqueId('M'),
  birth_date: '1980-06-01',
  sex: 'F',
  race: 'white',
  ethnicity: '',
  language: 'en',
  county: 'King',
  zip: '98101',
  risk_tier: 'low',
  pcp_id: '',
  pcp_assignment: 'member_choice',
  ...o,
});

export const enrollmentRow = (memberId: string, o: Partial<Row> = {}): Row => ({
  member_id: memberId,
  line_of_business: 'medicaid',
  product: 'hmo',
  enrolled_from: '2024-01-01',
  enrolled_to: '',
  ...o,
});

export const actionRow = (memberId: string, o: Partial<Row> = {}): Row => ({
  action_id: uniqueId('A'),
  member_id: memberId,
  action_type: 'outreach',
  occurred_at: '2025-03-05T15:00:00Z',
  staff_id: '',
  channel: 'phone',
  outcome: 'reached',
  personalized: '',
  campaign_id: '',
  partner_id: '',
  minutes: '10',
  ...o,
});

/** Writes rows of one file through the importer; fails the test if any is rejected. */
export async function createRows(db: Db, file: FileName, rows: readonly Row[]): Promise<void> {
  const { report, rejects } = await recordRows(db, file, rows);
  if (report.error || rejects.length > 0) throw new Error(`${file} rows were rejected: ${report.error ?? JSON.stringify(rejects)}`);
}

/** A member enrolled (by default in Medicaid since 2024); returns the member id. */
export async function createMember(db: Db, member: Partial<Row> = {}, enrollment: Partial<Row> = {}): Promise<string> {
  const row = memberRow(member);
  await createRows(db, 'members', [row]);
  await createRows(db, 'enrollments', [enrollmentRow(row.member_id!, enrollment)]);
  return row.member_id!;
}
