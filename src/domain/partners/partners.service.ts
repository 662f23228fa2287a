// Partners and campaigns as the ledger knows them (richer partner management is its own area).
// A partner user sees only its own organization (auth/scope.ts).
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { assertPartnerInScope, partnerScopeOf } from '../auth/scope.js';
import { DomainError } from '../errors.js';
import { shownAlone } from '../scorecard/suppression.js';
import { partnerRecord, queryCampaigns, queryPartners } from './partners.queries.js';
import type { CampaignList, PartnerDetail, PartnerList } from './partners.schema.js';

export async function listPartners(db: Db, q: { kind?: string }, actor: Principal): Promise<PartnerList> {
  return { items: await queryPartners(db.kysely, q.kind, partnerScopeOf(actor)) };
}

export async function getPartner(db: Db, partnerId: string, actor: Principal): Promise<PartnerDetail> {
  const scope = partnerScopeOf(actor);
  assertPartnerInScope(scope, partnerId);
  const record = await partnerRecord(db.kysely, partnerId);
  if (!record) throw new DomainError('not_found', 'no such partner');
  if (!scope) return record;
  return {
    ...record,
    campaigns: record.campaigns.map((c) => ({ ...c, partner_ids: [scope.partnerId] })),
    actions_by_type: record.actions_by_type.map((a) => ({ ...a, actions: shownAlone(Number(a.actions)) })),
  };
}

/** A partner sees its own campaigns, not who else runs them, and no small counts of touches. */
export async function listCampaigns(db: Db, actor: Principal): Promise<CampaignList> {
  const scope = partnerScopeOf(actor);
  const items = await queryCampaigns(db.kysely, scope);
  if (!scope) return { items };
  return { items: items.map((c) => ({ ...c, partner_ids: [scope.partnerId], touches: shownAlone(Number(c.touches)) })) };
}
