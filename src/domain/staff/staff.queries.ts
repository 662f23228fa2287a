// The only SQL of the staff area: staff lists and per-staff caseload counts on a day.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, StaffTable } from '../../db/database.js';
import type { PartnerScope } from '../auth/scope.js';
import { assignedOn, enrolledOn } from '../ledger/rules.js';
import type { StaffQuery } from './staff.schema.js';

type Q = Kysely<Database>;

export async function queryStaff(db: Q, q: StaffQuery, scope: PartnerScope): Promise<Selectable<StaffTable>[]> {
  let query = db.selectFrom('staff').selectAll().orderBy('staff_id');
  if (scope) query = query.where('partner_id', '=', scope.partnerId);
  if (q.role) query = query.where('role', '=', q.role);
  if (q.partner_id) query = query.where('partner_id', '=', q.partner_id);
  const asOf = q.as_of;
  if (asOf) query = query.where('hired_on', '<=', asOf).where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>=', asOf)]));
  return query.execute();
}

export interface CaseloadCount {
  staff_id: string;
  name: string | null;
  role: string;
  partner_id: string | null;
  high_risk: number;
  low_risk: number;
}

/** Per staff member with assignments active on `asOf`: distinct enrolled members by risk tier. */
export async function caseloadCounts(db: Q, asOf: string): Promise<CaseloadCount[]> {
  const { rows } = await sql<CaseloadCount>`
    SELECT s.staff_id, s.name, s.role, s.partner_id,
      count(DISTINCT c.member_id) FILTER (WHERE m.risk_tier = 'high') AS high_risk,
      count(DISTINCT c.member_id) FILTER (WHERE m.risk_tier = 'low') AS low_risk
    FROM (SELECT ${asOf}::date AS day) d
    JOIN caseload c ON ${sql.raw(assignedOn('c', 'd.day'))}
    JOIN members m ON m.member_id = c.member_id
    JOIN staff s ON s.staff_id = c.staff_id
    WHERE EXISTS (SELECT 1 FROM enrollments e WHERE e.member_id = c.member_id AND ${sql.raw(enrolledOn('e', 'd.day'))})
    GROUP BY s.staff_id, s.name, s.role, s.partner_id
    ORDER BY s.staff_id`.execute(db);
  return rows.map((r) => ({ ...r, high_risk: Number(r.high_risk), low_risk: Number(r.low_risk) }));
}

export interface RoleProductivity {
  role: string;
  /** Plan staff of the role who logged actions in the window. */
  staff: number;
  actions: number;
  /** The minutes logged on those actions, in hours. */
  hours: number;
  /** Distinct members those actions were for. */
  members: number;
}

/**
 * What the plan's own staff did, by role, in the `days` up to `asOf` (local dates in `timezone`):
 * the measured rates a staffing what-if projects from. Partner staff are left out: the plan
 * cannot hire them.
 */
export async function staffProductivity(db: Q, asOf: string, days: number, timezone: string): Promise<RoleProductivity[]> {
  const { rows } = await sql<RoleProductivity>`
    SELECT s.role, count(DISTINCT a.staff_id) AS staff, count(*) AS actions,
      COALESCE(sum(a.minutes), 0) / 60.0 AS hours, count(DISTINCT a.member_id) AS members
    FROM actions a JOIN staff s ON s.staff_id = a.staff_id AND s.partner_id IS NULL
    WHERE a.voided_at IS NULL AND a.member_id <> ''
      AND a.occurred_at >= ((${asOf}::date - ${days - 1}::int)::timestamp AT TIME ZONE ${timezone}::text)
      AND a.occurred_at < ((${asOf}::date + 1)::timestamp AT TIME ZONE ${timezone}::text)
    GROUP BY s.role ORDER BY s.role`.execute(db);
  return rows.map((r) => ({
    role: r.role,
    staff: Number(r.staff),
    actions: Number(r.actions),
    hours: Number(r.hours),
    members: Number(r.members),
  }));
}
