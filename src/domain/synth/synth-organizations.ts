// The organizations of a synthetic plan, scaled with its size: partners, staff by role (enough
// case managers for the research caseloads) and campaigns, some with community partners.
import { PARTNER_KINDS } from './plan-shape.js';
import { partnerProfileRow } from './synth-relationships.js';
import { daysIn, pad, ymd, type Organizations, type PlanContext, type StaffPools } from './synth-context.js';

const NAMES: Record<string, string[]> = {
  provider: ['Valley Family Health', 'Riverside Medical Group', 'Cascade Behavioral Health', 'Northgate Clinics', 'Sound Pediatrics'],
  community: ['Harvest Food Bank', 'Neighbors in Need', 'Open Door Housing', 'Mercado Promotoras', 'Eastside Rides'],
  public_health: ['County Public Health', 'Tribal Health Department', 'Regional Health District'],
  payer: ['Evergreen Health Plan', 'Summit Medicare Advantage'],
  other: ['Language Link Interpreters', 'Corner Pharmacy Network'],
};

/** A believable name per kind: the n-th partner of a kind (from 0), numbered once its list is used up. */
function partnerName(kind: string, n: number): string {
  const names = NAMES[kind] ?? NAMES.other!;
  const base = names[n % names.length]!;
  return n < names.length ? base : `${base} ${Math.floor(n / names.length) + 1}`;
}

async function writePartners(ctx: PlanContext): Promise<Organizations['partners']> {
  const { rnd, w } = ctx;
  const partners: Organizations['partners'] = [];
  const count = Math.max(10, Math.round(ctx.members / 800));
  for (let i = 1; i <= count; i++) {
    const kind = i <= 5 ? (['provider', 'community', 'public_health', 'payer', 'community'] as const)[i - 1]! : rnd.weighted(PARTNER_KINDS);
    const p = { id: `P${pad(i, 4)}`, kind };
    partners.push(p);
    await w.partners.row([
      p.id,
      partnerName(kind, partners.filter((x) => x.kind === kind).length - 1),
      kind,
      ...partnerProfileRow(ctx, p, i),
    ]);
  }
  return partners;
}

async function addStaff(ctx: PlanContext, role: string, partner: string | null, leaves: boolean): Promise<string> {
  const { rnd, months } = ctx;
  const id = `S${pad(++ctx.seq.staff, 5)}`;
  const hired = ymd(months[0]!.y - rnd.int(1, 6), rnd.int(1, 12), rnd.int(1, 28));
  const leftMonth = months[rnd.int(3, 11)]!;
  const left = leaves ? ymd(leftMonth.y, leftMonth.m, rnd.int(1, 28)) : null;
  await ctx.w.staff.row([id, `${role.replace('_', ' ')} ${ctx.seq.staff}`, role, partner, hired, left]);
  return id;
}

/** `count` staff of a role; `partnerOf(i)` and `leaves(i)` say who works for a partner and who leaves. */
async function hire(
  ctx: PlanContext,
  role: string,
  count: number,
  partnerOf: (i: number) => string | null = () => null,
  leaves: (i: number) => boolean = () => false,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await addStaff(ctx, role, partnerOf(i), leaves(i)));
  return ids;
}

async function writeStaff(
  ctx: PlanContext,
  community: Organizations['partners'],
  providers: Organizations['partners'],
): Promise<StaffPools> {
  const { rnd, members } = ctx;
  const expectedHigh = members * 0.17;
  const highCms = await hire(ctx, 'case_manager', Math.max(2, Math.ceil(expectedHigh / 38)));
  const lowCms = await hire(ctx, 'case_manager', Math.max(1, Math.ceil((members * 0.83 * 0.12) / 240)));
  const chws = await hire(
    ctx,
    'chw',
    Math.max(3, Math.round(members / 2500)),
    (i) => (i % 3 === 2 ? rnd.pick(community).id : null),
    (i) => i % 7 === 6,
  );
  const socialWorkers = await hire(ctx, 'social_worker', Math.max(2, Math.round(members / 5000)));
  const nurses = await hire(ctx, 'nurse', Math.max(2, Math.round(members / 4000)));
  const navigators = await hire(ctx, 'navigator', Math.max(2, Math.round(members / 3000)), (i) => (i % 2 ? rnd.pick(providers).id : null));
  const coordinators = await hire(ctx, 'care_coordinator', Math.max(2, Math.round(members / 3000)), undefined, (i) => i % 5 === 4);
  const partnerVisitors = await hire(ctx, 'other', Math.max(1, Math.round(members / 8000)), () => rnd.pick(providers).id);
  const outreach = [...coordinators, ...navigators, ...nurses];
  return { highCms, lowCms, chws, socialWorkers, nurses, navigators, coordinators, partnerVisitors, outreach };
}

async function writeCampaigns(ctx: PlanContext, partners: Organizations['partners']): Promise<Organizations['campaigns']> {
  const { rnd, months } = ctx;
  const community = partners.filter((p) => p.kind === 'community');
  const publicHealth = partners.filter((p) => p.kind === 'public_health');
  const providers = partners.filter((p) => p.kind === 'provider');
  const campaigns: Organizations['campaigns'] = [];
  const count = 10 + Math.round(ctx.members / 25000);
  for (let i = 1; i <= count; i++) {
    const startIdx = rnd.int(0, 10);
    const endIdx = Math.min(11, startIdx + rnd.int(0, 4));
    const withCommunity = rnd.chance(0.55);
    const ids = new Set<string>();
    if (withCommunity) ids.add(rnd.pick([...community, ...publicHealth]).id);
    if (rnd.chance(0.7)) ids.add(rnd.pick(providers).id);
    const s = months[startIdx]!;
    const e = months[endIdx]!;
    campaigns.push({ id: `C${pad(i, 3)}`, startIdx, endIdx });
    await ctx.w.campaigns.row([`C${pad(i, 3)}`, `Campaign ${i}`, ymd(s.y, s.m, 1), ymd(e.y, e.m, daysIn(e.y, e.m)), [...ids].join(';')]);
  }
  return campaigns;
}

export async function writeOrganizations(ctx: PlanContext): Promise<Organizations> {
  const partners = await writePartners(ctx);
  const community = partners.filter((p) => p.kind === 'community');
  const providers = partners.filter((p) => p.kind === 'provider');
  const staff = await writeStaff(ctx, community, providers);
  const campaigns = await writeCampaigns(ctx, partners);
  return { partners, community, providers, staff, campaigns };
}
