// Partners and campaigns as the ledger knows them (richer partner management is its own area).
// A partner user sees only its own organization (auth/scope.ts).
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { assertPartnerInScope, partnerScopeOf } from '../auth/scope.js';
import { DomainError } from '../errors.js';
import { partnerRecord, queryCampaigns, queryPartners } from './partners.queries.js';
import type { CampaignList, PartnerDetail, PartnerList } from './partners.schema.js';

export async function listPartners(db: Db, q: { kind?: string }, actor: Principal): Promise<PartnerList> {
  return { items: await queryPartners(db.kysely, q.kind, partnerScopeOf(actor)) };
}

export async function getPartner(db: Db, partnerId: string, actor: Principal): Promise<PartnerDetail> {
  assertPartnerInScope(partnerScopeOf(actor), partnerId);
  const record = await partnerRecord(db.kysely, partnerId);
  if (!record) throw new DomainError('not_found', 'no such partner');
  return record;
}

export async function listCampaigns(db: Db, actor: Principal): Promise<CampaignList> {
  return { items: await queryCampaigns(db.kysely, partnerScopeOf(actor)) };
}
