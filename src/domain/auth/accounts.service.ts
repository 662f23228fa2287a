// Looking after accounts once they exist: changing your own password, an admin's reset, disabling
// and enabling a user, and seeing API tokens. Every change that could follow a compromise ends
// the user's other sessions (and, on disable, revokes their tokens), so it takes effect at once.
import type { Db } from '../../db/connect.js';
import { DomainError } from '../errors.js';
import { hashNewPassword, sha256, verifyPassword } from './passwords.js';
import type { Principal, Role } from './permissions.js';
import { endSessions, revokeTokensOf, setDisabled, setPasswordHash, tokensOf, userById } from './users.queries.js';

/** The longest an API token of each role may live: shortest for those outside the plan and for admins. */
export const TOKEN_MAX_DAYS: Readonly<Record<Role, number>> = Object.freeze({
  admin: 30,
  manager: 90,
  coordinator: 90,
  analyst: 180,
  partner: 30,
});

/** Your own password, proven by the current one; your other sessions end. */
export async function changeOwnPassword(db: Db, actor: Principal, current: string, next: string, sessionToken?: string): Promise<void> {
  const user = await userById(db.kysely, actor.userId);
  if (!user || !(await verifyPassword(current, user.password_hash)))
    throw new DomainError('validation_failed', 'the current password is not right');
  await setPasswordHash(db.kysely, user.user_id, await hashNewPassword(next, user.email));
  await endSessions(db.kysely, user.user_id, sessionToken ? sha256(sessionToken) : null);
}

/** An admin sets a user's password (e.g. after a lockout or a leak); all of the user's sessions end. */
export async function resetPassword(db: Db, userId: string, next: string): Promise<void> {
  const user = await userById(db.kysely, userId);
  if (!user) throw new DomainError('not_found', 'no such user');
  await setPasswordHash(db.kysely, userId, await hashNewPassword(next, user.email));
  await endSessions(db.kysely, userId);
}

/** Disables (or enables again) a user: a disabled user cannot sign in, and their sessions and tokens end. */
export async function setUserDisabled(db: Db, actor: Principal, userId: string, disabled: boolean): Promise<void> {
  if (disabled && userId === actor.userId) throw new DomainError('validation_failed', 'you cannot disable your own account');
  if (!(await setDisabled(db.kysely, userId, disabled ? new Date() : null))) throw new DomainError('not_found', 'no such user');
  if (disabled) {
    await endSessions(db.kysely, userId);
    await revokeTokensOf(db.kysely, userId);
  }
}

export interface TokenView {
  token_id: string;
  name: string;
  owner: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  state: 'active' | 'expired' | 'revoked';
}

/** API tokens: your own; an admin sees everyone's. Never the secret. */
export async function listApiTokens(db: Db, actor: Principal): Promise<TokenView[]> {
  const now = Date.now();
  return (await tokensOf(db.kysely, actor.role === 'admin' ? null : actor.userId)).map((t) => ({
    token_id: t.token_id,
    name: t.name,
    owner: t.email,
    created_at: new Date(t.created_at).toISOString(),
    expires_at: new Date(t.expires_at).toISOString(),
    last_used_at: t.last_used_at ? new Date(t.last_used_at).toISOString() : null,
    state: t.revoked_at ? 'revoked' : new Date(t.expires_at).getTime() <= now ? 'expired' : 'active',
  }));
}
