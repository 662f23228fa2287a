// How merging one staged file may change the scorecard rollups (../rollups): which members'
// facts, about which dates, and which years it brings data into. Only rows that differ from
// what is stored count, so re-importing a file touches nothing.
import { sql, type RawBuilder } from 'kysely';
import type { LedgerChange } from '../rollups/rollups.service.js';
import { tableColumns, type FileSpec } from './file-specs.js';

const list = (cols: readonly string[], prefix: string): string => cols.map((c) => `${prefix}${c}`).join(', ');

/** The local date (and the last date it can matter for) of a row of a dated file; null otherwise. */
function datesOf(spec: FileSpec, alias: string, timezone: string): { lo: RawBuilder<unknown>; hi: RawBuilder<unknown> } {
  const none = { lo: sql`NULL::date`, hi: sql`NULL::date` };
  if (spec.file === 'actions' || spec.file === 'member_activity') {
    const day = sql`(${sql.raw(alias)}.occurred_at AT TIME ZONE ${timezone}::text)::date`;
    // Renewal guidance counts for renewals due up to 90 days after it.
    const hi =
      spec.file === 'actions' ? sql`CASE WHEN ${sql.raw(alias)}.action_type = 'renewal_guidance' THEN ${day} + 90 ELSE ${day} END` : day;
    return { lo: day, hi };
  }
  if (spec.file === 'renewals') return { lo: sql.raw(`${alias}.due_on`), hi: sql.raw(`${alias}.due_on`) };
  return none;
}

/** What the classification found: with only new keys, every staged row is a change and no join is needed. */
export interface StagedCounts {
  updated: number;
  duplicates: number;
}

export function rollupChangeOf(spec: FileSpec, stage: string, counts: StagedCounts): LedgerChange {
  switch (spec.file) {
    case 'partners':
    case 'campaigns':
      return { touched: null, caseload: false }; // plan-wide metrics, computed live
    case 'caseload':
      return { touched: null, caseload: true };
    case 'staff':
      // A staff member's role or partner decides whether their visits and disputes count.
      return {
        touched: () => sql`SELECT DISTINCT a.member_id, NULL::date, NULL::date FROM actions a
          WHERE a.staff_id IN (SELECT s.staff_id FROM ${sql.table(stage)} s JOIN staff t ON t.staff_id = s.staff_id
            WHERE ROW(s.role, s.partner_id) IS DISTINCT FROM ROW(t.role, t.partner_id))`,
        caseload: false,
      };
    default:
      return {
        touched: (timezone) => changedMembers(spec, stage, timezone, counts.updated === 0 && counts.duplicates === 0),
        caseload: spec.file === 'members' || spec.file === 'enrollments',
        // The cube covers the years of plan actions; activity alone in another year is computed live.
        years:
          spec.file === 'actions'
            ? (timezone) => sql`SELECT DISTINCT extract(year FROM s.occurred_at AT TIME ZONE ${timezone}::text)::int AS year
                FROM ${sql.table(stage)} s WHERE s.member_id <> ''`
            : null,
      };
  }
}

/** New or differing staged rows (their member and date), and the stored rows they replace. */
function changedMembers(spec: FileSpec, stage: string, timezone: string, allNew: boolean): RawBuilder<unknown> {
  const s = datesOf(spec, 's', timezone);
  if (allNew) return sql`SELECT s.member_id, ${s.lo}, ${s.hi} FROM ${sql.table(stage)} s`;
  const cols = tableColumns(spec);
  const keyJoin = spec.key.map((k) => `t.${k} = s.${k}`).join(' AND ');
  const differs = `ROW(${list(cols, 's.')}) IS DISTINCT FROM ROW(${list(cols, 't.')})`;
  const t = datesOf(spec, 't', timezone);
  // One pass over the join: each changed row yields its new member and date, and the old ones.
  return sql`
    SELECT x.member_id, x.lo, x.hi
    FROM ${sql.table(stage)} s LEFT JOIN ${sql.table(spec.table)} t ON ${sql.raw(keyJoin)}
      CROSS JOIN LATERAL (VALUES (s.member_id, ${s.lo}, ${s.hi}), (t.member_id, ${t.lo}, ${t.hi})) AS x(member_id, lo, hi)
    WHERE (t.${sql.raw(spec.key[0]!)} IS NULL OR ${sql.raw(differs)}) AND x.member_id IS NOT NULL`;
}
