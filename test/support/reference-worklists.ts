// An independent reading of the worklists (docs/api.md#worklists) in plain TypeScript over the
// rows of the files, written from the docs' sentences rather than from the SQL. Each list is
// reduced to one line per entry — the subject and the detail that says why it is there — so a
// list computed another way (a faster query, say) must give the same lines.
import type { Plan, Row } from './edge-plan.js';
import { addDays, byKey, instantOf, localDate } from './reference-scorecard.js';

const CONTACT_ATTEMPTS = new Set(['outreach', 'hra_call']);
const REACHED = new Set(['reached', 'completed', 'declined']);

export interface ReferenceOptions {
  asOf: string;
  tz: string;
  /** not_reached: contact attempts needed (default 3). */
  attempts?: number;
  /** renewal_due_no_guidance: days ahead (default 60). */
  days?: number;
}

interface TimedAction {
  type: string;
  outcome: string;
  at: number;
}

interface Ledger {
  members: Map<string, Row>;
  /** Enrolled on the day: the span with the latest start, by member. */
  enrolled: Map<string, Row>;
  /** Each member's actions with their instant. */
  actions: Map<string, TimedAction[]>;
}

function ledgerOf(plan: Plan, asOf: string, tz: string): Ledger {
  const members = new Map(byKey(plan.members!, (r) => r.member_id!).map((m) => [m.member_id!, m]));
  const enrolled = new Map<string, Row>();
  for (const e of byKey(plan.enrollments!, (r) => `${r.member_id}|${r.enrolled_from}`)) {
    if (e.enrolled_from! > asOf || (e.enrolled_to && e.enrolled_to < asOf)) continue;
    const prior = enrolled.get(e.member_id!);
    if (!prior || e.enrolled_from! > prior.enrolled_from!) enrolled.set(e.member_id!, e);
  }
  const actions = new Map<string, TimedAction[]>();
  for (const a of byKey(plan.actions!, (r) => r.action_id!)) {
    if (!a.member_id) continue;
    const list = actions.get(a.member_id) ?? [];
    list.push({ type: a.action_type!, outcome: a.outcome ?? '', at: instantOf(a.occurred_at!, tz) });
    actions.set(a.member_id, list);
  }
  return { members, enrolled, actions };
}

/** The instant a local calendar day starts in `tz`. */
const dayStart = (date: string, tz: string): number => instantOf(`${date}T00:00:00`, tz);

/** One line per entry of each worklist, sorted: `subject|detail…`. */
export function referenceWorklists(plan: Plan, o: ReferenceOptions): Record<string, string[]> {
  const { asOf, tz } = o;
  const l = ledgerOf(plan, asOf, tz);
  const end = dayStart(addDays(asOf, 1), tz);
  const actionsOf = (id: string, from: number, types: (t: string) => boolean): TimedAction[] =>
    (l.actions.get(id) ?? []).filter((a) => types(a.type) && a.at >= from && a.at < end);
  const lists: Record<string, string[]> = {
    high_risk_no_contact: [],
    renewal_due_no_guidance: [],
    care_management_no_hra: [],
    not_reached: [],
    caseload_outside_benchmark: [],
  };
  const monthStart = dayStart(`${asOf.slice(0, 8)}01`, tz);
  const yearStart = dayStart(`${asOf.slice(0, 4)}-01-01`, tz);
  const windowStart = dayStart(addDays(asOf, -89), tz);
  const renewals = byKey(plan.renewals!, (r) => `${r.member_id}|${r.due_on}`);
  const programs = byKey(plan.care_programs!, (r) => `${r.member_id}|${r.program}|${r.enrolled_on}`);
  for (const [id, e] of l.enrolled) {
    const m = l.members.get(id)!;
    const attempts = actionsOf(id, -Infinity, (t) => CONTACT_ATTEMPTS.has(t));
    if (m.risk_tier === 'high' && !attempts.some((a) => a.at >= monthStart)) {
      const last = attempts.length ? localDate(Math.max(...attempts.map((a) => a.at)), tz) : '';
      lists.high_risk_no_contact!.push(`${id}|${e.line_of_business}|${last}`);
    }
    for (const r of renewals) {
      if (r.member_id !== id || r.due_on! < asOf || r.due_on! > addDays(asOf, o.days ?? 60)) continue;
      const guided = actionsOf(id, dayStart(addDays(r.due_on!, -90), tz), (t) => t === 'renewal_guidance');
      if (!guided.length) lists.renewal_due_no_guidance!.push(`${id}|${r.due_on}`);
    }
    const active = programs.filter((p) => p.member_id === id && p.enrolled_on! <= asOf && (!p.disenrolled_on || p.disenrolled_on >= asOf));
    if (active.length && !actionsOf(id, yearStart, (t) => t === 'hra_call').length) {
      const latest = active.reduce((a, b) => (b.enrolled_on! > a.enrolled_on! ? b : a));
      lists.care_management_no_hra!.push(`${id}|${latest.program}|${latest.enrolled_on}`);
    }
    const recent = actionsOf(id, windowStart, (t) => CONTACT_ATTEMPTS.has(t));
    if (recent.length >= (o.attempts ?? 3) && !recent.some((a) => REACHED.has(a.outcome))) {
      lists.not_reached!.push(`${id}|${recent.length}`);
    }
  }
  lists.caseload_outside_benchmark = caseloadLines(plan, l, asOf);
  for (const k of Object.keys(lists)) lists[k]!.sort();
  return lists;
}

/** Staff whose high-risk caseload on the day is outside 20–50 (when they have any) or whose low-risk one is over 250. */
function caseloadLines(plan: Plan, l: Ledger, asOf: string): string[] {
  const load = new Map<string, { high: Set<string>; low: Set<string> }>();
  for (const c of byKey(plan.caseload!, (r) => `${r.member_id}|${r.staff_id}|${r.assigned_on}`)) {
    if (c.assigned_on! > asOf || (c.unassigned_on && c.unassigned_on <= asOf) || !l.enrolled.has(c.member_id!)) continue;
    const s = load.get(c.staff_id!) ?? { high: new Set<string>(), low: new Set<string>() };
    const tier = l.members.get(c.member_id!)?.risk_tier;
    if (tier === 'high') s.high.add(c.member_id!);
    if (tier === 'low') s.low.add(c.member_id!);
    load.set(c.staff_id!, s);
  }
  const lines: string[] = [];
  for (const [id, { high, low }] of load) {
    if ((high.size > 0 && (high.size < 20 || high.size > 50)) || low.size > 250) lines.push(`${id}|${high.size}|${low.size}`);
  }
  return lines;
}
