// An action as the API shows it: ISO timestamps, null for "about no member" (stored as '').
import type { Selectable } from 'kysely';
import type { ActionsTable } from '../../db/database.js';
import type { Action } from './actions.schema.js';

export function toApiAction(a: Selectable<ActionsTable>): Action {
  return {
    action_id: a.action_id,
    member_id: a.member_id === '' ? null : a.member_id,
    action_type: a.action_type,
    occurred_at: new Date(a.occurred_at).toISOString(),
    staff_id: a.staff_id,
    channel: a.channel,
    outcome: a.outcome,
    personalized: a.personalized,
    campaign_id: a.campaign_id,
    partner_id: a.partner_id,
    minutes: a.minutes,
    voided_at: a.voided_at ? new Date(a.voided_at).toISOString() : null,
  };
}
