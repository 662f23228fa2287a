// The SQL of playbooks: one document per partner.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

type Q = Kysely<Database>;

export async function playbookOf(db: Q, partnerId: string): Promise<{ doc: unknown; updated_at: Date } | undefined> {
  return db.selectFrom('partner_playbooks').select(['doc', 'updated_at']).where('partner_id', '=', partnerId).executeTakeFirst();
}

export async function savePlaybook(db: Q, partnerId: string, doc: unknown): Promise<void> {
  await db
    .insertInto('partner_playbooks')
    .values({ partner_id: partnerId, doc: JSON.stringify(doc) })
    .onConflict((oc) => oc.column('partner_id').doUpdateSet({ doc: JSON.stringify(doc), updated_at: new Date() }))
    .execute();
}

export async function partnerExists(db: Q, partnerId: string): Promise<boolean> {
  return (await db.selectFrom('partners').select('partner_id').where('partner_id', '=', partnerId).executeTakeFirst()) !== undefined;
}
