// The staffing what-if on Caseloads (issue 15): add case managers to a tier (or move them, with a
// negative count on the other) and CHWs, and see the members per case manager by tier that would
// follow, and the reach the new staff would buy at the plan's own measured pace. Pure.

export interface CaseloadItem {
  role: string;
  high_risk: number;
  low_risk: number;
}

export interface RoleWork {
  role: string;
  staff: number;
  actions: number;
  hours: number;
  members: number;
}

export interface StaffingChange {
  /** Case managers added to high-risk caseloads (negative: moved away). */
  high: number;
  low: number;
  chw: number;
}

export interface TierProjection {
  members: number;
  managers: number;
  /** Members per case manager; null with no case manager. */
  now: number | null;
  then: number | null;
}

export interface Projection {
  high: TierProjection;
  low: TierProjection;
  /** What the added staff would do in a month, at what the same role's staff logged per person. */
  reach: { actions: number; members: number; hours: number };
  /** The measured rates used, per role, a month per person (null where the role logged nothing). */
  rates: Record<string, { actionsPerHour: number | null; actionsPerMonth: number; membersPerMonth: number } | null>;
}

const perMonth = (value: number, days: number): number => (value * 30) / days;

function tier(items: readonly CaseloadItem[], key: 'high_risk' | 'low_risk', added: number): TierProjection {
  const holders = items.filter((i) => i.role === 'case_manager' && i[key] > 0);
  const members = holders.reduce((n, i) => n + i[key], 0);
  const managers = holders.length;
  const after = Math.max(0, managers + added);
  return { members, managers, now: managers ? members / managers : null, then: after ? members / after : null };
}

export function projectStaffing(
  items: readonly CaseloadItem[],
  work: readonly RoleWork[],
  days: number,
  change: StaffingChange,
): Projection {
  const rates: Projection['rates'] = {};
  for (const role of ['case_manager', 'chw']) {
    const w = work.find((r) => r.role === role && r.staff > 0);
    rates[role] = w
      ? {
          actionsPerHour: w.hours > 0 ? w.actions / w.hours : null,
          actionsPerMonth: perMonth(w.actions / w.staff, days),
          membersPerMonth: perMonth(w.members / w.staff, days),
        }
      : null;
  }
  // Moving a case manager between tiers (+1 and −1) adds no one, so buys no reach.
  const added = { case_manager: Math.max(0, change.high + change.low), chw: Math.max(0, change.chw) };
  const reach = { actions: 0, members: 0, hours: 0 };
  for (const [role, n] of Object.entries(added)) {
    const r = rates[role];
    const w = work.find((x) => x.role === role && x.staff > 0);
    if (!r || !w || n === 0) continue;
    reach.actions += n * r.actionsPerMonth;
    reach.members += n * r.membersPerMonth;
    reach.hours += n * perMonth(w.hours / w.staff, days);
  }
  return { high: tier(items, 'high_risk', change.high), low: tier(items, 'low_risk', change.low), reach, rates };
}
