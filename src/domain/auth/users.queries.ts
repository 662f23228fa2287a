// The only SQL of accounts, sessions and API tokens.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { ApiTokensTable, Database, UsersTable } from '../../db/database.js';

type Q = Kysely<Database>;

/** What a signed-in request needs of its user, joined with the session or token. */
export interface UserIdentity {
  user_id: string;
  email: string;
  role: string;
  partner_id: string | null;
  disabled_at: Date | null;
}

export async function partnerExists(db: Q, partnerId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('partners').select('partner_id').where('partner_id', '=', partnerId).executeTakeFirst());
}

export async function userByEmail(db: Q, email: string): Promise<Selectable<UsersTable> | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function insertUser(db: Q, user: Insertable<UsersTable>): Promise<void> {
  await db.insertInto('users').values(user).execute();
}

export async function allUsers(db: Q): Promise<Selectable<UsersTable>[]> {
  return db.selectFrom('users').selectAll().orderBy('email').execute();
}

export async function userCount(db: Q): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setLoginFailures(db: Q, userId: string, failedLogins: number, lockedUntil: Date | null): Promise<void> {
  await db.updateTable('users').set({ failed_logins: failedLogins, locked_until: lockedUntil }).where('user_id', '=', userId).execute();
}

export async function insertSession(
  db: Q,
  row: { token_hash: string; user_id: string; csrf_token: string; expires_at: Date },
): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function sessionByHash(
  db: Q,
  tokenHash: string,
): Promise<(UserIdentity & { csrf_token: string; expires_at: Date }) | undefined> {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.user_id', 's.user_id')
    .select(['u.user_id', 'u.email', 'u.role', 'u.partner_id', 'u.disabled_at', 's.csrf_token', 's.expires_at'])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function deleteSessionByHash(db: Q, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function insertApiToken(db: Q, row: Insertable<ApiTokensTable>): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

export async function tokenByHash(
  db: Q,
  tokenHash: string,
): Promise<(UserIdentity & { token_id: string; expires_at: Date; revoked_at: Date | null }) | undefined> {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.user_id', 't.user_id')
    .select(['t.token_id', 'u.user_id', 'u.email', 'u.role', 'u.partner_id', 'u.disabled_at', 't.expires_at', 't.revoked_at'])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** Records a token's use at most once a minute: a script's every request need not write a row. */
export async function touchToken(db: Q, tokenId: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: new Date() })
    .where('token_id', '=', tokenId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(Date.now() - 60_000))]))
    .execute();
}

/** Revokes an active token, only the owner's unless `ownerId` is null; false when none was. */
export async function revokeToken(db: Q, tokenId: string, ownerId: string | null): Promise<boolean> {
  let q = db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('token_id', '=', tokenId).where('revoked_at', 'is', null);
  if (ownerId !== null) q = q.where('user_id', '=', ownerId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
