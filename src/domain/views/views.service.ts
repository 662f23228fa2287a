// Saved views: each user's named places in the web app (a page with its period, segment and
// filters). A user reads and changes only their own.
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { DomainError } from '../errors.js';
import { deleteView, upsertView, viewsOf } from './views.queries.js';
import type { SavedViewList, ViewInput } from './views.schema.js';

/** A user keeps at most this many views: a menu, not a database. */
const MAX_VIEWS = 50;

export async function listViews(db: Db, actor: Principal): Promise<SavedViewList> {
  const rows = await viewsOf(db.kysely, actor.userId);
  return { items: rows.map((r) => ({ name: r.name, path: r.path, saved_at: new Date(r.saved_at).toISOString() })) };
}

export async function saveView(db: Db, actor: Principal, view: ViewInput): Promise<SavedViewList> {
  const mine = await viewsOf(db.kysely, actor.userId);
  if (mine.length >= MAX_VIEWS && !mine.some((v) => v.name === view.name))
    throw new DomainError('conflict', `you have ${MAX_VIEWS} saved views: delete one first`);
  await upsertView(db.kysely, actor.userId, view.name.trim(), view.path);
  return listViews(db, actor);
}

export async function removeView(db: Db, actor: Principal, name: string): Promise<SavedViewList> {
  if ((await deleteView(db.kysely, actor.userId, name)) === 0) throw new DomainError('not_found', `no saved view "${name}"`);
  return listViews(db, actor);
}
