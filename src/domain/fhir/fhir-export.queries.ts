// Reads the ledger's tables in key order, a page at a time, for the FHIR bulk export: memory stays
// bounded whatever the plan's size. Table and column names are Diplomat's own, never input.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database.js';

export type ExportTable = 'partners' | 'staff' | 'members' | 'enrollments' | 'care_programs' | 'caseload' | 'actions';

const KEYS: Readonly<Record<ExportTable, readonly string[]>> = {
  partners: ['partner_id'],
  staff: ['staff_id'],
  members: ['member_id'],
  enrollments: ['member_id', 'enrolled_from'],
  care_programs: ['member_id', 'program', 'enrolled_on'],
  caseload: ['member_id', 'staff_id', 'assigned_on'],
  actions: ['member_id', 'action_id'],
};

const COLUMNS: Readonly<Record<ExportTable, string>> = {
  partners: 'partner_id, name, kind',
  staff: 'staff_id, name, role, partner_id, hired_on::text AS hired_on, left_on::text AS left_on',
  members: 'member_id, birth_date::text AS birth_date, sex, race, ethnicity, language, county, zip, risk_tier, phone, email',
  enrollments: 'member_id, line_of_business, product, enrolled_from::text AS enrolled_from, enrolled_to::text AS enrolled_to',
  care_programs: 'member_id, program, enrolled_on::text AS enrolled_on, disenrolled_on::text AS disenrolled_on',
  caseload: 'member_id, staff_id, assigned_on::text AS assigned_on, unassigned_on::text AS unassigned_on',
  actions: 'member_id, action_id, action_type, occurred_at, staff_id, channel, outcome, personalized, campaign_id, partner_id, minutes',
};

/** Only what counts: actions about a member, not voided. */
const WHERE: Partial<Record<ExportTable, string>> = { actions: "member_id <> '' AND voided_at IS NULL" };

export type ExportRow = Record<string, unknown>;

/** The rows of `table` in key order, `pageSize` at a time. */
export async function* exportPages(db: Kysely<Database>, table: ExportTable, pageSize = 5000): AsyncGenerator<ExportRow[]> {
  const keys = KEYS[table];
  const keyList = sql.raw(keys.join(', '));
  let after: unknown[] | null = null;
  for (;;) {
    const filters: RawBuilder<unknown>[] = [
      WHERE[table] ? sql.raw(WHERE[table]) : null,
      after ? sql`(${keyList}) > (${sql.join(after)})` : null,
    ].filter((f): f is RawBuilder<unknown> => f !== null);
    const where: RawBuilder<unknown> = filters.length > 0 ? sql`WHERE ${sql.join(filters, sql` AND `)}` : sql``;
    const { rows }: { rows: ExportRow[] } =
      await sql<ExportRow>`SELECT ${sql.raw(COLUMNS[table])} FROM ${sql.table(table)} ${where} ORDER BY ${keyList} LIMIT ${pageSize}`.execute(
        db,
      );
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
    const last: ExportRow = rows[rows.length - 1]!;
    after = keys.map((k) => last[k]);
  }
}
