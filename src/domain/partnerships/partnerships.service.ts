// A partnership's workspace (seed 004): the charter, who is in it, roles, commitments and
// disagreements, read together with the plan, decisions and measures. The charter's scope is
// fixed here: it changes only through a recorded decision (partnership-decisions.service.ts), so
// scope creep shows in the decisions log.
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { partnerScopeOf } from '../auth/scope.js';
import { getSetting, todayIn } from '../settings/settings.service.js';
import { assertOwnOrganization, readablePartnership, refuse } from './partnership-access.js';
import { measureViews } from './partnership-measures.service.js';
import {
  decisionFollowUps,
  itemsOf,
  listPartnerships,
  partnersByName,
  partnershipOf,
  resultsOf,
  saveItem,
  savePartnership,
  type PartnershipRow,
} from './partnerships.queries.js';
import type {
  CommitmentInput,
  DisagreementInput,
  EngagementInput,
  MemberInput,
  PartnershipInput,
  PartnershipSummary,
  RoleInput,
  Workspace,
} from './partnerships.schema.js';

export async function today(db: Db): Promise<string> {
  return todayIn(await getSetting(db, 'timezone'));
}

async function partnerNames(db: Db): Promise<Map<string, { name: string; kind: string }>> {
  return new Map((await partnersByName(db.kysely)).map((r) => [r.partner_id, { name: r.name, kind: r.kind }]));
}

export async function assertPartner(db: Db, partnerId: string, column = 'partner_id'): Promise<void> {
  if (!(await partnerNames(db)).has(partnerId)) refuse(column, `names ${partnerId}, which is not a partner`);
}

/** Everything of one partnership a reader may see, with what is overdue worked out. */
/** `compute: false` skips the computed measures' values (the slow part): enough for what is overdue. */
export async function getWorkspace(db: Db, partnershipId: string, actor: Principal, compute = true): Promise<Workspace> {
  const p = await readablePartnership(db, partnershipId, actor);
  const on = await today(db);
  const names = await partnerNames(db);
  const k = db.kysely;
  const partnerView = partnerScopeOf(actor) !== null;
  const members = (await itemsOf(k, 'partnership_members', partnershipId))
    .filter((m) => !partnerView || m.stage === 'committed')
    .map(({ partnership_id: _p, ...m }) => ({
      ...m,
      name: names.get(m.partner_id)?.name ?? m.partner_id,
      kind: names.get(m.partner_id)?.kind ?? 'other',
    }));
  const followUps = await decisionFollowUps(k, partnershipId);
  const strip = <T extends { partnership_id: string }>(rows: T[]): Omit<T, 'partnership_id'>[] =>
    rows.map(({ partnership_id: _p, ...r }) => r);
  const { measures, calendar } = await measureViews(
    db,
    p,
    await itemsOf(k, 'partnership_measures', partnershipId),
    await resultsOf(k, partnershipId),
    on,
    actor,
    compute,
  );
  return {
    partnership_id: p.partnership_id,
    name: p.name,
    starts_on: p.starts_on,
    ends_on: p.ends_on,
    area: p.area,
    charter: p.charter,
    members: members as Workspace['members'],
    roles: strip(await itemsOf(k, 'partnership_roles', partnershipId)) as Workspace['roles'],
    commitments: strip(await itemsOf(k, 'partnership_commitments', partnershipId)) as Workspace['commitments'],
    disagreements: strip(await itemsOf(k, 'partnership_disagreements', partnershipId)),
    phases: strip(await itemsOf(k, 'partnership_phases', partnershipId)).sort((a, b) => a.ordinal - b.ordinal),
    activities: strip(await itemsOf(k, 'partnership_activities', partnershipId))
      .map((a) => ({ ...a, overdue: a.done_on === null && a.due_on < on }))
      .sort((a, b) => a.starts_on.localeCompare(b.starts_on) || a.activity_id.localeCompare(b.activity_id)),
    decisions: strip(await itemsOf(k, 'partnership_decisions', partnershipId)).map((d) => ({
      ...d,
      scope_change: (d.scope_change ?? null) as Workspace['decisions'][number]['scope_change'],
      follow_ups: followUps
        .filter((f) => f.decision_id === d.decision_id)
        .map((f) => ({ ...f, overdue: f.done_on === null && f.due_on < on })),
    })),
    measures,
    calendar,
    engagements: strip(await itemsOf(k, 'partnership_engagements', partnershipId)),
    today: on,
  };
}

/** The partnerships a reader may see, each with what needs attention. */
export async function listPartnershipSummaries(db: Db, actor: Principal): Promise<PartnershipSummary[]> {
  const scope = partnerScopeOf(actor);
  const out: PartnershipSummary[] = [];
  for (const p of await listPartnerships(db.kysely, scope?.partnerId ?? null)) {
    if (
      scope &&
      !(await itemsOf(db.kysely, 'partnership_members', p.partnership_id)).some(
        (m) => m.partner_id === scope.partnerId && m.stage === 'committed',
      )
    )
      continue;
    const w = await getWorkspace(db, p.partnership_id, actor, false);
    out.push({
      partnership_id: p.partnership_id,
      name: p.name,
      starts_on: p.starts_on,
      ends_on: p.ends_on,
      members: w.members.filter((m) => m.stage === 'committed').length,
      overdue_milestones: w.activities.filter((a) => a.overdue && a.milestone).length,
      overdue_results: w.calendar.filter((c) => c.status === 'overdue').length,
      open_follow_ups: w.decisions.flatMap((d) => d.follow_ups).filter((f) => f.done_on === null).length,
    });
  }
  return out;
}

function checkGoals(input: PartnershipInput, measureIds: ReadonlySet<string>): void {
  for (const [i, g] of input.charter.goals.entries()) {
    const at = `charter.goals[${i}]`;
    if (!g.measure_id) refuse(`${at}.measure_id`, `is missing: goal ${g.goal_id} is not measurable without a measure (SMART)`);
    if (!g.by) refuse(`${at}.by`, `is missing: goal ${g.goal_id} needs a date to be reached by (SMART)`);
    if (g.target === null) refuse(`${at}.target`, `is missing: goal ${g.goal_id} needs a target (SMART)`);
    if (!measureIds.has(g.measure_id))
      refuse(`${at}.measure_id`, `names ${g.measure_id}, which is not a measure of this partnership: add the measure first`);
  }
}

const sameItems = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** Creates a partnership or replaces its charter; the scope stays as decided. */
export async function putPartnership(db: Db, partnershipId: string, input: PartnershipInput, _actor: Principal): Promise<void> {
  const stored = await partnershipOf(db.kysely, partnershipId);
  if (input.ends_on !== null && input.ends_on < input.starts_on) refuse('ends_on', `is before starts_on (${input.starts_on})`);
  const measures = stored ? await itemsOf(db.kysely, 'partnership_measures', partnershipId) : [];
  checkGoals(input, new Set(measures.map((m) => m.measure_id)));
  if (stored) {
    for (const side of ['scope_in', 'scope_out'] as const) {
      if (!sameItems(stored.charter[side], input.charter[side]))
        refuse(
          `charter.${side}`,
          'changes only through a recorded decision (POST …/decisions with a scope_change), so scope creep stays visible',
        );
    }
  }
  const row: PartnershipRow = {
    partnership_id: partnershipId,
    name: input.name,
    starts_on: input.starts_on,
    ends_on: input.ends_on,
    area: input.area,
    charter: input.charter,
  };
  await savePartnership(db.kysely, row);
}

export async function putMember(db: Db, partnershipId: string, partnerId: string, input: MemberInput, actor: Principal): Promise<void> {
  await readablePartnership(db, partnershipId, actor);
  await assertPartner(db, partnerId);
  await saveItem(db.kysely, 'partnership_members', { partnership_id: partnershipId, partner_id: partnerId, ...input });
}

export async function putRole(db: Db, partnershipId: string, roleId: string, input: RoleInput, actor: Principal): Promise<void> {
  await readablePartnership(db, partnershipId, actor);
  if (input.partner_id !== null) await assertPartner(db, input.partner_id);
  await saveItem(db.kysely, 'partnership_roles', { partnership_id: partnershipId, role_id: roleId, ...input });
}

/** A commitment is an organization's: a partner account records and changes only its own. */
export async function putCommitment(
  db: Db,
  partnershipId: string,
  commitmentId: string,
  input: CommitmentInput,
  actor: Principal,
): Promise<void> {
  await readablePartnership(db, partnershipId, actor);
  const stored = (await itemsOf(db.kysely, 'partnership_commitments', partnershipId)).find((c) => c.commitment_id === commitmentId);
  if (stored) assertOwnOrganization(actor, stored.partner_id, 'commitments');
  assertOwnOrganization(actor, input.partner_id, 'commitments');
  const members = await itemsOf(db.kysely, 'partnership_members', partnershipId);
  if (!members.some((m) => m.partner_id === input.partner_id))
    refuse('partner_id', `names ${input.partner_id}, which is not a member of this partnership`);
  await saveItem(db.kysely, 'partnership_commitments', { partnership_id: partnershipId, commitment_id: commitmentId, ...input });
}

export async function putDisagreement(
  db: Db,
  partnershipId: string,
  id: string,
  input: DisagreementInput,
  actor: Principal,
): Promise<void> {
  await readablePartnership(db, partnershipId, actor);
  await saveItem(db.kysely, 'partnership_disagreements', { partnership_id: partnershipId, disagreement_id: id, ...input });
}

export async function putEngagement(db: Db, partnershipId: string, id: string, input: EngagementInput, actor: Principal): Promise<void> {
  await readablePartnership(db, partnershipId, actor);
  await saveItem(db.kysely, 'partnership_engagements', { partnership_id: partnershipId, engagement_id: id, ...input });
}
