// The results packet for one member organization's leaders (seed 004, "report meaningful
// results"): how the partnership serves that organization's own goals, outcomes against targets
// with charts, the equity picture, next steps and "moving upstream" indicators. A PDF built in
// the server process (pdfkit, charts as SVG from ECharts), so it works on any machine. It leaves
// the plan, so every count of members in it is small-cell suppressed whoever asks for it.
import type { Db } from '../../../db/connect.js';
import type { Principal } from '../../auth/permissions.js';
import { DomainError } from '../../errors.js';
import { getProfile } from '../../partners/relationships.service.js';
import { SUPPRESSED, shownAlone } from '../../scorecard/suppression.js';
import { assertOwnOrganization } from '../partnership-access.js';
import { measureEquity } from '../partnership-outputs.service.js';
import type { MeasureView, Workspace } from '../partnerships.schema.js';
import { getWorkspace } from '../partnerships.service.js';
import { equityChart, trendChart } from './packet-charts.js';
import { valueFormat } from './packet-format.js';
import { PacketWriter } from './packet-pdf.js';
import { upstreamIndicators } from './upstream.js';

type Member = Workspace['members'][number];
const LEVEL = { population: 'Population', partnership: 'Partnership', organization: 'Organization' } as const;

export async function buildPacket(
  db: Db,
  partnershipId: string,
  forPartnerId: string,
  actor: Principal,
): Promise<{ filename: string; pdf: Buffer }> {
  const w = await getWorkspace(db, partnershipId, actor);
  assertOwnOrganization(actor, forPartnerId, 'results packet');
  const member = w.members.find((m) => m.partner_id === forPartnerId);
  if (!member) throw new DomainError('not_found', `${forPartnerId} is not a member of this partnership`);
  const profile = await getProfile(db, forPartnerId, actor);
  const out = new PacketWriter(
    `${w.name} · Results packet for ${member.name}`,
    `Prepared ${w.today} with Diplomat · Counts under 11 members are not shown`,
    `${w.name}: results for ${member.name}`,
  );
  out.title(w.name, `Results packet for the leaders of ${member.name} · ${w.today}`);
  out.paragraph(
    `How this partnership serves ${member.name}'s own goals, where its outcomes stand against their targets, the equity picture in the area we share, what comes next, and whether we are moving upstream together.`,
  );
  servesYourGoals(out, w, member, profile.mission);
  outcomes(out, w, forPartnerId);
  await equity(out, db, w, actor);
  nextSteps(out, w, forPartnerId);
  upstream(out, w);
  return { filename: `${w.partnership_id}-${forPartnerId}-results.pdf`, pdf: await out.finish() };
}

function servesYourGoals(out: PacketWriter, w: Workspace, member: Member, mission: string | null): void {
  out.heading(`How the partnership serves ${member.name}`);
  out.field('Your mission', mission ?? '');
  out.field('Your goals for this partnership', member.goals);
  out.field('Your strengths', member.strengths);
  out.field('What you contribute', member.contributes);
  out.field('What none of us can do alone', member.cannot_do_alone);
  out.subheading('The shared purpose');
  out.field('Purpose', w.charter.purpose);
  out.field('Vision', w.charter.vision);
  out.field('In scope', w.charter.scope_in.join('; '));
  out.field('Out of scope', w.charter.scope_out.join('; '));
  const yours = w.commitments.filter((c) => c.partner_id === member.partner_id);
  out.subheading(`Your commitments (${yours.length})`);
  out.table(
    [
      { header: 'Commitment', width: 200 },
      { header: 'Resources', width: 120 },
      { header: 'Cost', width: 70, align: 'right' },
      { header: 'Status', width: 60 },
      { header: 'Due', width: 54 },
    ],
    yours.map((c) => [
      c.what,
      c.resources,
      c.cost === null ? '—' : `$${c.cost.toLocaleString('en-US')}`,
      c.status.replace('_', ' '),
      c.due_on ?? '—',
    ]),
  );
}

function relevant(w: Workspace, partnerId: string): MeasureView[] {
  return w.measures.filter((m) => m.level !== 'organization' || m.partner_id === partnerId);
}

function outcomes(out: PacketWriter, w: Workspace, partnerId: string): void {
  out.heading('Outcomes against targets');
  const measures = relevant(w, partnerId);
  if (measures.length === 0) out.paragraph('No measures yet.', { muted: true });
  for (const m of measures) {
    const f = valueFormat(m);
    const latest = m.latest ? `${f.text(m.latest.value)} in ${m.latest.period}` : 'no result yet';
    out.progress(`${LEVEL[m.level]}: ${m.name}`, m.progress, `${latest}; target ${f.text(m.target)}`);
  }
  out.paragraph('Each bar runs from the baseline (empty) to the target (full).', { muted: true });
  for (const m of measures.filter((x) => x.results.filter((r) => r.value !== null).length >= 2)) {
    const f = valueFormat(m);
    const what = m.metric_key ? 'the plan’s members in the area (solid) and in the rest of the plan (dotted)' : 'reported results';
    const names = m.metric_key ? { own: 'In the area', rest: 'Rest of the plan' } : { own: 'Reported', rest: '' };
    out.svg(
      trendChart(m.results, m.target, f.scale, names),
      out.width,
      190,
      `${m.name}, ${m.cycle} by ${m.cycle}: ${what}; the dashed line is the target (${f.text(m.target)}).`,
      `${LEVEL[m.level]}: ${m.name}`,
    );
  }
}

async function equity(out: PacketWriter, db: Db, w: Workspace, actor: Principal): Promise<void> {
  out.heading('The equity picture');
  const bound = w.measures.find((m) => m.metric_key && m.latest?.value !== null && m.latest);
  if (!bound?.latest) return out.paragraph('No population measure is computed for the area yet.', { muted: true });
  const f = valueFormat(bound);
  const groups = await measureEquity(db, w.partnership_id, bound.measure_id, bound.latest.period, 'race', actor);
  const shown = groups.map((g) => ({ ...g, hidden: shownAlone(g.members) === SUPPRESSED }));
  out.paragraph(
    `${bound.name} in ${bound.latest.period}: ${f.text(bound.latest.value)} for the plan’s members in the area, against ${f.text(bound.latest.rest_of_plan)} in the rest of the plan. By race, within the area:`,
  );
  out.svg(
    equityChart(
      shown.filter((g) => !g.hidden).map((g) => ({ label: g.segment_value, value: g.value })),
      f.scale,
    ),
    out.width,
    200,
    `${bound.name} by race in the area, ${bound.latest.period}. Groups with fewer than 11 members are left out.`,
  );
  out.table(
    [
      { header: 'Race', width: 200 },
      { header: 'Members', width: 120, align: 'right' },
      { header: bound.name, width: 184, align: 'right' },
    ],
    shown.map((g) => [
      g.segment_value.replaceAll('_', ' '),
      g.hidden ? 'fewer than 11' : g.members.toLocaleString('en-US'),
      g.hidden ? '—' : f.text(g.value),
    ]),
  );
}

function nextSteps(out: PacketWriter, w: Workspace, partnerId: string): void {
  out.heading('Next steps');
  const soon = new Date(Date.parse(`${w.today}T00:00:00Z`) + 90 * 86_400_000).toISOString().slice(0, 10);
  const followUps = w.decisions.flatMap((d) => d.follow_ups).filter((f) => f.done_on === null);
  const milestones = w.activities.filter((a) => a.milestone && a.done_on === null && a.due_on <= soon);
  const results = w.calendar.filter((c) => c.status === 'overdue' || (c.status === 'due' && c.due_on <= soon));
  const name = new Map(w.members.map((m) => [m.partner_id, m.name]));
  const measureName = new Map(w.measures.map((m) => [m.measure_id, m.name]));
  const mine = (id: string | null): string => (id === partnerId ? ' (yours)' : '');
  out.bullets([
    ...followUps.map(
      (f) => `${f.title} — ${name.get(f.partner_id) ?? f.partner_id}${mine(f.partner_id)}, due ${f.due_on}${f.overdue ? ', overdue' : ''}`,
    ),
    ...milestones.map(
      (a) =>
        `Milestone: ${a.title} — ${a.owner_partner_id ? (name.get(a.owner_partner_id) ?? a.owner_partner_id) : 'the partnership'}${mine(a.owner_partner_id)}, due ${a.due_on}${a.overdue ? ', overdue' : ''}`,
    ),
    ...results.map(
      (c) =>
        `Result for ${measureName.get(c.measure_id) ?? c.measure_id}, ${c.period}: due ${c.due_on}${c.status === 'overdue' ? ', overdue' : ''}`,
    ),
  ]);
}

function upstream(out: PacketWriter, w: Workspace): void {
  out.heading('Moving upstream together');
  out.table(
    [
      { header: 'Indicator', width: 170 },
      { header: 'Now', width: 130 },
      { header: 'Why it matters', width: 204 },
    ],
    upstreamIndicators(w).map((i) => [i.label, i.value, i.meaning]),
  );
  const recent = [...w.engagements].sort((a, b) => b.held_on.localeCompare(a.held_on)).slice(0, 3);
  if (recent.length) {
    out.subheading('What the community told us');
    out.bullets(
      recent.map(
        (e) =>
          `${e.held_on}, ${e.title} (${e.participants} people; ${e.groups_heard.join(', ') || 'no groups noted'}): ${e.what_changed || e.what_we_heard}`,
      ),
    );
  }
}
