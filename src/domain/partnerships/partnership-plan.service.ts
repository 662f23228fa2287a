// The multi-year plan: phases (years or stages, in order) and their activities and milestones,
// integrated (done together) or independent, with owners and dependencies. A dependency on
// itself, on a later phase or in a circle is refused with the activities involved.
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { readablePartnership, refuse } from './partnership-access.js';
import { itemsOf, saveItem } from './partnerships.queries.js';
import type { ActivityInput, PhaseInput } from './partnerships.schema.js';
import { planProblem } from './plan-rules.js';

export async function putPhase(db: Db, partnershipId: string, phaseId: string, input: PhaseInput, actor: Principal): Promise<void> {
  const p = await readablePartnership(db, partnershipId, actor);
  if (input.ends_on < input.starts_on) refuse('ends_on', `is before starts_on (${input.starts_on})`);
  if (input.starts_on < p.starts_on) refuse('starts_on', `is before the partnership begins (${p.starts_on})`);
  await saveItem(db.kysely, 'partnership_phases', { partnership_id: partnershipId, phase_id: phaseId, ...input });
}

export async function putActivity(
  db: Db,
  partnershipId: string,
  activityId: string,
  input: ActivityInput,
  actor: Principal,
): Promise<void> {
  await readablePartnership(db, partnershipId, actor);
  if (input.due_on < input.starts_on) refuse('due_on', `is before starts_on (${input.starts_on})`);
  if (input.done_on !== null && input.done_on < input.starts_on) refuse('done_on', `is before starts_on (${input.starts_on})`);
  const phases = await itemsOf(db.kysely, 'partnership_phases', partnershipId);
  const activities = await itemsOf(db.kysely, 'partnership_activities', partnershipId);
  const problem = planProblem(activities, new Map(phases.map((ph) => [ph.phase_id, ph.ordinal])), { activity_id: activityId, ...input });
  if (problem) refuse(problem.startsWith('phase') ? 'phase_id' : 'depends_on', problem);
  if (input.owner_partner_id !== null) {
    const members = await itemsOf(db.kysely, 'partnership_members', partnershipId);
    if (!members.some((m) => m.partner_id === input.owner_partner_id))
      refuse('owner_partner_id', `names ${input.owner_partner_id}, which is not a member of this partnership`);
  }
  await saveItem(db.kysely, 'partnership_activities', { partnership_id: partnershipId, activity_id: activityId, ...input });
}
