// Staff and caseloads: who works for the plan (or a partner) and each case manager's members
// by risk tier against the research benchmark (rules.ts).
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { partnerScopeOf } from '../auth/scope.js';
import { bandOf, CASELOAD_BENCHMARK } from '../ledger/rules.js';
import { getSetting, todayIn } from '../settings/settings.service.js';
import { caseloadCounts, queryStaff, staffProductivity } from './staff.queries.js';
import type { CaseloadReport, StaffList, StaffQuery } from './staff.schema.js';

export async function listStaff(db: Db, q: StaffQuery, actor: Principal): Promise<StaffList> {
  // A partner user sees only its own organization's staff.
  return { items: await queryStaff(db.kysely, q, partnerScopeOf(actor)) };
}

/** The window of measured work a staffing what-if projects from. */
export const PRODUCTIVITY_DAYS = 90;

export async function caseloads(db: Db, q: { as_of?: string }): Promise<CaseloadReport> {
  const timezone = await getSetting(db, 'timezone');
  const asOf = q.as_of ?? todayIn(timezone);
  const rows = await caseloadCounts(db.kysely, asOf);
  return {
    as_of: asOf,
    benchmark: CASELOAD_BENCHMARK,
    productivity: { days: PRODUCTIVITY_DAYS, roles: await staffProductivity(db.kysely, asOf, PRODUCTIVITY_DAYS, timezone) },
    items: rows.map((r) => ({
      ...r,
      high_status: bandOf(r.high_risk, CASELOAD_BENCHMARK.high),
      low_status: bandOf(r.low_risk, CASELOAD_BENCHMARK.low),
    })),
  };
}
