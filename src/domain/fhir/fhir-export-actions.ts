// An action of the ledger as FHIR: a contact, campaign touch or guidance is a Communication from
// the plan to the member; the plan's other services (transportation, visits, appointments
// scheduled, disputes resolved) are completed Tasks. Both import back to the same action.
import type { Communication, Extension, Reference, Task } from 'fhir/r4.js';
import { DIPLOMAT, mediumOf } from '../import/fhir/fhir-codes.js';
import { byIdentifier, fhirId } from './fhir-export-resources.js';
import type { ExportRow } from './fhir-export.queries.js';

const COMMUNICATED = new Set(['outreach', 'hra_call', 'campaign_touch', 'cost_guidance', 'renewal_guidance']);

/** Which resource type an action becomes. */
export const actionResourceType = (actionType: unknown): 'Communication' | 'Task' =>
  COMMUNICATED.has(String(actionType)) ? 'Communication' : 'Task';

const present = (v: unknown): boolean => v !== null && v !== undefined && v !== '';

function extensionsOf(a: ExportRow): Extension[] {
  return [
    ...(present(a.outcome) ? [{ url: DIPLOMAT.actionOutcome, valueCoding: { system: DIPLOMAT.outcome, code: String(a.outcome) } }] : []),
    { url: DIPLOMAT.personalized, valueBoolean: a.personalized === true },
    ...(present(a.minutes) ? [{ url: DIPLOMAT.minutes, valueInteger: Number(a.minutes) }] : []),
    ...(present(a.campaign_id) ? [{ url: DIPLOMAT.campaign, valueString: String(a.campaign_id) }] : []),
    ...(present(a.partner_id) ? [{ url: DIPLOMAT.partner, valueString: String(a.partner_id) }] : []),
    // A Communication says its channel in `medium`; a Task has no such element.
    ...(present(a.channel) && actionResourceType(a.action_type) === 'Task'
      ? [{ url: DIPLOMAT.channel, valueCode: String(a.channel) }]
      : []),
  ];
}

/** Who acted: the staff member, else the partner organization. */
function actorOf(a: ExportRow): Reference | undefined {
  if (present(a.staff_id)) return byIdentifier('Practitioner', DIPLOMAT.staffId, a.staff_id);
  return present(a.partner_id) ? byIdentifier('Organization', DIPLOMAT.partnerId, a.partner_id) : undefined;
}

const instant = (v: unknown): string => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());

export function actionResourceOf(a: ExportRow): Communication | Task {
  const actionId = String(a.action_id);
  const common = {
    id: fhirId(actionId),
    extension: extensionsOf(a),
    identifier: [{ system: DIPLOMAT.actionId, value: actionId }],
  };
  const code = { coding: [{ system: DIPLOMAT.actionType, code: String(a.action_type) }], text: String(a.action_type) };
  const member = byIdentifier('Patient', DIPLOMAT.memberId, a.member_id);
  const actor = actorOf(a);
  if (actionResourceType(a.action_type) === 'Communication') {
    const medium = mediumOf(a.channel);
    return {
      resourceType: 'Communication',
      ...common,
      status: 'completed',
      category: [code],
      ...(medium ? { medium } : {}),
      subject: member,
      sent: instant(a.occurred_at),
      ...(actor ? { sender: actor } : {}),
    };
  }
  return {
    resourceType: 'Task',
    ...common,
    status: 'completed',
    intent: 'order',
    code,
    for: member,
    executionPeriod: { start: instant(a.occurred_at) },
    ...(actor ? { owner: actor } : {}),
  };
}
