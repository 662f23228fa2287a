// A small generated plan that covers the edge cases of SPEC.md (see the comments on each
// block). Seeded, so a failure reproduces. Written as the CSV files of SPEC.md §1.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';

export type Row = Record<string, string>;
export type Plan = Record<string, Row[]>;

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');
const addDays = (date: string, days: number): string => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export function generateEdgePlan(seed = 7, memberCount = 80): Plan {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number): boolean => r() < p;

  const partners: Row[] = [
    { partner_id: 'P-PROV', name: 'General Hospital', kind: 'provider' },
    { partner_id: 'P-COMM', name: 'Food Bank, Inc.', kind: 'community' },
    { partner_id: 'P-PH', name: 'County Health Dept', kind: 'public_health' },
    { partner_id: 'P-PAY', name: 'Other Payer', kind: 'payer' },
  ];
  const staff: Row[] = [
    { staff_id: 'CM1', name: 'Case Manager One', role: 'case_manager', partner_id: '', hired_on: '2023-01-01', left_on: '' },
    // Leaves on the last day of March: still employed on D (left_on >= D).
    { staff_id: 'CM2', name: 'Case Manager Two', role: 'case_manager', partner_id: '', hired_on: '2023-01-01', left_on: '2025-03-31' },
    { staff_id: 'NURSE', name: 'Nurse', role: 'nurse', partner_id: '', hired_on: '2024-06-01', left_on: '' },
    { staff_id: 'CHW1', name: 'CHW on the period end', role: 'chw', partner_id: '', hired_on: '2024-01-01', left_on: '2025-03-31' },
    { staff_id: 'CHW2', name: 'CHW left the day before', role: 'chw', partner_id: '', hired_on: '2024-01-01', left_on: '2025-03-30' },
    { staff_id: 'CHW3', name: 'CHW hired in April', role: 'chw', partner_id: '', hired_on: '2025-04-01', left_on: '' },
    { staff_id: 'CHW4', name: 'Partner CHW', role: 'chw', partner_id: 'P-COMM', hired_on: '2024-01-01', left_on: '' },
    { staff_id: 'SW1', name: 'Social Worker', role: 'social_worker', partner_id: '', hired_on: '2024-01-01', left_on: '' },
    // Partner staff: their in-person visits are not the plan's own.
    { staff_id: 'SW2', name: 'Partner Social Worker', role: 'social_worker', partner_id: 'P-PROV', hired_on: '2024-01-01', left_on: '' },
    { staff_id: 'NAV', name: 'Navigator', role: 'navigator', partner_id: 'P-PROV', hired_on: '2024-01-01', left_on: '' },
  ];
  const campaigns: Row[] = [
    { campaign_id: 'C-FLU', name: 'Flu shots', starts_on: '2025-01-01', ends_on: '2025-03-31', partner_ids: 'P-PROV;P-COMM' },
    // Only provider partners: not a community campaign.
    { campaign_id: 'C-DENT', name: 'Dental', starts_on: '2025-02-01', ends_on: '', partner_ids: 'P-PROV' },
    { campaign_id: 'C-NONE', name: 'Mailer', starts_on: '2025-04-01', ends_on: '2025-04-01', partner_ids: '' },
    { campaign_id: 'C-PH', name: 'Vaccines', starts_on: '2024-10-01', ends_on: '2025-01-31', partner_ids: 'P-PH' },
  ];

  const members: Row[] = [];
  const enrollments: Row[] = [];
  const programs: Row[] = [];
  const caseload: Row[] = [];
  const renewals: Row[] = [];
  const activity: Row[] = [];
  const actions: Row[] = [];
  const attributions: Row[] = [];
  const lobs = ['medicaid', 'commercial', 'dual', 'medicare'];
  const products = ['hmo', 'ppo', 'other'];
  let actionSeq = 0;
  let activitySeq = 0;

  for (let i = 0; i < memberCount; i++) {
    const id = `M${String(i).padStart(4, '0')}`;
    attributions.push(...attributionsOf(id, i));
    // Birth dates: none, after the period's end, an 18th or 65th birthday on a quarter's end.
    const birth =
      i % 17 === 0
        ? ''
        : i % 19 === 0
          ? '2025-12-01'
          : i % 23 === 0
            ? '2007-03-31'
            : i % 29 === 0
              ? '1960-07-01'
              : `${1940 + Math.floor(r() * 80)}-${pad(1 + Math.floor(r() * 12))}-${pad(1 + Math.floor(r() * 28))}`;
    members.push({
      member_id: id,
      birth_date: birth,
      sex: pick(['F', 'M', '']),
      race: pick(['white', 'black', 'asian', '']),
      ethnicity: pick(['hispanic', 'not_hispanic', '']),
      language: pick(['en', 'es', 'vi', '']),
      county: pick(['King', 'Pierce', 'Yakima', '']),
      zip: '98101',
      risk_tier: chance(0.25) ? 'high' : 'low',
      pcp_id: chance(0.8) ? `PCP${i % 7}` : '',
      pcp_assignment: pick(['auto', 'member_choice', 'none', '']),
    });
    // Members never enrolled.
    if (i % 31 === 5) continue;
    const lob = pick(lobs);
    const product = pick(products);
    if (i % 5 === 0) {
      // Switches line of business mid-month.
      enrollments.push({ member_id: id, line_of_business: lob, product, enrolled_from: '2024-07-01', enrolled_to: '2025-03-15' });
      enrollments.push({
        member_id: id,
        line_of_business: pick(lobs),
        product: pick(products),
        enrolled_from: '2025-03-16',
        enrolled_to: '',
      });
    } else if (i % 5 === 1) {
      // A gap, then re-enrolment; spans ending on a month's last day and starting on a first day.
      enrollments.push({ member_id: id, line_of_business: lob, product, enrolled_from: '2024-01-01', enrolled_to: '2025-01-31' });
      enrollments.push({ member_id: id, line_of_business: pick(lobs), product, enrolled_from: '2025-04-01', enrolled_to: '' });
    } else if (i % 5 === 2) {
      // Ends on the first day of a month: enrolled in that month.
      enrollments.push({ member_id: id, line_of_business: lob, product, enrolled_from: '2025-02-01', enrolled_to: '2025-06-01' });
    } else {
      enrollments.push({
        member_id: id,
        line_of_business: lob,
        product,
        enrolled_from: `2024-${pad(1 + (i % 12))}-01`,
        enrolled_to: chance(0.2) ? '2025-09-30' : '',
      });
    }
    if (chance(0.3))
      programs.push({
        member_id: id,
        program: pick(['diabetes', 'asthma']),
        enrolled_on: `2025-0${1 + Math.floor(r() * 6)}-10`,
        disenrolled_on: chance(0.5) ? '2025-07-31' : '',
      });
    if (chance(0.6)) {
      // Caseload assignments, some ending exactly on the period end (then not active on D).
      const unassigned = pick(['', '2025-03-31', '2025-04-01', '2025-06-30']);
      caseload.push({
        member_id: id,
        staff_id: pick(['CM1', 'CM2', 'NURSE', 'SW2']),
        assigned_on: '2024-12-01',
        unassigned_on: unassigned,
      });
    }
    if (chance(0.5)) {
      const due = pick(['2025-03-31', '2025-04-30', '2025-06-15', '2025-02-01']);
      renewals.push({ member_id: id, due_on: due });
      // Renewal guidance exactly 90 (counts) or 91 (does not) days before the due date.
      const before = pick([90, 91, 10, 0]);
      const day = addDays(due, -before);
      actions.push(action(id, 'renewal_guidance', `${day}T${pick(['00:05:00', '12:00:00', '23:55:00'])}`, 'NAV', 'completed'));
    }
    const n = Math.floor(r() * 14);
    for (let k = 0; k < n; k++) {
      const month = 1 + Math.floor(r() * 12);
      const lastDay = new Date(Date.UTC(2025, month, 0)).getUTCDate();
      // Near-midnight timestamps at month ends with offsets, and some without an offset.
      const boundary = chance(0.3);
      const day = boundary ? pick([1, lastDay]) : 1 + Math.floor(r() * lastDay);
      const time = boundary ? pick(['23:30:00', '00:15:00', '23:59:59']) : `${pad(Math.floor(r() * 24))}:${pad(Math.floor(r() * 60))}:00`;
      const offset = pick(['Z', '-05:00', '+02:00', '', '-08:00']);
      const ts = `2025-${pad(month)}-${pad(day)}T${time}${offset}`;
      const type = pick([
        'outreach',
        'outreach',
        'outreach',
        'hra_call',
        'chw_visit',
        'campaign_touch',
        'transportation',
        'cost_guidance',
        'renewal_guidance',
        'pcp_appointment',
        'in_person_visit',
        'claim_dispute_resolved',
      ]);
      const outcome = pick([
        'reached',
        'completed',
        'declined',
        'no_answer',
        'left_message',
        'wrong_number',
        'undeliverable',
        'scheduled',
        'resolved',
        'other',
        '',
      ]);
      const staffId = pick(['CM1', 'CM2', 'SW1', 'SW2', 'CHW1', 'CHW4', 'NAV', '']);
      actions.push(action(id, type, ts, staffId, outcome));
    }
    if (chance(0.7)) {
      for (let k = 0; k < 1 + Math.floor(r() * 4); k++) {
        const hasId = chance(0.5);
        activity.push({
          activity_id: hasId ? `X${++activitySeq}` : '',
          member_id: id,
          activity_type: chance(0.8) ? 'portal_login' : 'online_tool_use',
          occurred_at: `2025-${pad(1 + Math.floor(r() * 12))}-${pick(['01', '15', '28'])}T${pick(['00:10:00Z', '23:50:00-06:00', '12:00:00'])}`,
        });
      }
    }
  }
  // Actions naming no member count in no member metric.
  actions.push(action('', 'outreach', '2025-03-10T10:00:00Z', 'CM1', 'reached'));
  // Exact duplicate rows, in the same file.
  actions.push({ ...actions[3]! });
  activity.push({ ...activity[2]! });
  enrollments.push({ ...enrollments[4]! });

  function action(memberId: string, type: string, ts: string, staffId: string, outcome: string): Row {
    return {
      action_id: `A${++actionSeq}`,
      member_id: memberId,
      action_type: type,
      occurred_at: ts,
      staff_id: staffId,
      channel: pick(['phone', 'sms', 'mail', 'in_person', '']),
      outcome,
      personalized: pick(['true', 'false', '']),
      campaign_id: type === 'campaign_touch' ? pick(['C-FLU', 'C-DENT', 'C-PH']) : '',
      partner_id: chance(0.1) ? 'P-COMM' : '',
      minutes: pick(['', '0', '5', '15', '45']),
    };
  }

  return {
    partners,
    staff,
    campaigns,
    members,
    enrollments,
    care_programs: programs,
    caseload,
    renewals,
    member_activity: activity,
    actions,
    attributions,
  };
}

/**
 * SPEC §7.2 edge cases: no partner; one open span; a switch mid-month (February has two spans,
 * the later start wins); a span ending on a quarter's last day, a gap, a new partner; one day.
 */
function attributionsOf(member: string, i: number): Row[] {
  const span = (partner: string, from: string, to: string): Row => ({
    member_id: member,
    partner_id: partner,
    attributed_from: from,
    attributed_to: to,
    basis: 'assignment',
  });
  switch (i % 5) {
    case 1:
      return [span('P-PROV', '2024-01-01', '')];
    case 2:
      return [span('P-PROV', '2024-06-01', '2025-02-15'), span('P-COMM', '2025-02-16', '')];
    case 3:
      return [span('P-COMM', '2025-01-01', '2025-03-31'), span('P-PH', '2025-05-01', '')];
    case 4:
      return [span('P-PH', '2025-04-01', '2025-04-01')];
    default:
      return [];
  }
}

export function writePlan(plan: Plan, dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, rows] of Object.entries(plan)) {
    if (rows.length === 0) continue;
    writeFileSync(join(dir, `${name}.csv`), stringify(rows, { header: true, columns: Object.keys(rows[0]!) }));
  }
  return dir;
}
