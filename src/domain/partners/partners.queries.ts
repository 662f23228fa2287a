// The only SQL of the partners area: partners, their staff and campaigns, and how much of the
// plan's work runs through each — aggregates only, never member rows. Every list takes the
// reader's partner scope (auth/scope.ts) and applies it as a filter.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { PartnerScope } from '../auth/scope.js';
import { isCommunityPartner } from '../ledger/rules.js';
import type { CampaignList, PartnerDetail, PartnerList } from './partners.schema.js';

type Q = Kysely<Database>;

export async function queryPartners(db: Q, kind: string | undefined, scope: PartnerScope): Promise<PartnerList['items']> {
  let query = db
    .selectFrom('partners as p')
    .select((eb) => [
      'p.partner_id',
      'p.name',
      'p.kind',
      eb
        .selectFrom('staff as s')
        .whereRef('s.partner_id', '=', 'p.partner_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('staff_count'),
      eb
        .selectFrom('campaigns as c')
        .where(sql<boolean>`p.partner_id = ANY (c.partner_ids)`)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('campaign_count'),
    ])
    .orderBy('p.partner_id');
  if (kind) query = query.where('p.kind', '=', kind);
  if (scope) query = query.where('p.partner_id', '=', scope.partnerId);
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, staff_count: Number(r.staff_count ?? 0), campaign_count: Number(r.campaign_count ?? 0) }));
}

export async function partnerRecord(db: Q, partnerId: string): Promise<PartnerDetail | undefined> {
  const partner = await db.selectFrom('partners').selectAll().where('partner_id', '=', partnerId).executeTakeFirst();
  if (!partner) return undefined;
  const staff = await db.selectFrom('staff').selectAll().where('partner_id', '=', partnerId).orderBy('staff_id').execute();
  const campaigns = await db
    .selectFrom('campaigns')
    .selectAll()
    .where(sql<boolean>`${partnerId} = ANY (partner_ids)`)
    .orderBy('starts_on')
    .execute();
  const { rows: actions } = await sql<{ action_type: string; actions: number }>`
    SELECT a.action_type, count(*) AS actions FROM actions a
    WHERE a.voided_at IS NULL AND (a.partner_id = ${partnerId} OR a.staff_id IN (SELECT staff_id FROM staff WHERE partner_id = ${partnerId}))
    GROUP BY a.action_type ORDER BY a.action_type`.execute(db);
  return { partner, staff, campaigns, actions_by_type: actions.map((a) => ({ action_type: a.action_type, actions: Number(a.actions) })) };
}

export async function queryCampaigns(db: Q, scope: PartnerScope): Promise<CampaignList['items']> {
  const own = scope?.partnerId ?? null;
  const { rows } = await sql<CampaignList['items'][number]>`
    SELECT c.campaign_id, c.name, c.starts_on, c.ends_on, c.partner_ids,
      EXISTS (SELECT 1 FROM partners p WHERE p.partner_id = ANY (c.partner_ids) AND ${sql.raw(isCommunityPartner('p'))}) AS community,
      COALESCE(t.touches, 0) AS touches
    FROM campaigns c
    -- one grouped pass over the actions for every campaign (a count per campaign correlated to
    -- the campaign row scanned them once per campaign, and Citus refuses it)
    LEFT JOIN (SELECT a.campaign_id, count(*) AS touches FROM actions a
      WHERE a.campaign_id IS NOT NULL AND a.voided_at IS NULL GROUP BY a.campaign_id) t ON t.campaign_id = c.campaign_id
    WHERE ${own}::text IS NULL OR ${own}::text = ANY (c.partner_ids)
    ORDER BY c.starts_on, c.campaign_id`.execute(db);
  return rows.map((r) => ({ ...r, touches: Number(r.touches) }));
}
