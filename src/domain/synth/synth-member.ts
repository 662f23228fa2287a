// One synthetic member and everything about them: attributes, enrollment spans, care program,
// caseload, renewal, their own activity, and the plan's actions month by month while enrolled.
// Draws from the shared random stream in a fixed order (see synth-context.ts).
import {
  AGE_MIX,
  COUNTIES,
  ETHNICITY_MIX,
  HIGH_RISK_SHARE,
  LANGUAGE_MIX,
  LOB_MIX,
  MINUTES,
  OUTCOMES_PHONE,
  OUTCOMES_WRITTEN,
  PRODUCT_MIX,
  PROGRAMS,
  RACE_MIX,
  SEX_MIX,
  reachFactor,
} from './plan-shape.js';
import { daysIn, pad, ymd, type Month, type Organizations, type PlanContext } from './synth-context.js';
import { writeAttributions } from './synth-relationships.js';

interface ActionExtra {
  channel?: string;
  personalized?: boolean;
  campaign?: string;
  partner?: string | null;
  day?: number;
}

async function writeAction(
  ctx: PlanContext,
  memberId: string,
  type: string,
  month: Month,
  staffId: string | null,
  outcome: string | null,
  extra: ActionExtra = {},
): Promise<void> {
  const { rnd } = ctx;
  const day = extra.day ?? rnd.int(1, daysIn(month.y, month.m));
  const [lo, hi] = MINUTES[type]!;
  const ts = `${ymd(month.y, month.m, day)}T${pad(rnd.int(13, 23))}:${pad(rnd.int(0, 59))}:00Z`;
  const minutes = rnd.chance(0.9) ? rnd.int(lo, hi) : null;
  const row = [`A${pad(++ctx.seq.action, 9)}`, memberId, type, ts, staffId, extra.channel ?? 'phone', outcome];
  await ctx.w.actions.row([...row, extra.personalized ?? false, extra.campaign ?? null, extra.partner ?? null, minutes]);
}

/** The member as the scorecard segments them. */
interface Member {
  id: string;
  index: number;
  lob: string;
  product: string;
  age: number;
  high: boolean;
  language: string | null;
  rural: boolean;
  /** The months enrolled: activeFrom..activeTo of ctx.months. */
  activeFrom: number;
  activeTo: number;
  cutMonth: Month;
}

async function writeAttributes(ctx: PlanContext, index: number): Promise<Omit<Member, 'activeFrom' | 'activeTo' | 'cutMonth'>> {
  const { rnd, months } = ctx;
  const id = `M${pad(index, 7)}`;
  const lob = rnd.weighted(LOB_MIX);
  const product = rnd.weighted(PRODUCT_MIX[lob]!);
  const [ageMin, ageMax] = rnd.weighted(AGE_MIX[lob]!);
  const age = rnd.int(ageMin, ageMax);
  const birth = ymd(months[11]!.y - age, rnd.int(1, 12), rnd.int(1, 28));
  const high = rnd.chance(HIGH_RISK_SHARE[lob]!);
  const language = rnd.weighted(LANGUAGE_MIX);
  const [county, , rural] = rnd.weighted(COUNTIES.map((c) => [c, c[1]] as const));
  const hmoChoices = [
    ['auto', 45],
    ['member_choice', 50],
    ['none', 5],
  ] as const;
  const otherChoices = [
    ['member_choice', 60],
    ['none', 40],
  ] as const;
  const pcpAssignment = product === 'hmo' ? rnd.weighted(hmoChoices) : rnd.weighted(otherChoices);
  const sex = rnd.weighted(SEX_MIX);
  const race = rnd.weighted(RACE_MIX);
  const ethnicity = rnd.weighted(ETHNICITY_MIX);
  const zip = `98${pad(rnd.int(0, 999), 3)}`;
  const pcp = pcpAssignment === 'none' ? null : `PCP${pad(rnd.int(1, 400), 4)}`;
  // Contact details from the member's number, not the random stream (which would change every plan):
  // 555-0100 to 555-0199 are numbers set aside for fiction, and example.org is reserved.
  const phone = `206-555-01${pad(index % 100, 2)}`;
  const email = `member${index}@example.org`;
  await ctx.w.members.row([
    id,
    birth,
    sex,
    race,
    ethnicity,
    language,
    county,
    zip,
    high ? 'high' : 'low',
    pcp,
    pcpAssignment,
    phone,
    email,
  ]);
  return { id, index, lob, product, age, high, language, rural: Boolean(rural) };
}

/** Enrollment: most continuous; some join or leave mid-year, some change line of business. */
async function writeEnrollment(ctx: PlanContext, m: Omit<Member, 'activeFrom' | 'activeTo' | 'cutMonth'>): Promise<Member> {
  const { rnd, months, start, w } = ctx;
  const shape = rnd.weighted([
    ['continuous', 82],
    ['joins', 7],
    ['leaves', 7],
    ['switches', 4],
  ] as const);
  const cutMonth = months[rnd.int(2, 10)]!;
  const cut = cutMonth.index;
  const since = ymd(months[0]!.y - rnd.int(0, 4), rnd.int(1, 12), 1);
  const from = since < start ? since : start;
  const member = { ...m, activeFrom: 0, activeTo: 11, cutMonth };
  if (shape === 'continuous') await w.enrollments.row([m.id, m.lob, m.product, from, null]);
  if (shape === 'joins') {
    member.activeFrom = cut;
    await w.enrollments.row([m.id, m.lob, m.product, ymd(cutMonth.y, cutMonth.m, 1), null]);
  }
  if (shape === 'leaves') {
    member.activeTo = cut;
    await w.enrollments.row([m.id, m.lob, m.product, from, ymd(cutMonth.y, cutMonth.m, daysIn(cutMonth.y, cutMonth.m))]);
  }
  if (shape === 'switches') {
    const other = m.lob === 'medicaid' ? 'commercial' : m.lob === 'dual' ? 'medicare' : 'medicaid';
    await w.enrollments.row([m.id, m.lob, m.product, from, ymd(cutMonth.y, cutMonth.m, 14)]);
    await w.enrollments.row([m.id, other, rnd.weighted(PRODUCT_MIX[other]!), ymd(cutMonth.y, cutMonth.m, 15), null]);
  }
  return member;
}

async function writeCare(ctx: PlanContext, m: Member, org: Organizations): Promise<void> {
  const { rnd, months, w } = ctx;
  if (rnd.chance(m.high ? 0.4 : m.lob === 'dual' ? 0.12 : 0.03)) {
    const fromIdx = rnd.int(m.activeFrom, m.activeTo);
    const from = months[fromIdx]!;
    const until = months[rnd.int(fromIdx, 11)]!;
    const program = rnd.pick(PROGRAMS);
    const ends = rnd.chance(0.3) ? ymd(until.y, until.m, daysIn(until.y, until.m)) : null;
    await w.care_programs.row([m.id, program, ymd(from.y, from.m, 1), ends]);
  }
  if (m.high || rnd.chance(0.12)) {
    const pool = m.high ? org.staff.highCms : org.staff.lowCms;
    const assigned = ymd(months[0]!.y - 1, rnd.int(1, 12), rnd.int(1, 28));
    const unassigned = rnd.chance(0.05) ? ymd(m.cutMonth.y, m.cutMonth.m, rnd.int(1, 28)) : null;
    await w.caseload.row([m.id, pool[m.index % pool.length]!, assigned, unassigned]);
  }
}

/** Renewals: Medicaid and dual members renew once a year; about half get guided help. */
async function writeRenewal(ctx: PlanContext, m: Member, org: Organizations, reach: number): Promise<void> {
  const { rnd, months } = ctx;
  if (!((m.lob === 'medicaid' || m.lob === 'dual') && rnd.chance(0.9))) return;
  const due = months[rnd.int(m.activeFrom, m.activeTo)]!;
  const dueDay = rnd.int(1, daysIn(due.y, due.m));
  await ctx.w.renewals.row([m.id, ymd(due.y, due.m, dueDay)]);
  if (rnd.chance(0.55 * reach) && due.index > 0) {
    const before = months[Math.max(0, due.index - rnd.int(0, 2))]!;
    await writeAction(ctx, m.id, 'renewal_guidance', before, rnd.pick(org.staff.navigators), 'completed', {
      day: before === due ? rnd.int(1, dueDay) : undefined,
      personalized: true,
    });
  }
}

/** Member activity: portal logins and online tools differ by line of business. */
async function writeActivity(ctx: PlanContext, m: Member): Promise<void> {
  const { rnd, months, w } = ctx;
  const portalP = ({ medicaid: 0.16, commercial: 0.32, dual: 0.1, medicare: 0.18 } as Record<string, number>)[m.lob]!;
  if (rnd.chance(portalP)) {
    for (let k = rnd.int(1, 6); k > 0; k--) {
      const mo = months[rnd.int(m.activeFrom, m.activeTo)]!;
      const id = rnd.chance(0.7) ? `X${pad(++ctx.seq.activity, 9)}` : null;
      const at = `${ymd(mo.y, mo.m, rnd.int(1, daysIn(mo.y, mo.m)))}T${pad(rnd.int(0, 23))}:${pad(rnd.int(0, 59))}:00Z`;
      await w.member_activity.row([id, m.id, 'portal_login', at]);
    }
  }
  if (rnd.chance(0.025)) {
    const mo = months[rnd.int(m.activeFrom, m.activeTo)]!;
    await w.member_activity.row([
      `X${pad(++ctx.seq.activity, 9)}`,
      m.id,
      'online_tool_use',
      `${ymd(mo.y, mo.m, rnd.int(1, 28))}T12:00:00Z`,
    ]);
  }
}

/** Outreach and HRA calls in one month. */
async function writeContacts(ctx: PlanContext, m: Member, org: Organizations, mo: Month, reach: number, hra: boolean): Promise<void> {
  const { rnd } = ctx;
  const attempts = rnd.poisson((m.high ? 1.1 : 0.075) * mo.season * reach * ctx.intensity);
  for (let k = 0; k < attempts; k++) {
    const written = rnd.chance(0.25);
    const channel = written ? rnd.pick(['sms', 'mail', 'email']) : 'phone';
    const staffId = rnd.pick(org.staff.outreach);
    const outcome = written ? rnd.weighted(OUTCOMES_WRITTEN) : rnd.weighted(OUTCOMES_PHONE);
    await writeAction(ctx, m.id, 'outreach', mo, staffId, outcome, { channel, personalized: rnd.chance(m.high ? 0.6 : 0.3) });
  }
  if (!hra) return;
  const nurse = rnd.pick(org.staff.nurses);
  const outcome = rnd.weighted([
    ['completed', 60],
    ['no_answer', 25],
    ['declined', 15],
  ] as const);
  await writeAction(ctx, m.id, 'hra_call', mo, nurse, outcome);
}

/** Services the plan provides in one month: visits, rides, guidance, appointments, disputes, campaigns. */
async function writeServices(ctx: PlanContext, m: Member, org: Organizations, mo: Month): Promise<void> {
  const { rnd } = ctx;
  const { staff } = org;
  const s = mo.season;
  const act = (type: string, staffId: string | null, outcome: string | null, extra?: ActionExtra): Promise<void> =>
    writeAction(ctx, m.id, type, mo, staffId, outcome, extra);
  if (rnd.chance((m.high ? 0.09 : 0.004) * s)) await act('chw_visit', rnd.pick(staff.chws), 'completed', { channel: 'in_person' });
  if ((m.lob === 'medicaid' || m.lob === 'dual') && rnd.chance((m.high ? 0.12 : 0.006) * s))
    await act('transportation', rnd.pick(staff.coordinators), 'scheduled');
  if (rnd.chance((m.lob === 'commercial' ? 0.02 : 0.008) * s))
    await act('cost_guidance', rnd.pick(staff.navigators), 'completed', { personalized: true });
  if (rnd.chance((m.high ? 0.08 : 0.015) * s)) await act('pcp_appointment', rnd.pick(staff.coordinators), 'scheduled');
  if (m.high && rnd.chance(0.035 * s * (m.rural ? 0.6 : 1))) {
    const own = rnd.chance(0.7);
    await act('in_person_visit', own ? rnd.pick([...staff.nurses, ...staff.highCms]) : rnd.pick(staff.partnerVisitors), 'completed', {
      channel: 'in_person',
    });
  }
  if (rnd.chance(0.003))
    await act('claim_dispute_resolved', rnd.chance(0.55) ? rnd.pick(staff.socialWorkers) : rnd.pick(staff.coordinators), 'resolved');
  for (const c of org.campaigns) {
    if (mo.index >= c.startIdx && mo.index <= c.endIdx && rnd.chance(0.02))
      await act('campaign_touch', null, null, { channel: rnd.pick(['mail', 'sms', 'email']), campaign: c.id });
  }
}

/** Writes member number `index` (from 1) and all their rows. */
export async function writeMember(ctx: PlanContext, index: number, org: Organizations): Promise<void> {
  const { rnd } = ctx;
  const m = await writeEnrollment(ctx, await writeAttributes(ctx, index));
  await writeAttributions(ctx, m.id, ctx.months[m.activeFrom]!, m.cutMonth, org);
  await writeCare(ctx, m, org);
  const reach = reachFactor(m.language, m.rural, m.age);
  await writeRenewal(ctx, m, org, reach);
  await writeActivity(ctx, m);
  // The plan's own actions, month by month while enrolled.
  const hraThisYear = rnd.chance(m.high ? 0.55 * reach : 0.06 * reach);
  const hraMonth = rnd.int(m.activeFrom, m.activeTo);
  for (let mi = m.activeFrom; mi <= m.activeTo; mi++) {
    const mo = ctx.months[mi]!;
    await writeContacts(ctx, m, org, mo, reach, hraThisYear && mi === hraMonth);
    await writeServices(ctx, m, org, mo);
  }
}
