// Staff and caseloads: who works for the plan (or a partner) and each case manager's members
// by risk tier against the research benchmark (20–50 high-risk, 250 low-risk).
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { getSetting, todayIn } from '../settings/settings.service.js';

export async function listStaff(db: Db, q: { role?: string; partner_id?: string; as_of?: string }, actor: Principal) {
  let query = db.kysely.selectFrom('staff').selectAll().orderBy('staff_id');
  // A partner user sees only its own organization's staff.
  if (actor.role === 'partner') query = query.where('partner_id', '=', actor.partnerId ?? '');
  if (q.role) query = query.where('role', '=', q.role);
  if (q.partner_id) query = query.where('partner_id', '=', q.partner_id);
  if (q.as_of)
    query = query.where('hired_on', '<=', q.as_of).where((eb) => eb.or([eb('left_on', 'is', null), eb('left_on', '>=', q.as_of!)]));
  return { items: await query.execute() };
}

type Band = 'below' | 'within' | 'above' | null;
const band = (n: number, low: number, high: number): Band => (n === 0 ? null : n < low ? 'below' : n > high ? 'above' : 'within');

export async function caseloads(db: Db, q: { as_of?: string }) {
  const timezone = await getSetting(db, 'timezone');
  const asOf = q.as_of ?? todayIn(timezone);
  const { rows } = await sql<{
    staff_id: string;
    name: string | null;
    role: string;
    partner_id: string | null;
    high_risk: number;
    low_risk: number;
  }>`
    SELECT s.staff_id, s.name, s.role, s.partner_id,
      count(DISTINCT c.member_id) FILTER (WHERE m.risk_tier = 'high') AS high_risk,
      count(DISTINCT c.member_id) FILTER (WHERE m.risk_tier = 'low') AS low_risk
    FROM caseload c
    JOIN members m ON m.member_id = c.member_id
    JOIN staff s ON s.staff_id = c.staff_id
    WHERE c.assigned_on <= ${asOf}::date AND (c.unassigned_on IS NULL OR c.unassigned_on > ${asOf}::date)
      AND EXISTS (SELECT 1 FROM enrollments e WHERE e.member_id = c.member_id AND e.enrolled_from <= ${asOf}::date
        AND (e.enrolled_to IS NULL OR e.enrolled_to >= ${asOf}::date))
    GROUP BY s.staff_id, s.name, s.role, s.partner_id
    ORDER BY s.staff_id`.execute(db.kysely);
  return {
    as_of: asOf,
    benchmark: { high: { low: 20, high: 50 }, low: { low: 250, high: 250 } },
    items: rows.map((r) => ({
      ...r,
      high_risk: Number(r.high_risk),
      low_risk: Number(r.low_risk),
      high_status: band(Number(r.high_risk), 20, 50),
      low_status: band(Number(r.low_risk), 250, 250),
    })),
  };
}
