// `diplomat synth`: writes a believable health plan as the ten files of SPEC.md §1. One pass
// over members, every file streamed; the same seed and options give byte-identical files.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_SPECS, type FileName } from '../import/file-specs.js';
import { CsvWriter } from './csv-writer.js';
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
  PARTNER_KINDS,
  PRODUCT_MIX,
  PROGRAMS,
  RACE_MIX,
  SEASON,
  SEX_MIX,
  reachFactor,
} from './plan-shape.js';
import { Random } from './random.js';

export interface SynthOptions {
  members: number;
  outDir: string;
  seed?: number;
  /** The last month of the year of plan actions, YYYY-MM. */
  through?: string;
  /**
   * Multiplies the plan's outreach (1 ≈ 4–6 actions per member a year in all; the benchmark
   * uses 7 for about 20 a year, a large Medicaid plan's busiest programs).
   */
  intensity?: number;
  onProgress?: (membersDone: number, total: number) => void;
}

export interface SynthResult {
  files: Record<string, number>;
  start: string;
  end: string;
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const ymd = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

interface Month {
  y: number;
  m: number;
  index: number;
  season: number;
}

function monthsThrough(through: string): Month[] {
  const [ty, tm] = through.split('-').map(Number) as [number, number];
  const out: Month[] = [];
  for (let i = 11; i >= 0; i--) {
    const idx = ty * 12 + (tm - 1) - i;
    const y = Math.floor(idx / 12);
    const m = (idx % 12) + 1;
    out.push({ y, m, index: 11 - i, season: SEASON[m - 1]! });
  }
  return out;
}

function columnsOf(file: FileName): string[] {
  return FILE_SPECS[file].columns.map((c) => c.name);
}

export async function generateSyntheticPlan(options: SynthOptions): Promise<SynthResult> {
  const { members, outDir } = options;
  const through = options.through ?? '2025-12';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(through)) throw new Error(`--through must be a month YYYY-MM, not "${through}"`);
  const rnd = new Random(options.seed ?? 42);
  const intensity = options.intensity ?? 1;
  if (!(intensity > 0)) throw new Error(`intensity must be a positive number, not ${intensity}`);
  const months = monthsThrough(through);
  const first = months[0]!;
  const last = months[11]!;
  const start = ymd(first.y, first.m, 1);
  const end = ymd(last.y, last.m, daysIn(last.y, last.m));
  mkdirSync(outDir, { recursive: true });
  const w = Object.fromEntries(
    (
      [
        'partners',
        'staff',
        'campaigns',
        'members',
        'enrollments',
        'care_programs',
        'caseload',
        'renewals',
        'member_activity',
        'actions',
      ] as const
    ).map((f) => [f, new CsvWriter(join(outDir, `${f}.csv`), columnsOf(f))]),
  ) as Record<FileName, CsvWriter>;

  // Partners, staff and campaigns scale with the plan.
  const partnerCount = Math.max(10, Math.round(members / 800));
  const partners: { id: string; kind: string }[] = [];
  for (let i = 1; i <= partnerCount; i++) {
    const kind = i <= 5 ? (['provider', 'community', 'public_health', 'payer', 'community'] as const)[i - 1]! : rnd.weighted(PARTNER_KINDS);
    const p = { id: `P${pad(i, 4)}`, kind };
    partners.push(p);
    await w.partners.row([p.id, `${kind.replace('_', ' ')} partner ${i}`, kind]);
  }
  const community = partners.filter((p) => p.kind === 'community');
  const providers = partners.filter((p) => p.kind === 'provider');

  const expectedHigh = members * 0.17;
  const highCms = Math.max(2, Math.ceil(expectedHigh / 38));
  const lowCms = Math.max(1, Math.ceil((members * 0.83 * 0.12) / 240));
  const staff: { id: string; role: string; partner: string | null }[] = [];
  let staffSeq = 0;
  const addStaff = async (role: string, partner: string | null, leaves: boolean): Promise<string> => {
    const id = `S${pad(++staffSeq, 5)}`;
    staff.push({ id, role, partner });
    const hired = ymd(first.y - rnd.int(1, 6), rnd.int(1, 12), rnd.int(1, 28));
    const leftMonth = months[rnd.int(3, 11)]!;
    await w.staff.row([
      id,
      `${role.replace('_', ' ')} ${staffSeq}`,
      role,
      partner,
      hired,
      leaves ? ymd(leftMonth.y, leftMonth.m, rnd.int(1, 28)) : null,
    ]);
    return id;
  };
  const highCmIds: string[] = [];
  const lowCmIds: string[] = [];
  for (let i = 0; i < highCms; i++) highCmIds.push(await addStaff('case_manager', null, false));
  for (let i = 0; i < lowCms; i++) lowCmIds.push(await addStaff('case_manager', null, false));
  const chws: string[] = [];
  for (let i = 0; i < Math.max(3, Math.round(members / 2500)); i++)
    chws.push(await addStaff('chw', i % 3 === 2 ? rnd.pick(community).id : null, i % 7 === 6));
  const socialWorkers: string[] = [];
  for (let i = 0; i < Math.max(2, Math.round(members / 5000)); i++) socialWorkers.push(await addStaff('social_worker', null, false));
  const nurses: string[] = [];
  for (let i = 0; i < Math.max(2, Math.round(members / 4000)); i++) nurses.push(await addStaff('nurse', null, false));
  const navigators: string[] = [];
  for (let i = 0; i < Math.max(2, Math.round(members / 3000)); i++)
    navigators.push(await addStaff('navigator', i % 2 ? rnd.pick(providers).id : null, false));
  const coordinators: string[] = [];
  for (let i = 0; i < Math.max(2, Math.round(members / 3000)); i++)
    coordinators.push(await addStaff('care_coordinator', null, i % 5 === 4));
  const partnerVisitors: string[] = [];
  for (let i = 0; i < Math.max(1, Math.round(members / 8000)); i++)
    partnerVisitors.push(await addStaff('other', rnd.pick(providers).id, false));
  const outreachStaff = [...coordinators, ...navigators, ...nurses];

  const campaigns: { id: string; startIdx: number; endIdx: number }[] = [];
  const campaignCount = 10 + Math.round(members / 25000);
  for (let i = 1; i <= campaignCount; i++) {
    const startIdx = rnd.int(0, 10);
    const endIdx = Math.min(11, startIdx + rnd.int(0, 4));
    const withCommunity = rnd.chance(0.55);
    const ids = new Set<string>();
    if (withCommunity) ids.add(rnd.pick([...community, ...partners.filter((p) => p.kind === 'public_health')]).id);
    if (rnd.chance(0.7)) ids.add(rnd.pick(providers).id);
    const s = months[startIdx]!;
    const e = months[endIdx]!;
    campaigns.push({ id: `C${pad(i, 3)}`, startIdx, endIdx });
    await w.campaigns.row([`C${pad(i, 3)}`, `Campaign ${i}`, ymd(s.y, s.m, 1), ymd(e.y, e.m, daysIn(e.y, e.m)), [...ids].join(';')]);
  }

  let actionSeq = 0;
  let activitySeq = 0;
  const action = async (
    memberId: string,
    type: string,
    month: Month,
    staffId: string | null,
    outcome: string | null,
    extra: { channel?: string; personalized?: boolean; campaign?: string; partner?: string | null; day?: number } = {},
  ): Promise<void> => {
    const day = extra.day ?? rnd.int(1, daysIn(month.y, month.m));
    const [lo, hi] = MINUTES[type]!;
    const ts = `${ymd(month.y, month.m, day)}T${pad(rnd.int(13, 23))}:${pad(rnd.int(0, 59))}:00Z`;
    await w.actions.row([
      `A${pad(++actionSeq, 9)}`,
      memberId,
      type,
      ts,
      staffId,
      extra.channel ?? 'phone',
      outcome,
      extra.personalized ?? false,
      extra.campaign ?? null,
      extra.partner ?? null,
      rnd.chance(0.9) ? rnd.int(lo, hi) : null,
    ]);
  };

  for (let i = 1; i <= members; i++) {
    const id = `M${pad(i, 7)}`;
    const lob = rnd.weighted(LOB_MIX);
    const product = rnd.weighted(PRODUCT_MIX[lob]!);
    const [ageMin, ageMax] = rnd.weighted(AGE_MIX[lob]!);
    const age = rnd.int(ageMin, ageMax);
    const birth = ymd(last.y - age, rnd.int(1, 12), rnd.int(1, 28));
    const high = rnd.chance(HIGH_RISK_SHARE[lob]!);
    const language = rnd.weighted(LANGUAGE_MIX);
    const [county, , rural] = rnd.weighted(COUNTIES.map((c) => [c, c[1]] as const));
    const pcpAssignment =
      product === 'hmo'
        ? rnd.weighted([
            ['auto', 45],
            ['member_choice', 50],
            ['none', 5],
          ] as const)
        : rnd.weighted([
            ['member_choice', 60],
            ['none', 40],
          ] as const);
    await w.members.row([
      id,
      birth,
      rnd.weighted(SEX_MIX),
      rnd.weighted(RACE_MIX),
      rnd.weighted(ETHNICITY_MIX),
      language,
      county,
      `98${pad(rnd.int(0, 999), 3)}`,
      high ? 'high' : 'low',
      pcpAssignment === 'none' ? null : `PCP${pad(rnd.int(1, 400), 4)}`,
      pcpAssignment,
    ]);

    // Enrollment: most continuous; some join or leave mid-year, some change line of business.
    const shape = rnd.weighted([
      ['continuous', 82],
      ['joins', 7],
      ['leaves', 7],
      ['switches', 4],
    ] as const);
    const cut = rnd.int(2, 10);
    const cutMonth = months[cut]!;
    const since = ymd(first.y - rnd.int(0, 4), rnd.int(1, 12), 1);
    let activeFrom = 0;
    let activeTo = 11;
    if (shape === 'continuous') await w.enrollments.row([id, lob, product, since < start ? since : start, null]);
    if (shape === 'joins') {
      activeFrom = cut;
      await w.enrollments.row([id, lob, product, ymd(cutMonth.y, cutMonth.m, 1), null]);
    }
    if (shape === 'leaves') {
      activeTo = cut;
      await w.enrollments.row([
        id,
        lob,
        product,
        since < start ? since : start,
        ymd(cutMonth.y, cutMonth.m, daysIn(cutMonth.y, cutMonth.m)),
      ]);
    }
    if (shape === 'switches') {
      const other = lob === 'medicaid' ? 'commercial' : lob === 'dual' ? 'medicare' : 'medicaid';
      await w.enrollments.row([id, lob, product, since < start ? since : start, ymd(cutMonth.y, cutMonth.m, 14)]);
      await w.enrollments.row([id, other, rnd.weighted(PRODUCT_MIX[other]!), ymd(cutMonth.y, cutMonth.m, 15), null]);
    }

    if (rnd.chance(high ? 0.4 : lob === 'dual' ? 0.12 : 0.03)) {
      const fromIdx = rnd.int(activeFrom, activeTo);
      const from = months[fromIdx]!;
      const until = months[rnd.int(fromIdx, 11)]!;
      await w.care_programs.row([
        id,
        rnd.pick(PROGRAMS),
        ymd(from.y, from.m, 1),
        rnd.chance(0.3) ? ymd(until.y, until.m, daysIn(until.y, until.m)) : null,
      ]);
    }
    if (high || rnd.chance(0.12)) {
      const cm = high ? highCmIds[i % highCmIds.length]! : lowCmIds[i % lowCmIds.length]!;
      await w.caseload.row([
        id,
        cm,
        ymd(first.y - 1, rnd.int(1, 12), rnd.int(1, 28)),
        rnd.chance(0.05) ? ymd(cutMonth.y, cutMonth.m, rnd.int(1, 28)) : null,
      ]);
    }

    const reach = reachFactor(language, rural, age);
    // Renewals: Medicaid and dual members renew once a year; about half get guided help.
    if ((lob === 'medicaid' || lob === 'dual') && rnd.chance(0.9)) {
      const due = months[rnd.int(activeFrom, activeTo)]!;
      const dueDay = rnd.int(1, daysIn(due.y, due.m));
      await w.renewals.row([id, ymd(due.y, due.m, dueDay)]);
      if (rnd.chance(0.55 * reach) && due.index > 0) {
        const before = months[Math.max(0, due.index - rnd.int(0, 2))]!;
        await action(id, 'renewal_guidance', before, rnd.pick(navigators), 'completed', {
          day: before === due ? rnd.int(1, dueDay) : undefined,
          personalized: true,
        });
      }
    }
    // Member activity: portal logins and online tools differ by line of business.
    const portalP = { medicaid: 0.16, commercial: 0.32, dual: 0.1, medicare: 0.18 }[lob];
    if (rnd.chance(portalP)) {
      for (let k = rnd.int(1, 6); k > 0; k--) {
        const mo = months[rnd.int(activeFrom, activeTo)]!;
        const hasId = rnd.chance(0.7);
        await w.member_activity.row([
          hasId ? `X${pad(++activitySeq, 9)}` : null,
          id,
          'portal_login',
          `${ymd(mo.y, mo.m, rnd.int(1, daysIn(mo.y, mo.m)))}T${pad(rnd.int(0, 23))}:${pad(rnd.int(0, 59))}:00Z`,
        ]);
      }
    }
    if (rnd.chance(0.025)) {
      const mo = months[rnd.int(activeFrom, activeTo)]!;
      await w.member_activity.row([`X${pad(++activitySeq, 9)}`, id, 'online_tool_use', `${ymd(mo.y, mo.m, rnd.int(1, 28))}T12:00:00Z`]);
    }

    // The plan's own actions, month by month while enrolled.
    const hraThisYear = rnd.chance(high ? 0.55 * reach : 0.06 * reach);
    const hraMonth = rnd.int(activeFrom, activeTo);
    for (let mi = activeFrom; mi <= activeTo; mi++) {
      const mo = months[mi]!;
      const s = mo.season;
      const attempts = rnd.poisson((high ? 1.1 : 0.075) * s * reach * intensity);
      for (let k = 0; k < attempts; k++) {
        const written = rnd.chance(0.25);
        const channel = written ? rnd.pick(['sms', 'mail', 'email']) : 'phone';
        await action(id, 'outreach', mo, rnd.pick(outreachStaff), written ? rnd.weighted(OUTCOMES_WRITTEN) : rnd.weighted(OUTCOMES_PHONE), {
          channel,
          personalized: rnd.chance(high ? 0.6 : 0.3),
        });
      }
      if (hraThisYear && mi === hraMonth)
        await action(
          id,
          'hra_call',
          mo,
          rnd.pick(nurses),
          rnd.weighted([
            ['completed', 60],
            ['no_answer', 25],
            ['declined', 15],
          ] as const),
        );
      if (rnd.chance((high ? 0.09 : 0.004) * s)) await action(id, 'chw_visit', mo, rnd.pick(chws), 'completed', { channel: 'in_person' });
      if ((lob === 'medicaid' || lob === 'dual') && rnd.chance((high ? 0.12 : 0.006) * s))
        await action(id, 'transportation', mo, rnd.pick(coordinators), 'scheduled');
      if (rnd.chance((lob === 'commercial' ? 0.02 : 0.008) * s))
        await action(id, 'cost_guidance', mo, rnd.pick(navigators), 'completed', { personalized: true });
      if (rnd.chance((high ? 0.08 : 0.015) * s)) await action(id, 'pcp_appointment', mo, rnd.pick(coordinators), 'scheduled');
      if (high && rnd.chance(0.035 * s * (rural ? 0.6 : 1))) {
        const own = rnd.chance(0.7);
        await action(id, 'in_person_visit', mo, own ? rnd.pick([...nurses, ...highCmIds]) : rnd.pick(partnerVisitors), 'completed', {
          channel: 'in_person',
        });
      }
      if (rnd.chance(0.003))
        await action(id, 'claim_dispute_resolved', mo, rnd.chance(0.55) ? rnd.pick(socialWorkers) : rnd.pick(coordinators), 'resolved');
      for (const c of campaigns) {
        if (mi >= c.startIdx && mi <= c.endIdx && rnd.chance(0.02))
          await action(id, 'campaign_touch', mo, null, null, { channel: rnd.pick(['mail', 'sms', 'email']), campaign: c.id });
      }
    }
    if (i % 5000 === 0 || i === members) options.onProgress?.(i, members);
  }
  const files: Record<string, number> = {};
  for (const [name, writer] of Object.entries(w)) {
    await writer.close();
    files[name] = writer.rows;
  }
  return { files, start, end };
}
