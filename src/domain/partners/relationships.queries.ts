// The SQL of relationship management: profiles, touchpoints (with the period of a kept review)
// and follow-ups. Dates leave the database as YYYY-MM-DD text.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { PartnerScope } from '../auth/scope.js';
import type { HealthInputs } from './health.js';
import type { Contact, FollowUp, PartnerProfile, Touchpoint } from './relationships.schema.js';

type Q = Kysely<Database>;
const day = (column: string): ReturnType<typeof sql<string>> => sql<string>`to_char(${sql.ref(column)}, 'YYYY-MM-DD')`;

export async function partnerProfile(db: Q, partnerId: string): Promise<PartnerProfile | undefined> {
  const row = await db.selectFrom('partners').selectAll().where('partner_id', '=', partnerId).executeTakeFirst();
  if (!row) return undefined;
  const contacts = await db
    .selectFrom('partner_contacts')
    .select(['name', 'title', 'email', 'phone'])
    .where('partner_id', '=', partnerId)
    .orderBy('contact_id')
    .execute();
  return { ...(row as unknown as Omit<PartnerProfile, 'contacts'>), contacts };
}

/** Replaces a partner's contacts, in the order given. */
export async function replaceContacts(db: Q, partnerId: string, contacts: readonly Contact[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('partner_contacts').where('partner_id', '=', partnerId).execute();
    if (contacts.length === 0) return;
    await trx
      .insertInto('partner_contacts')
      .values(contacts.map((c, i) => ({ partner_id: partnerId, contact_id: String(i + 1).padStart(3, '0'), ...c })))
      .execute();
  });
}

export async function queryTouchpoints(db: Q, partnerId: string): Promise<Touchpoint[]> {
  const rows = await db
    .selectFrom('touchpoints as t')
    .select([
      't.touchpoint_id',
      't.partner_id',
      day('t.occurred_on').as('occurred_on'),
      't.kind',
      't.type',
      't.contract_id',
      't.staff_ids',
      't.summary',
      't.next_step',
      (eb) =>
        eb
          .selectFrom('scorecard_snapshots as s')
          .whereRef('s.touchpoint_id', '=', 't.touchpoint_id')
          .select((e) => e.fn.min('s.period').as('p'))
          .as('reviewed_period'),
    ])
    .where('t.partner_id', '=', partnerId)
    .orderBy('t.occurred_on', 'desc')
    .orderBy('t.touchpoint_id')
    .execute();
  return rows as Touchpoint[];
}

export async function queryFollowUps(db: Q, filter: { partnerId?: string; followUpId?: string; open?: boolean }): Promise<FollowUp[]> {
  let q = db
    .selectFrom('follow_ups as f')
    .select([
      'f.follow_up_id',
      'f.partner_id',
      'f.touchpoint_id',
      'f.title',
      'f.owner_staff_id',
      day('f.due_on').as('due_on'),
      day('f.done_on').as('done_on'),
    ]);
  if (filter.partnerId !== undefined) q = q.where('f.partner_id', '=', filter.partnerId);
  if (filter.followUpId) q = q.where('f.follow_up_id', '=', filter.followUpId);
  if (filter.open) q = q.where('f.done_on', 'is', null);
  return (await q.orderBy('f.due_on').orderBy('f.follow_up_id').execute()) as FollowUp[];
}

/** What relationship health needs per partner on date `on` (SPEC.md §7.4). */
export async function queryHealthInputs(db: Q, on: string, scope: PartnerScope): Promise<HealthInputs[]> {
  const own = scope?.partnerId ?? null;
  const { rows } = await sql<HealthInputs>`
    SELECT p.partner_id, p.formal_cadence_days, p.informal_cadence_days,
      ${on}::date - (SELECT max(t.occurred_on) FROM touchpoints t
        WHERE t.partner_id = p.partner_id AND t.kind = 'formal' AND t.occurred_on <= ${on}::date) AS days_since_formal,
      ${on}::date - (SELECT max(t.occurred_on) FROM touchpoints t
        WHERE t.partner_id = p.partner_id AND t.kind = 'informal' AND t.occurred_on <= ${on}::date) AS days_since_informal,
      (SELECT count(*) FROM follow_ups f WHERE f.partner_id = p.partner_id AND f.due_on < ${on}::date
        AND (f.done_on IS NULL OR f.done_on > ${on}::date)) AS overdue_follow_ups
    FROM partners p WHERE ${own}::text IS NULL OR p.partner_id = ${own}::text
    ORDER BY p.partner_id`.execute(db);
  const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
  return rows.map((r) => ({
    ...r,
    formal_cadence_days: Number(r.formal_cadence_days),
    informal_cadence_days: Number(r.informal_cadence_days),
    days_since_formal: n(r.days_since_formal),
    days_since_informal: n(r.days_since_informal),
    overdue_follow_ups: Number(r.overdue_follow_ups),
  }));
}
