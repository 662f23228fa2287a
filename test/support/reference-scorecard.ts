// An independent computation of SPEC.md §4 in plain TypeScript over the rows of the files,
// written from the spec text without looking at the SQL. The scorecard must agree with it.
import type { Plan, Row } from './edge-plan.js';

export interface RefRow {
  metric: string;
  principle: number;
  segment_value: string;
  tier: string | null;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  per_1000: number | null;
}

const PRINCIPLE_OF: Record<string, number> = {
  outreach: 1,
  hra_call: 1,
  chw_visit: 2,
  campaign_touch: 2,
  transportation: 3,
  cost_guidance: 3,
  renewal_guidance: 3,
  pcp_appointment: 4,
  in_person_visit: 4,
  claim_dispute_resolved: 4,
};

/** Wall-clock `YYYY-MM-DDTHH:MM:SS` in `tz` → instant, by correcting with the zone's offset twice. */
function wallToInstant(wall: string, tz: string): number {
  const asUtc = Date.parse(`${wall}Z`);
  const offsetAt = (t: number): number => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(t));
    const get = (type: string): number => Number(parts.find((p) => p.type === type)!.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - t;
  };
  let t = asUtc - offsetAt(asUtc);
  t = asUtc - offsetAt(t);
  return t;
}

export function instantOf(ts: string, tz: string): number {
  const normal = ts.replace(' ', 'T');
  if (/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(normal)) return Date.parse(normal);
  return wallToInstant(normal.length === 16 ? `${normal}:00` : normal, tz);
}

export function localDate(instant: number, tz: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

export const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** SPEC §1: the last row of each key wins. */
export function byKey(rows: readonly Row[], key: (r: Row) => string): Row[] {
  const m = new Map<string, Row>();
  for (const r of rows) m.set(key(r), r);
  return [...m.values()];
}

function ageBand(birth: string, end: string): string {
  if (!birth || birth > end) return 'unknown';
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ey, em, ed] = end.split('-').map(Number) as [number, number, number];
  const age = ey - by - (em < bm || (em === bm && ed < bd) ? 1 : 0);
  return age < 18 ? '0-17' : age < 45 ? '18-44' : age < 65 ? '45-64' : '65+';
}

type Dated = Row & { date: string };

export interface RefPeriod {
  start: string;
  end: string;
  months: number;
}

/** `keep`: only members of E(P) it accepts, given their line of business in P (a contract's population). */
export function referenceScorecard(
  plan: Plan,
  period: RefPeriod,
  segment: string | null,
  tz: string,
  keep: (memberId: string, lineOfBusiness: string) => boolean = () => true,
): RefRow[] {
  const { start, end, months } = period;
  const members = new Map(byKey(plan.members!, (r) => r.member_id!).map((m) => [m.member_id!, m]));
  const staff = new Map(byKey(plan.staff!, (r) => r.staff_id!).map((s) => [s.staff_id!, s]));
  const enrollments = byKey(plan.enrollments!, (r) => `${r.member_id}|${r.enrolled_from}`);
  const actions = byKey(plan.actions!, (r) => r.action_id!).map((a): Dated => ({
    ...a,
    date: localDate(instantOf(a.occurred_at!, tz), tz),
  }));
  const activity = byKey(plan.member_activity!, (r) =>
    r.activity_id ? `id:${r.activity_id}` : `${r.member_id}|${r.activity_type}|${instantOf(r.occurred_at!, tz)}`,
  ).map((x): Dated => ({
    ...x,
    date: localDate(instantOf(x.occurred_at!, tz), tz),
  }));
  const renewals = byKey(plan.renewals!, (r) => `${r.member_id}|${r.due_on}`);
  const programs = byKey(plan.care_programs!, (r) => `${r.member_id}|${r.program}|${r.enrolled_on}`);
  const caseload = byKey(plan.caseload!, (r) => `${r.member_id}|${r.staff_id}|${r.assigned_on}`);

  // E(P) and each member's line of business / product from the latest overlapping span.
  const enrolled = new Map<string, Row>();
  for (const e of enrollments) {
    if (e.enrolled_from! <= end && (!e.enrolled_to || e.enrolled_to >= start)) {
      const prior = enrolled.get(e.member_id!);
      if (!prior || e.enrolled_from! > prior.enrolled_from!) enrolled.set(e.member_id!, e);
    }
  }
  for (const [id, e] of enrolled) if (!keep(id, e.line_of_business!)) enrolled.delete(id);
  // SPEC §7.2: the overlapping attribution span with the latest start, else unattributed.
  const attributions = byKey(plan.attributions ?? [], (r) => `${r.member_id}|${r.attributed_from}`);
  const partnerOf = (id: string): string => {
    let best: Row | undefined;
    for (const a of attributions) {
      if (a.member_id !== id || a.attributed_from! > end || (a.attributed_to && a.attributed_to < start)) continue;
      if (!best || a.attributed_from! > best.attributed_from!) best = a;
    }
    return best?.partner_id ?? 'unattributed';
  };
  const segOf = (id: string): string => {
    if (!segment) return 'all';
    const m = members.get(id)!;
    const e = enrolled.get(id)!;
    if (segment === 'line_of_business') return e.line_of_business!;
    if (segment === 'product') return e.product!;
    if (segment === 'age_band') return ageBand(m.birth_date!, end);
    if (segment === 'partner') return partnerOf(id);
    return m[segment] || 'unknown';
  };
  const groups = new Map<string, string[]>();
  for (const id of enrolled.keys()) {
    const v = segOf(id);
    groups.set(v, [...(groups.get(v) ?? []), id]);
  }
  if (!segment && groups.size === 0) groups.set('all', []);
  const inP = (d: string): boolean => d >= start && d <= end;
  const out: RefRow[] = [];
  const push = (
    metric: string,
    principle: number,
    sv: string,
    tier: string | null,
    numerator: number,
    denominator: number | null,
    perMembers: number | null,
  ): void => {
    const value = denominator === null ? numerator : denominator === 0 ? null : numerator / denominator;
    const per = perMembers !== null && perMembers > 0 ? (numerator * 1000) / (perMembers * months) : null;
    out.push({ metric, principle, segment_value: sv, tier, numerator, denominator, value, per_1000: perMembers === null ? null : per });
  };

  for (const [sv, ids] of groups) {
    const set = new Set(ids);
    const acts = actions.filter((a) => a.member_id && set.has(a.member_id) && inP(a.date));
    const withAction = (pred: (a: (typeof acts)[number]) => boolean): number => new Set(acts.filter(pred).map((a) => a.member_id)).size;
    const n = ids.length;
    const tierOf = (id: string): string => members.get(id)!.risk_tier!;
    const isAttempt = (a: Row): boolean => a.action_type === 'outreach' || a.action_type === 'hra_call';

    push(
      'contact_rate',
      1,
      sv,
      null,
      withAction((a) => isAttempt(a) && ['reached', 'completed', 'declined'].includes(a.outcome!)),
      n,
      null,
    );
    const act = (type: string): number =>
      new Set(activity.filter((x) => set.has(x.member_id!) && x.activity_type === type && inP(x.date)).map((x) => x.member_id)).size;
    push('portal_login_rate', 1, sv, null, act('portal_login'), n, null);
    push('online_tool_use_rate', 1, sv, null, act('online_tool_use'), n, null);
    push(
      'hra_call_rate',
      1,
      sv,
      null,
      withAction((a) => a.action_type === 'hra_call'),
      n,
      null,
    );
    for (const tier of ['high', 'low']) {
      const tierIds = ids.filter((id) => tierOf(id) === tier);
      push(
        'contact_attempts_per_member_month',
        1,
        sv,
        tier,
        acts.filter((a) => isAttempt(a) && tierOf(a.member_id!) === tier).length,
        tierIds.length * months,
        null,
      );
    }
    push(
      'personalized_outreach_rate',
      1,
      sv,
      null,
      withAction(
        (a) => a.action_type === 'outreach' && a.personalized === 'true' && !['wrong_number', 'undeliverable'].includes(a.outcome!),
      ),
      n,
      null,
    );

    for (const tier of ['high', 'low']) {
      const enrolledOnD = (id: string): boolean =>
        enrollments.some((e) => e.member_id === id && e.enrolled_from! <= end && (!e.enrolled_to || e.enrolled_to >= end));
      const active = caseload.filter(
        (c) =>
          set.has(c.member_id!) &&
          tierOf(c.member_id!) === tier &&
          c.assigned_on! <= end &&
          (!c.unassigned_on || c.unassigned_on > end) &&
          enrolledOnD(c.member_id!),
      );
      push(
        'members_per_case_manager',
        2,
        sv,
        tier,
        new Set(active.map((c) => c.member_id)).size,
        new Set(active.map((c) => c.staff_id)).size,
        null,
      );
    }
    if (!segment) {
      const chws = [...staff.values()].filter((s) => s.role === 'chw' && s.hired_on! <= end && (!s.left_on || s.left_on >= end)).length;
      push('chw_count', 2, sv, null, chws, null, null);
      const partners = new Map(plan.partners!.map((p) => [p.partner_id!, p.kind!]));
      const running = byKey(plan.campaigns!, (c) => c.campaign_id!).filter(
        (c) => c.starts_on! <= end && (!c.ends_on || c.ends_on >= start),
      );
      const community = running.filter((c) =>
        (c.partner_ids ?? '').split(';').some((p) => ['community', 'public_health'].includes(partners.get(p) ?? '')),
      );
      push('campaign_partner_rate', 2, sv, null, community.length, running.length, null);
    }
    push(
      'care_management_rate',
      3,
      sv,
      null,
      new Set(
        programs
          .filter((p) => set.has(p.member_id!) && p.enrolled_on! <= end && (!p.disenrolled_on || p.disenrolled_on >= start))
          .map((p) => p.member_id),
      ).size,
      n,
      null,
    );
    push('transportation_count', 3, sv, null, acts.filter((a) => a.action_type === 'transportation').length, null, n);
    push(
      'cost_guidance_rate',
      3,
      sv,
      null,
      withAction((a) => a.action_type === 'cost_guidance'),
      n,
      null,
    );
    const due = renewals.filter((r) => set.has(r.member_id!) && inP(r.due_on!));
    const guided = due.filter((r) =>
      actions.some(
        (a) =>
          a.member_id === r.member_id && a.action_type === 'renewal_guidance' && a.date >= addDays(r.due_on!, -90) && a.date <= r.due_on!,
      ),
    );
    push('guided_renewal_rate', 3, sv, null, guided.length, due.length, null);
    const hmo = ids.filter((id) => enrolled.get(id)!.product === 'hmo');
    push('auto_pcp_assignment_rate', 4, sv, null, hmo.filter((id) => members.get(id)!.pcp_assignment === 'auto').length, hmo.length, null);
    push('pcp_appointments_scheduled', 4, sv, null, acts.filter((a) => a.action_type === 'pcp_appointment').length, null, n);
    push(
      'in_person_visits',
      4,
      sv,
      null,
      acts.filter((a) => a.action_type === 'in_person_visit' && a.staff_id && staff.has(a.staff_id) && !staff.get(a.staff_id)!.partner_id)
        .length,
      null,
      n,
    );
    push(
      'disputes_resolved_by_social_worker',
      4,
      sv,
      null,
      acts.filter((a) => a.action_type === 'claim_dispute_resolved' && staff.get(a.staff_id!)?.role === 'social_worker').length,
      null,
      n,
    );
    for (const p of [1, 2, 3, 4]) {
      const mine = acts.filter((a) => PRINCIPLE_OF[a.action_type!] === p);
      push('principle_actions', p, sv, null, mine.length, null, n);
      const hours = mine.reduce((s, a) => s + (a.minutes ? Number(a.minutes) : 0), 0) / 60;
      out.push({
        metric: 'principle_staff_hours',
        principle: p,
        segment_value: sv,
        tier: null,
        numerator: hours,
        denominator: null,
        value: hours,
        per_1000: null,
      });
    }
  }
  return out;
}
