// Playbook and gap analysis per partner (seed 003), with the CMS Star Ratings of the payer's
// Medicare contracts it names. Improvement items are plan-do-study-act cycles; those past due
// and not done are counted so the directory can say so.
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { assertPartnerInScope, partnerScopeOf } from '../auth/scope.js';
import { DomainError } from '../errors.js';
import { getSetting, todayIn } from '../settings/settings.service.js';
import { starContracts } from '../stars/stars.service.js';
import type { Static } from 'typebox';
import type { Playbook, PlaybookView } from './playbook.schema.js';
import { partnerExists, playbookOf, savePlaybook } from './playbook.queries.js';

export const EMPTY_PLAYBOOK: Playbook = {
  market_players: [],
  required_outcomes: '',
  differentiator: '',
  wants: { financial_requirements: '', timelines: '', outcomes_we_can_meet: '', data_we_need: '', financial_risk: '' },
  cms_contract_ids: [],
  gaps: [],
  improvements: [],
};

async function assertPartner(db: Db, partnerId: string, actor: Principal): Promise<void> {
  assertPartnerInScope(partnerScopeOf(actor), partnerId);
  if (!(await partnerExists(db.kysely, partnerId))) throw new DomainError('not_found', 'no such partner');
}

export async function getPlaybook(db: Db, partnerId: string, actor: Principal): Promise<Static<typeof PlaybookView>> {
  await assertPartner(db, partnerId, actor);
  const stored = await playbookOf(db.kysely, partnerId);
  const playbook = { ...EMPTY_PLAYBOOK, ...((stored?.doc as Playbook | undefined) ?? {}) };
  const today = todayIn(await getSetting(db, 'timezone'));
  return {
    partner_id: partnerId,
    playbook,
    updated_at: stored ? new Date(stored.updated_at).toISOString() : null,
    star_contracts: await starContracts(db, playbook.cms_contract_ids),
    overdue_improvements: playbook.improvements.filter((i) => i.status !== 'done' && i.due_on !== null && i.due_on < today).length,
  };
}

export async function putPlaybook(db: Db, partnerId: string, playbook: Playbook, actor: Principal): Promise<Static<typeof PlaybookView>> {
  await assertPartner(db, partnerId, actor);
  const gaps = new Set(playbook.gaps.map((g) => g.gap_id));
  const broken = playbook.improvements.find((i) => i.gap_id !== null && !gaps.has(i.gap_id));
  if (broken)
    throw new DomainError('validation_failed', `improvement ${broken.item_id} names gap ${broken.gap_id}, which is not in the playbook`);
  const late = playbook.improvements.find((i) => i.starts_on && i.due_on && i.due_on < i.starts_on);
  if (late) throw new DomainError('validation_failed', `improvement ${late.item_id} is due before it starts`);
  await savePlaybook(db.kysely, partnerId, playbook);
  return getPlaybook(db, partnerId, actor);
}
