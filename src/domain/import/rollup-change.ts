// How merging one staged file may change the scorecard rollups (../rollups): which members'
// facts, about which dates, and which years it brings data into — read from the file spec's
// `rollups` declaration, so a new file type declares its effect instead of joining a switch.
// Only rows that differ from what is stored count, so re-importing a file touches nothing.
import { sql, type RawBuilder } from 'kysely';
import { actionReach } from '../metrics/facts.sql.js';
import type { LedgerChange } from '../rollups/rollups.service.js';
import { tableColumns, type FileSpec, type RollupEffect } from './file-specs.js';

const list = (cols: readonly string[], prefix: string): string => cols.map((c) => `${prefix}${c}`).join(', ');

type Dated = Extract<RollupEffect, { kind: 'members' }>['dated'];
type Dates = { lo: RawBuilder<unknown>; hi: RawBuilder<unknown> };

/** The local dates a row `<alias>` is about (null: any period). */
function datesOf(dated: Dated, alias: string, timezone: string): Dates {
  if (!dated) return { lo: sql`NULL::date`, hi: sql`NULL::date` };
  if (dated.as === 'action') return actionReach(alias, sql`${timezone}::text`);
  const column = sql.raw(`${alias}.${dated.column}`);
  const day = dated.as === 'timestamp' ? sql`(${column} AT TIME ZONE ${timezone}::text)::date` : column;
  return { lo: day, hi: day };
}

/** What the classification found: with only new keys, every staged row is a change and no join is needed. */
export interface StagedCounts {
  updated: number;
  duplicates: number;
}

/** Whether merging the file may bring data into years the cube does not cover yet (LedgerChange.years). */
export function bringsYears(spec: FileSpec): boolean {
  return spec.rollups.kind === 'members' && spec.rollups.addsYears && spec.rollups.dated !== null;
}

export function rollupChangeOf(spec: FileSpec, stage: string, counts: StagedCounts): LedgerChange {
  const effect = spec.rollups;
  switch (effect.kind) {
    case 'none':
      return { touched: null, caseload: false };
    case 'caseload':
      return { touched: null, caseload: true };
    case 'staff_actions':
      // A staff member's role or partner decides whether their visits and disputes count.
      return {
        touched: () => sql`SELECT DISTINCT a.member_id, NULL::date, NULL::date FROM actions a
          WHERE a.staff_id IN (SELECT s.staff_id FROM ${sql.table(stage)} s JOIN staff t ON t.staff_id = s.staff_id
            WHERE ROW(s.role, s.partner_id) IS DISTINCT FROM ROW(t.role, t.partner_id))`,
        caseload: false,
      };
    case 'members': {
      // The cube covers the years of plan actions; activity alone in another year is computed live.
      const years: LedgerChange['years'] =
        bringsYears(spec) && effect.dated
          ? (timezone) => sql`SELECT DISTINCT extract(year FROM ${datesOf(effect.dated, 's', timezone).lo})::int AS year
              FROM ${sql.table(stage)} s WHERE s.member_id <> ''`
          : null;
      const allNew = counts.updated === 0 && counts.duplicates === 0;
      if (allNew && effect.dated?.as === 'action') return { ...appendedActions(stage), caseload: effect.caseload, years };
      return { touched: (timezone) => changedMembers(spec, effect.dated, stage, timezone, allNew), caseload: effect.caseload, years };
    }
  }
}

/**
 * A file of actions all new to the ledger: what they add to their members' facts is added to the
 * stored ones (appendedActionFactsOf, newlyGuidedOf), renewal guidance's look-back included, so no member is recomputed.
 */
function appendedActions(stage: string): Pick<LedgerChange, 'touched' | 'appendedActions'> {
  return { touched: null, appendedActions: stage };
}

/** New or differing staged rows (their member and dates), and the stored rows they replace. */
function changedMembers(spec: FileSpec, dated: Dated, stage: string, timezone: string, allNew: boolean): RawBuilder<unknown> {
  const s = datesOf(dated, 's', timezone);
  if (allNew) return sql`SELECT s.member_id, ${s.lo}, ${s.hi} FROM ${sql.table(stage)} s`;
  const cols = tableColumns(spec);
  const keyJoin = spec.key.map((k) => `t.${k} = s.${k}`).join(' AND ');
  const differs = `ROW(${list(cols, 's.')}) IS DISTINCT FROM ROW(${list(cols, 't.')})`;
  const t = datesOf(dated, 't', timezone);
  // One pass over the join: each changed row yields its new member and dates, and the old ones.
  return sql`
    SELECT x.member_id, x.lo, x.hi
    FROM ${sql.table(stage)} s LEFT JOIN ${sql.table(spec.table)} t ON ${sql.raw(keyJoin)}
      CROSS JOIN LATERAL (VALUES (s.member_id, ${s.lo}, ${s.hi}), (t.member_id, ${t.lo}, ${t.hi})) AS x(member_id, lo, hi)
    WHERE (t.${sql.raw(spec.key[0]!)} IS NULL OR ${sql.raw(differs)}) AND x.member_id IS NOT NULL`;
}
