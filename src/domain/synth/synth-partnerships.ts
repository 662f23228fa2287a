// Two cross-sector partnerships for the demo plan (seed 004), written through the same services
// as the API so every rule holds: a rural maternal-health coalition in its third year and a
// food-as-medicine program in its second, with charters, members and a prospect, roles,
// commitments, a documented disagreement, multi-year plans, decisions with follow-ups (one
// overdue), measures at three levels with results (one overdue) and community meetings. Dates
// are relative to `today`, so the demo always looks current.
import type { Db } from '../../db/connect.js';
import { SYSTEM } from '../auth/permissions.js';
import { parsePeriod, shiftPeriod } from '../metrics/periods.js';
import { completeFollowUp } from '../partners/relationships.service.js';
import { recordDecision } from '../partnerships/partnership-decisions.service.js';
import { decisionFollowUps } from '../partnerships/partnerships.queries.js';
import { putActivity, putPhase } from '../partnerships/partnership-plan.service.js';
import { putMeasure, putResult } from '../partnerships/partnership-results.service.js';
import { putCommitment, putDisagreement, putEngagement, putMember, putPartnership, putRole } from '../partnerships/partnerships.service.js';
import { food } from './synth-partnership-food.js';
import { maternal } from './synth-partnership-maternal.js';
import type { DemoPartnership } from './synth-partnership-plans.js';

const shift = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const firstOfMonth = (day: string): string => `${day.slice(0, 7)}-01`;

/** The phases (a year each) and the activities of the multi-year plan; past ones done on time if `done`. */
async function writePlan(db: Db, d: DemoPartnership, startsOn: string, today: string): Promise<void> {
  const id = d.id;
  for (const [i, ph] of d.phases.entries()) {
    const from = shift(startsOn, i * 365);
    await putPhase(db, id, `Y${i + 1}`, { ordinal: i + 1, name: ph, starts_on: from, ends_on: shift(from, 364) }, SYSTEM);
  }
  for (const a of d.activities) {
    const starts = shift(startsOn, a.start);
    const due = shift(starts, a.length);
    const done = a.done && due < today ? due : null;
    await putActivity(
      db,
      id,
      a.id,
      {
        phase_id: a.phase,
        title: a.title,
        integrated: a.integrated,
        milestone: a.milestone,
        owner_partner_id: a.owner,
        starts_on: starts,
        due_on: due,
        done_on: done,
        depends_on: a.depends_on,
      },
      SYSTEM,
    );
  }
}

async function writeOne(db: Db, d: DemoPartnership, today: string): Promise<void> {
  const id = d.id;
  const startsOn = firstOfMonth(shift(today, -d.ageDays));
  await putPartnership(
    db,
    id,
    { name: d.name, starts_on: startsOn, ends_on: null, area: d.area, charter: { ...d.charter, goals: [] } },
    SYSTEM,
  );
  for (const { partner_id, ...m } of d.members) await putMember(db, id, partner_id, m, SYSTEM);
  for (const [i, r] of d.roles.entries()) await putRole(db, id, `R${i + 1}`, r, SYSTEM);
  for (const [i, c] of d.commitments.entries()) {
    const { due_in, ...commitment } = c;
    await putCommitment(db, id, `C${i + 1}`, { ...commitment, due_on: due_in === null ? null : shift(today, due_in) }, SYSTEM);
  }
  for (const [i, x] of d.disagreements.entries()) {
    const { after_days, ...disagreement } = x;
    await putDisagreement(db, id, `X${i + 1}`, { ...disagreement, recorded_on: shift(startsOn, after_days) }, SYSTEM);
  }
  await writePlan(db, d, startsOn, today);
  for (const { id: measureId, pace: _pace, late: _late, ...m } of d.measures) await putMeasure(db, id, measureId, m, SYSTEM);
  await writeResults(db, d, startsOn, today);
  await putPartnership(
    db,
    id,
    {
      name: d.name,
      starts_on: startsOn,
      ends_on: null,
      area: d.area,
      charter: { ...d.charter, goals: d.goals.map((g) => ({ ...g, by: shift(startsOn, g.by_days) })) },
    },
    SYSTEM,
  );
  const decided = d.decisions.map((dec) => shift(startsOn, dec.after_days)).filter((day) => day <= today);
  for (const [i, dec] of d.decisions.slice(0, decided.length).entries()) {
    await recordDecision(
      db,
      id,
      `D${i + 1}`,
      {
        decided_on: decided[i]!,
        summary: dec.summary,
        scope_change: dec.scope_change,
        follow_ups: dec.follow_ups.map((f) => ({ ...f, owner_staff_id: null, due_on: shift(decided[i]!, f.due_days) })),
      },
      SYSTEM,
    );
  }
  // The follow-ups of all but the latest decision were done, a few days before they were due.
  const latest = `D${decided.length}`;
  for (const f of await decisionFollowUps(db.kysely, id)) {
    if (f.decision_id !== latest && f.due_on < today) await completeFollowUp(db, f.follow_up_id, shift(f.due_on, -3), SYSTEM);
  }
  for (const [i, e] of d.engagements.entries()) {
    const { after_days, ...engagement } = e;
    const held = shift(startsOn, after_days);
    if (held <= today) await putEngagement(db, id, `E${i + 1}`, { ...engagement, held_on: held }, SYSTEM);
  }
}

/** Entered results for every ended period of each entered measure but the latest one of `late` measures. */
async function writeResults(db: Db, d: DemoPartnership, startsOn: string, today: string): Promise<void> {
  for (const m of d.measures.filter((x) => x.metric_key === null)) {
    let p = parsePeriod(
      m.cycle === 'quarter'
        ? `${startsOn.slice(0, 4)}-Q${Math.floor((Number(startsOn.slice(5, 7)) - 1) / 3) + 1}`
        : startsOn.slice(0, m.cycle === 'month' ? 7 : 4),
    );
    const periods = [];
    for (; p.end < today; p = shiftPeriod(p, 1)) periods.push(p);
    const reported = m.late ? periods.slice(0, -1) : periods;
    for (const [i, period] of reported.entries()) {
      const t = periods.length <= 1 ? 1 : i / (periods.length - 1);
      const value = Math.round((m.baseline! + (m.target! - m.baseline!) * t * m.pace) * 10) / 10;
      await putResult(db, d.id, m.id, period.label, { value, note: null }, SYSTEM);
    }
  }
}

export async function writeDemoPartnerships(db: Db, today: string): Promise<void> {
  for (const d of [maternal, food]) await writeOne(db, d, today);
}
