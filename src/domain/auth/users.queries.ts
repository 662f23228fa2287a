// The only SQL of accounts, sessions and API tokens.
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
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

/**
 * Counts a sign-in attempt before its password is checked, in one statement, so parallel guesses
 * cannot all read the same count: the attempt that reaches `max` locks the account until
 * `lockedUntil`, and attempts on a locked account are not counted (false: refuse without checking).
 * An expired lock starts the count again.
 */
export async function reserveLoginAttempt(db: Q, userId: string, max: number, lockedUntil: Date): Promise<boolean> {
  const { rows } = await sql<{ user_id: string }>`
    UPDATE users SET
      failed_logins = CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END,
      locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failed_logins + 1 ELSE 1 END) >= ${max}
        THEN ${lockedUntil}::timestamptz END
    WHERE user_id = ${userId} AND (locked_until IS NULL OR locked_until <= now())
    RETURNING user_id`.execute(db);
  return rows.length > 0;
}

/** A successful sign-in: the count of attempts starts again and any lock is lifted. */
export async function clearLoginAttempts(db: Q, userId: string): Promise<void> {
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null }).where('user_id', '=', userId).execute();
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
): Promise<(UserIdentity & { token_id: string; expires_at: Date; revoked_at: Date | null; last_used_at: Date | null }) | undefined> {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.user_id', 't.user_id')
    .select([
      't.token_id',
      'u.user_id',
      'u.email',
      'u.role',
      'u.partner_id',
      'u.disabled_at',
      't.expires_at',
      't.revoked_at',
      't.last_used_at',
    ])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/** A token's last use is recorded at most this often: a script's every request need not write a row. */
const TOKEN_USE_EVERY_MS = 60_000;

/** Whether a token last used at `lastUsedAt` is due to have its use recorded (touchToken). */
export function tokenUseDue(lastUsedAt: Date | null): boolean {
  return lastUsedAt === null || new Date(lastUsedAt).getTime() < Date.now() - TOKEN_USE_EVERY_MS;
}

/** Records a token's use, unless a concurrent request just did. */
export async function touchToken(db: Q, tokenId: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ last_used_at: new Date() })
    .where('token_id', '=', tokenId)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(Date.now() - TOKEN_USE_EVERY_MS))]))
    .execute();
}

/** Revokes an active token, only the owner's unless `ownerId` is null; false when none was. */
export async function revokeToken(db: Q, tokenId: string, ownerId: string | null): Promise<boolean> {
  let q = db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('token_id', '=', tokenId).where('revoked_at', 'is', null);
  if (ownerId !== null) q = q.where('user_id', '=', ownerId);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export interface TokenRow {
  token_id: string;
  user_id: string;
  email: string;
  name: string;
  created_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

/** API tokens, newest first: one user's, or everyone's when `ownerId` is null. Never the secret or its hash. */
export async function tokensOf(db: Q, ownerId: string | null): Promise<TokenRow[]> {
  let q = db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.user_id', 't.user_id')
    .select(['t.token_id', 't.user_id', 'u.email', 't.name', 't.created_at', 't.expires_at', 't.revoked_at', 't.last_used_at'])
    .orderBy('t.created_at', 'desc');
  if (ownerId !== null) q = q.where('t.user_id', '=', ownerId);
  return q.execute();
}

export async function userById(db: Q, userId: string): Promise<Selectable<UsersTable> | undefined> {
  return db.selectFrom('users').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

/** A new password: any lock is lifted. */
export async function setPasswordHash(db: Q, userId: string, passwordHash: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
    .where('user_id', '=', userId)
    .execute();
}

export async function setDisabled(db: Q, userId: string, disabledAt: Date | null): Promise<boolean> {
  const result = await db.updateTable('users').set({ disabled_at: disabledAt }).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends a user's sessions, except the one (by hash) making the request, if given. */
export async function endSessions(db: Q, userId: string, keepTokenHash: string | null = null): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepTokenHash) q = q.where('token_hash', '<>', keepTokenHash);
  await q.execute();
}

export async function revokeTokensOf(db: Q, userId: string): Promise<void> {
  await db
    .updateTable('api_tokens')
    .set({ revoked_at: new Date() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}
