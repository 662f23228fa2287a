// Partners and campaigns as the ledger knows them (richer partner management is its own area).
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { DomainError } from '../errors.js';

// A partner user sees only its own organization: the filters below are the isolation, not the UI.
export async function listPartners(db: Db, q: { kind?: string }, actor: Principal) {
  let query = db.kysely
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
  if (q.kind) query = query.where('p.kind', '=', q.kind);
  if (actor.role === 'partner') query = query.where('p.partner_id', '=', actor.partnerId ?? '');
  const rows = await query.execute();
  return { items: rows.map((r) => ({ ...r, staff_count: Number(r.staff_count ?? 0), campaign_count: Number(r.campaign_count ?? 0) })) };
}

export async function getPartner(db: Db, partnerId: string, actor: Principal) {
  if (actor.role === 'partner' && actor.partnerId !== partnerId) throw new DomainError('not_found', 'no such partner');
  const partner = await db.kysely.selectFrom('partners').selectAll().where('partner_id', '=', partnerId).executeTakeFirst();
  if (!partner) throw new DomainError('not_found', 'no such partner');
  const staff = await db.kysely.selectFrom('staff').selectAll().where('partner_id', '=', partnerId).orderBy('staff_id').execute();
  const campaigns = await db.kysely
    .selectFrom('campaigns')
    .selectAll()
    .where(sql<boolean>`${partnerId} = ANY (partner_ids)`)
    .orderBy('starts_on')
    .execute();
  // Aggregates only: how much of the plan's work runs through this partner, no member rows.
  const { rows: actions } = await sql<{ action_type: string; actions: number }>`
    SELECT a.action_type, count(*) AS actions FROM actions a
    WHERE a.voided_at IS NULL AND (a.partner_id = ${partnerId} OR a.staff_id IN (SELECT staff_id FROM staff WHERE partner_id = ${partnerId}))
    GROUP BY a.action_type ORDER BY a.action_type`.execute(db.kysely);
  return { partner, staff, campaigns, actions_by_type: actions.map((a) => ({ action_type: a.action_type, actions: Number(a.actions) })) };
}

export async function listCampaigns(db: Db, actor: Principal) {
  const own = actor.role === 'partner' ? (actor.partnerId ?? '') : null;
  const { rows } = await sql<{
    campaign_id: string;
    name: string;
    starts_on: string;
    ends_on: string | null;
    partner_ids: string[];
    community: boolean;
    touches: number;
  }>`
    SELECT c.campaign_id, c.name, c.starts_on, c.ends_on, c.partner_ids,
      EXISTS (SELECT 1 FROM partners p WHERE p.partner_id = ANY (c.partner_ids) AND p.kind IN ('community', 'public_health')) AS community,
      (SELECT count(*) FROM actions a WHERE a.campaign_id = c.campaign_id AND a.voided_at IS NULL) AS touches
    FROM campaigns c WHERE ${own}::text IS NULL OR ${own}::text = ANY (c.partner_ids)
    ORDER BY c.starts_on, c.campaign_id`.execute(db.kysely);
  return { items: rows.map((r) => ({ ...r, touches: Number(r.touches) })) };
}
