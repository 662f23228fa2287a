// The partner side of a synthetic plan (SPEC.md §7): partner profiles, attributions, value-based
// contracts with two years of measure sets (some measures changed, added or dropped in the second
// year), reported results, two years of formal and informal touchpoints and their follow-ups —
// enough for every partner page to show something a manager can act on. Drawn from its own random
// stream (ctx.prnd), so the members and actions of a seed stay what they were.
import { COUNTIES } from './plan-shape.js';
import { daysIn, pad, ymd, type Month, type Organizations, type PlanContext } from './synth-context.js';

type Partner = Organizations['partners'][number];

const SERVICES: Record<string, string[]> = {
  provider: ['primary care', 'behavioral health', 'care transitions', 'chronic care management', 'telehealth'],
  community: ['food boxes', 'housing navigation', 'rides to appointments', 'benefits enrollment', 'community health workers'],
  public_health: ['immunization clinics', 'maternal and child health', 'disease surveillance', 'health education'],
  payer: ['medicare advantage', 'medicaid managed care', 'care coordination delegation'],
  other: ['interpreter services', 'pharmacy outreach'],
};

/** partners.csv with a take-stock profile (columns after the SPEC's core three, in spec order). */
export function partnerProfileRow(ctx: PlanContext, p: Partner, i: number): (string | number | null)[] {
  const r = ctx.prnd;
  const counties = COUNTIES.filter(() => r.chance(0.5)).map((c) => c[0]);
  const services = SERVICES[p.kind]!.filter(() => r.chance(0.6));
  const funding =
    p.kind === 'community'
      ? ['state grants', 'philanthropy', 'health plan contracts']
      : p.kind === 'public_health'
        ? ['county general fund', 'CDC grants']
        : ['claims revenue'];
  return [
    (counties.length ? counties : ['King']).join(';'),
    (services.length ? services : SERVICES[p.kind]!.slice(0, 1)).join(';'),
    p.kind === 'provider' ? `Medicaid ${r.int(30, 60)}%, Medicare ${r.int(10, 30)}%, commercial rest` : null,
    funding.join(';'),
    p.kind === 'community' || p.kind === 'public_health' ? 'state fiscal year (July–June)' : 'calendar year',
    `Partner ${i} exists to keep its community healthy where people live.`,
    r.chance(0.7) ? 'Shares our focus on reaching members the plan does not reach today.' : null,
    p.kind === 'provider' ? 'HEDIS measures, readmissions, patient experience' : 'people served, referrals closed',
    `https://partner${i}.example.org`,
    p.kind === 'payer' ? 60 : 90,
    p.kind === 'community' ? 21 : 30,
    p.kind === 'provider' ? 'adults with chronic conditions, many on Medicaid' : 'low-income families',
    r.chance(0.5) ? 'high rates of diabetes and hypertension' : null,
    p.kind === 'provider' ? 'clinic-based with home visits' : 'community-based, mobile',
    p.kind === 'public_health' ? 'state public health code; HIPAA does not apply to most programs' : 'HIPAA covered entity',
    r.chance(0.8) ? 'stable' : 'funding at risk next cycle',
  ];
}

/** One or two attribution spans for a member enrolled from month `from`, switching at `cut` for some. */
export async function writeAttributions(ctx: PlanContext, memberId: string, from: Month, cut: Month, org: Organizations): Promise<void> {
  const r = ctx.prnd;
  if (!r.chance(0.82)) return;
  const targets = [...org.providers, ...org.community];
  // Most members are attributed to the first providers, who hold the contracts.
  const pick = (): Partner => (r.chance(0.75) ? org.providers[r.int(0, Math.min(2, org.providers.length - 1))]! : r.pick(targets));
  const first = pick();
  const start = ymd(from.y - (from.index === 0 ? 1 : 0), from.m, 1);
  if (r.chance(0.08)) {
    const second = pick();
    await ctx.w.attributions.row([memberId, first.id, start, ymd(cut.y, cut.m, 14), 'assignment']);
    await ctx.w.attributions.row([memberId, second.id, ymd(cut.y, cut.m, 15), null, 'member_choice']);
    return;
  }
  await ctx.w.attributions.row([memberId, first.id, start, null, r.pick(['assignment', 'claims', 'member_choice'])]);
}

interface ContractPlan {
  id: string;
  partner: Partner;
  name: string;
  arrangement: string;
  startsOn: string;
  endsOn: string | null;
  lob: string | null;
  maxIncentive: number | null;
  /** [measure_id, name, source, metric, tier, direction, threshold, target, weight] per year offset (0 = last year). */
  measures: [number, string, string, string, string | null, string | null, string, number, number, number][];
}

function contractsOf(org: Organizations, y: number): ContractPlan[] {
  const [p1, p2] = org.providers;
  const community = org.community[0]!;
  const payer = org.partners.find((p) => p.kind === 'payer')!;
  return [
    {
      id: 'K-SS-01',
      partner: p1!,
      name: 'Shared savings agreement',
      arrangement: 'shared_savings',
      startsOn: `${y - 1}-01-01`,
      endsOn: `${y}-12-31`,
      lob: null,
      maxIncentive: 250000,
      measures: [
        [0, 'CR', 'Contact rate', 'scorecard', 'contact_rate', null, 'higher', 0.2, 0.35, 2],
        [0, 'HRA', 'HRA calls', 'scorecard', 'hra_call_rate', null, 'higher', 0.04, 0.12, 1],
        [0, 'ATT-H', 'Contact attempts, high risk', 'scorecard', 'contact_attempts_per_member_month', 'high', 'higher', 0.2, 0.5, 1],
        [0, 'ED', 'ED visits per 1,000', 'reported', null, null, 'lower', 60, 45, 1],
        [1, 'CR', 'Contact rate', 'scorecard', 'contact_rate', null, 'higher', 0.25, 0.45, 2],
        [1, 'ATT-H', 'Contact attempts, high risk', 'scorecard', 'contact_attempts_per_member_month', 'high', 'higher', 0.2, 0.5, 1],
        [1, 'GR', 'Guided renewals', 'scorecard', 'guided_renewal_rate', null, 'higher', 0.3, 0.6, 1],
        [1, 'ED', 'ED visits per 1,000', 'reported', null, null, 'lower', 55, 42, 1],
      ],
    },
    {
      id: 'K-P4P-02',
      partner: p2 ?? p1!,
      name: 'Medicaid pay for performance',
      arrangement: 'pay_for_performance',
      startsOn: `${y}-01-01`,
      endsOn: null,
      lob: 'medicaid',
      maxIncentive: 80000,
      measures: [
        [1, 'CM', 'Care management reach', 'scorecard', 'care_management_rate', null, 'higher', 0.05, 0.12, 1],
        [1, 'APCP', 'Auto-assigned PCPs', 'scorecard', 'auto_pcp_assignment_rate', null, 'lower', 0.5, 0.3, 1],
        [1, 'FUH7', 'Follow-up within 7 days of an ED visit', 'reported', null, null, 'higher', 0.4, 0.6, 2],
      ],
    },
    {
      id: 'K-GR-03',
      partner: community,
      name: 'Community health grant',
      arrangement: 'grant',
      startsOn: `${y - 1}-07-01`,
      endsOn: `${y + 1}-06-30`,
      lob: null,
      maxIncentive: null,
      measures: [
        [0, 'COST', 'Cost guidance reach', 'scorecard', 'cost_guidance_rate', null, 'higher', 0.02, 0.08, 1],
        [0, 'FOOD', 'Food boxes delivered', 'reported', null, null, 'higher', 300, 900, 1],
        [1, 'COST', 'Cost guidance reach', 'scorecard', 'cost_guidance_rate', null, 'higher', 0.03, 0.08, 1],
        [1, 'FOOD', 'Food boxes delivered', 'reported', null, null, 'higher', 400, 1000, 1],
        [1, 'CHW', 'CHW home visits completed', 'reported', null, null, 'higher', 120, 120, 1],
      ],
    },
    {
      id: 'K-MOU-04',
      partner: payer,
      name: 'Delegated care coordination',
      arrangement: 'mou',
      startsOn: `${y}-01-01`,
      endsOn: `${y}-12-31`,
      lob: null,
      maxIncentive: null,
      measures: [[1, 'STARS', 'Overall Star rating', 'reported', null, null, 'higher', 3.5, 4.5, 1]],
    },
  ];
}

/** A reported result around the measure's range (counts reported at an annual pace), varying by period. */
function reportedValue(ctx: PlanContext, threshold: number, target: number): number {
  const spread = target === threshold ? Math.abs(target) * 0.2 : target - threshold;
  return Math.round((threshold + (spread * ctx.prnd.int(-3, 12)) / 10) * 100) / 100;
}

async function writeContracts(ctx: PlanContext, org: Organizations, y: number): Promise<ContractPlan[]> {
  const contracts = contractsOf(org, y);
  const lastMonth = ctx.months[11]!;
  for (const c of contracts) {
    await ctx.w.contracts.row([
      c.id,
      c.partner.id,
      c.name,
      c.arrangement,
      c.startsOn,
      c.endsOn,
      c.lob,
      c.maxIncentive,
      c.id === 'K-SS-01' ? 120 : null,
    ]);
    for (const [offset, id, name, source, metric, tier, direction, threshold, target, weight] of c.measures) {
      const year = y - 1 + offset;
      await ctx.w.contract_measures.row([c.id, year, id, name, source, metric, tier, direction, threshold, target, weight]);
      if (source !== 'reported') continue;
      // Quarters reported up to the last full quarter; the last year's total; this year's not yet.
      for (let q = 1; q <= 4; q++) {
        if (year === y && q * 3 > lastMonth.m) break;
        if (year === y - 1 && c.startsOn > `${year}-${pad(q * 3)}-01`) continue;
        await ctx.w.measure_results.row([
          c.id,
          id,
          `${year}-Q${q}`,
          reportedValue(ctx, threshold, target),
          null,
          null,
          `${year + (q === 4 ? 1 : 0)}-${pad(q === 4 ? 1 : q * 3 + 1)}-20`,
        ]);
      }
      if (year === y - 1 && c.startsOn <= `${year}-01-01`)
        await ctx.w.measure_results.row([c.id, id, `${year}`, reportedValue(ctx, threshold, target), null, null, `${y}-02-15`]);
    }
  }
  return contracts;
}

/**
 * Two years of touchpoints and their follow-ups: often with the first partners, less often with
 * the rest, at cadences that slip for some. The last three partners are new and not yet
 * contacted, so a first look at the directory shows every state without being all red.
 */
async function writeTouchpoints(ctx: PlanContext, org: Organizations, contracts: ContractPlan[], asOf: string): Promise<void> {
  const r = ctx.prnd;
  const end = Date.parse(`${asOf}T00:00:00Z`);
  const startAt = end - 730 * 86_400_000;
  const day = (t: number): string => new Date(t).toISOString().slice(0, 10);
  const staff = [...org.staff.coordinators, ...org.staff.navigators];
  let tp = 0;
  let fu = 0;
  for (const [i, p] of org.partners.slice(0, -3).entries()) {
    const contract = contracts.find((c) => c.partner.id === p.id);
    const close = i < 8;
    // Some relationships lapse: their last touchpoints stop weeks or months before the end.
    const lapse = (close ? [0, 0, 100, 0, 45, 200, 0, 30][i]! : r.pick([0, 0, 0, 20, 75, 160])) * 86_400_000;
    for (const [kind, every] of [
      ['formal', close ? 70 : 80],
      ['informal', close ? 16 : 24],
    ] as const) {
      for (let t = startAt + r.int(0, every) * 86_400_000; t <= end - lapse; t += (every + r.int(-10, 12)) * 86_400_000) {
        const id = `TP${pad(++tp, 5)}`;
        const type =
          kind === 'formal'
            ? contract
              ? 'scorecard_review'
              : 'joint_operating_committee'
            : r.pick(['call', 'meeting', 'email', 'site_visit', 'event']);
        const summary = kind === 'formal' ? 'Reviewed the scorecard and the open items.' : 'Checked in on referrals and staffing.';
        const next = r.chance(0.35) ? 'Share the member list for outreach.' : null;
        await ctx.w.touchpoints.row([
          id,
          p.id,
          day(t),
          kind,
          type,
          kind === 'formal' ? (contract?.id ?? null) : null,
          r.pick(staff),
          summary,
          next,
        ]);
        if (!next) continue;
        const due = t + 14 * 86_400_000;
        // Older follow-ups are done; of the recent ones some are still open, a few overdue.
        const done = due < end - 45 * 86_400_000 || r.chance(0.85) ? day(Math.min(due - r.int(0, 10) * 86_400_000, end)) : null;
        await ctx.w.follow_ups.row([
          `FU${pad(++fu, 5)}`,
          p.id,
          id,
          next,
          r.pick(staff),
          day(due),
          done === null || done >= day(t) ? done : day(t),
        ]);
      }
    }
  }
}

/**
 * Everything of §7 but attributions (written with each member). Touchpoints and follow-ups run
 * up to `asOf` (default: the last day of the year of actions; the demo passes today, so its
 * relationships look as they would this morning).
 */
export async function writeRelationships(ctx: PlanContext, org: Organizations, asOf?: string): Promise<void> {
  const last = ctx.months[11]!;
  const contracts = await writeContracts(ctx, org, last.y);
  await writeTouchpoints(ctx, org, contracts, asOf ?? ymd(last.y, last.m, daysIn(last.y, last.m)));
}
