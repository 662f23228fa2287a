// Communication, Task, Appointment and a health-risk-assessment QuestionnaireResponse → actions.
// The action type comes from Diplomat's action-type code (fhir-codes.ts); a Communication without
// one is outreach. Outcome, personalization, minutes and campaign come from Diplomat's extensions.
import type { Appointment, Communication, Extension, Identifier, QuestionnaireResponse, Reference, Task } from 'fhir/r4.js';
import { DIPLOMAT, actionTypeIn, channelOf, identifierOfSystem, outcomeIn } from './fhir-codes.js';
import type { ReadResource } from './fhir-sources.js';
import { ignore, instantOf, reject, rows, str, type TranslateContext, type Translation, type Values } from './fhir-translate-types.js';

/** The action's id: Diplomat's action-id identifier (what export writes), else the resource id. */
const actionIdOf = (ids: readonly Identifier[] | undefined, id: string | undefined): string | null =>
  str(identifierOfSystem(ids, DIPLOMAT.actionId)?.value ?? id);

const extension = (list: readonly Extension[] | undefined, url: string): Extension | undefined => list?.find((e) => e.url === url);

/** Who acted for the plan: a practitioner is the staff member, an organization the partner. */
function actor(
  ctx: TranslateContext,
  refs: readonly (Reference | undefined)[],
  path: string,
): { staff: string | null; partner: string | null } | { problem: string; path: string } {
  let staff: string | null = null;
  let partner: string | null = null;
  for (const ref of refs) {
    const type = ctx.refs.typeOf(ref);
    if (type === 'Practitioner' && !staff) {
      const r = ctx.refs.resolve(ref, 'Practitioner');
      if ('problem' in r) return { problem: r.problem, path };
      staff = r.id;
    } else if (type === 'Organization' && !partner) {
      const r = ctx.refs.resolve(ref, 'Organization');
      if ('problem' in r) return { problem: r.problem, path };
      partner = r.id;
    }
  }
  return { staff, partner };
}

interface ActionParts {
  type: string;
  ids: readonly Identifier[] | undefined;
  member: Reference | undefined;
  memberPath: string;
  when: unknown;
  whenPath: string;
  actors: readonly (Reference | undefined)[];
  actorPath: string;
  channel: string | null;
  outcome: string | null;
}

function actionRow(read: ReadResource, ctx: TranslateContext, parts: ActionParts): Translation {
  const type = read.resource.resourceType;
  const actionId = actionIdOf(parts.ids, read.resource.id);
  if (!actionId) return reject(`${type}.identifier`, 'gives no action id (no identifier and no id)');
  const member = ctx.refs.resolve(parts.member, 'Patient');
  if ('problem' in member) return reject(parts.memberPath, member.problem);
  const occurredAt = instantOf(parts.when);
  if (!occurredAt) return reject(parts.whenPath, 'is required: when the action happened (a full date at least)');
  const who = actor(ctx, parts.actors, parts.actorPath);
  if ('problem' in who) return reject(who.path, who.problem);
  const ext = read.resource.extension as Extension[] | undefined;
  // Written by Diplomat (its action-id identifier): the outcome is its extension's, or none; else read from the status.
  const ours = identifierOfSystem(parts.ids, DIPLOMAT.actionId) !== undefined;
  const minutes = extension(ext, DIPLOMAT.minutes)?.valueInteger;
  const personalized = extension(ext, DIPLOMAT.personalized)?.valueBoolean;
  const values: Values = {
    action_id: actionId,
    member_id: member.id,
    action_type: parts.type,
    occurred_at: occurredAt,
    staff_id: who.staff,
    channel: parts.channel ?? str(extension(ext, DIPLOMAT.channel)?.valueCode),
    outcome: outcomeIn(ext) ?? (ours ? null : parts.outcome),
    personalized: personalized === undefined ? null : String(personalized),
    campaign_id: str(extension(ext, DIPLOMAT.campaign)?.valueString),
    partner_id: who.partner ?? str(extension(ext, DIPLOMAT.partner)?.valueString),
    minutes: minutes === undefined ? null : String(minutes),
  };
  return rows({ file: 'actions', values });
}

export function translateCommunication(read: ReadResource, ctx: TranslateContext): Translation {
  const c = read.resource as unknown as Communication;
  if (c.status === 'entered-in-error' || c.status === 'preparation' || c.status === 'not-done') return ignore(`status is ${c.status}`);
  const recipient = c.recipient?.find((r) => ctx.refs.typeOf(r) === 'Patient');
  return actionRow(read, ctx, {
    type: actionTypeIn(c.category ?? []) ?? 'outreach',
    ids: c.identifier,
    member: c.subject ?? recipient,
    memberPath: c.subject ? 'Communication.subject' : 'Communication.recipient',
    when: c.sent ?? c.received,
    whenPath: 'Communication.sent',
    actors: [c.sender],
    actorPath: 'Communication.sender',
    channel: channelOf(c.medium),
    outcome: null,
  });
}

export function translateTask(read: ReadResource, ctx: TranslateContext): Translation {
  const t = read.resource as unknown as Task;
  const type = actionTypeIn([t.code]);
  if (!type) return ignore('Task.code is not a Diplomat action type');
  if (t.status !== 'completed' && t.status !== 'in-progress') return ignore(`status is ${t.status}, not done`);
  return actionRow(read, ctx, {
    type,
    ids: t.identifier,
    member: t.for,
    memberPath: 'Task.for',
    when: t.executionPeriod?.start ?? t.lastModified ?? t.authoredOn,
    whenPath: 'Task.executionPeriod.start',
    actors: [t.owner, t.requester],
    actorPath: 'Task.owner',
    channel: null,
    outcome: null,
  });
}

const APPOINTMENT_OUTCOME: Readonly<Record<string, string>> = {
  booked: 'scheduled',
  arrived: 'completed',
  fulfilled: 'completed',
  'checked-in': 'completed',
};

export function translateAppointment(read: ReadResource, ctx: TranslateContext): Translation {
  const a = read.resource as unknown as Appointment;
  const type = actionTypeIn([...(a.serviceType ?? []), a.appointmentType]);
  if (!type) return ignore('Appointment.serviceType is not a Diplomat action type');
  const outcome = APPOINTMENT_OUTCOME[a.status];
  if (!outcome) return ignore(`status is ${a.status}, not booked or held`);
  const patient = a.participant.find((p) => ctx.refs.typeOf(p.actor) === 'Patient');
  const index = patient ? a.participant.indexOf(patient) : 0;
  return actionRow(read, ctx, {
    type,
    ids: a.identifier,
    member: patient?.actor,
    memberPath: `Appointment.participant[${index}].actor`,
    // The plan's action is the scheduling: when it was made, else when it is.
    when: a.created ?? a.start,
    whenPath: 'Appointment.created',
    actors: a.participant.map((p) => p.actor),
    actorPath: 'Appointment.participant',
    channel: null,
    outcome,
  });
}

const HRA = /\bhra\b|health[-_ ]?risk/i;
const HRA_OUTCOME: Readonly<Record<string, string>> = {
  completed: 'completed',
  amended: 'completed',
  'in-progress': 'reached',
  stopped: 'declined',
};

export function translateQuestionnaireResponse(read: ReadResource, ctx: TranslateContext): Translation {
  const q = read.resource as unknown as QuestionnaireResponse;
  if (!q.questionnaire || !HRA.test(q.questionnaire)) return ignore('not a health-risk assessment');
  const outcome = HRA_OUTCOME[q.status];
  if (!outcome) return ignore(`status is ${q.status}`);
  return actionRow(read, ctx, {
    type: 'hra_call',
    ids: q.identifier ? [q.identifier] : undefined,
    member: q.subject ?? q.source,
    memberPath: 'QuestionnaireResponse.subject',
    when: q.authored,
    whenPath: 'QuestionnaireResponse.authored',
    actors: [q.author],
    actorPath: 'QuestionnaireResponse.author',
    channel: null,
    outcome,
  });
}
