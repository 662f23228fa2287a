// The only SQL of saved views: a user's list, save (replacing one of the same name), delete.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

type Q = Kysely<Database>;

export interface SavedViewRow {
  name: string;
  path: string;
  saved_at: Date;
}

export async function viewsOf(db: Q, userId: string): Promise<SavedViewRow[]> {
  return db.selectFrom('saved_views').select(['name', 'path', 'saved_at']).where('user_id', '=', userId).orderBy('name').execute();
}

export async function upsertView(db: Q, userId: string, name: string, path: string): Promise<void> {
  await db
    .insertInto('saved_views')
    .values({ user_id: userId, name, path })
    .onConflict((oc) => oc.columns(['user_id', 'name']).doUpdateSet({ path, saved_at: new Date() }))
    .execute();
}

export async function deleteView(db: Q, userId: string, name: string): Promise<number> {
  const r = await db.deleteFrom('saved_views').where('user_id', '=', userId).where('name', '=', name).executeTakeFirst();
  return Number(r.numDeletedRows);
}
