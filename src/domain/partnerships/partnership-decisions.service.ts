// The decisions log. A decision may change the charter's scope (what entered and left it) — the
// only way scope changes — and carries follow-up actions, which are the relationship follow-ups
// (owner organization, due date, done) with the decision they came from.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { readablePartnership, refuse } from './partnership-access.js';
import { addFollowUp, itemsOf, saveItem, savePartnership, type PartnershipRow } from './partnerships.queries.js';
import type { Charter, DecisionInput, ScopeChange } from './partnerships.schema.js';

/** The scope after a change, or a refusal naming what cannot be added or removed. */
function applyScope(charter: Charter, change: ScopeChange): Charter {
  const next = { ...charter, scope_in: [...charter.scope_in], scope_out: [...charter.scope_out] };
  for (const [side, add, remove] of [
    ['scope_in', change.add_in, change.remove_in],
    ['scope_out', change.add_out, change.remove_out],
  ] as const) {
    for (const item of remove) {
      if (!next[side].includes(item)) refuse(`scope_change.remove_${side.slice(6)}`, `"${item}" is not in ${side}`);
      next[side] = next[side].filter((x) => x !== item);
    }
    for (const item of add) {
      if (next[side].includes(item)) refuse(`scope_change.add_${side.slice(6)}`, `"${item}" is already in ${side}`);
      next[side].push(item);
    }
  }
  const both = next.scope_in.find((x) => next.scope_out.includes(x));
  if (both) refuse('scope_change', `"${both}" would be both in and out of scope`);
  return next;
}

export async function recordDecision(
  db: Db,
  partnershipId: string,
  decisionId: string,
  input: DecisionInput,
  actor: Principal,
): Promise<void> {
  const p = await readablePartnership(db, partnershipId, actor);
  if ((await itemsOf(db.kysely, 'partnership_decisions', partnershipId)).some((d) => d.decision_id === decisionId))
    refuse('decision_id', `${decisionId} is already in the log: a decision is not rewritten, record a new one`);
  const members = new Set((await itemsOf(db.kysely, 'partnership_members', partnershipId)).map((m) => m.partner_id));
  for (const [i, f] of input.follow_ups.entries()) {
    if (!members.has(f.partner_id))
      refuse(`follow_ups[${i}].partner_id`, `names ${f.partner_id}, which is not a member of this partnership`);
    if (f.due_on < input.decided_on) refuse(`follow_ups[${i}].due_on`, `is before the decision (${input.decided_on})`);
  }
  const charter = input.scope_change ? applyScope(p.charter, input.scope_change) : p.charter;
  await db.kysely.transaction().execute(async (trx) => {
    await saveItem(trx, 'partnership_decisions', {
      partnership_id: partnershipId,
      decision_id: decisionId,
      decided_on: input.decided_on,
      summary: input.summary,
      scope_change: input.scope_change as never,
    });
    if (input.scope_change) await savePartnership(trx, { ...p, charter } satisfies PartnershipRow);
    for (const f of input.follow_ups) {
      await addFollowUp(trx, {
        follow_up_id: `F-${randomUUID().slice(0, 8)}`,
        partnership_id: partnershipId,
        decision_id: decisionId,
        partner_id: f.partner_id,
        title: f.title,
        owner_staff_id: f.owner_staff_id,
        due_on: f.due_on,
        done_on: null,
      });
    }
  });
}
