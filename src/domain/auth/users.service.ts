// Accounts, sign-in with lockout, sessions and API tokens.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.js';
import { DomainError } from '../errors.js';
import { TOKEN_MAX_DAYS } from './accounts.service.js';
import { hashNewPassword, newSecret, sha256, verifyPassword } from './passwords.js';
import { isRole, type Principal, type Role } from './permissions.js';
import {
  allUsers,
  clearLoginAttempts,
  deleteSessionByHash,
  insertApiToken,
  insertSession,
  insertUser,
  partnerExists,
  reserveLoginAttempt,
  revokeToken,
  sessionByHash,
  tokenByHash,
  tokenUseDue,
  touchToken,
  userByEmail,
  userById,
  userCount,
} from './users.queries.js';

export const SESSION_HOURS = 12;
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

export interface UserView {
  user_id: string;
  email: string;
  role: Role;
  partner_id: string | null;
  created_at: string;
  locked: boolean;
}

const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export async function createUser(
  db: Db,
  input: { email: string; role: string; password: string; partnerId?: string | null },
): Promise<UserView> {
  const email = normalizeEmail(input.email);
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new DomainError('validation_failed', 'email is not an email address');
  if (!isRole(input.role)) throw new DomainError('validation_failed', 'role must be admin, manager, coordinator, analyst or partner');
  if (input.role === 'partner') {
    if (!input.partnerId) throw new DomainError('validation_failed', 'a partner user needs the partner organization it belongs to');
    if (!(await partnerExists(db.kysely, input.partnerId))) throw new DomainError('validation_failed', 'no such partner');
  } else if (input.partnerId) {
    throw new DomainError('validation_failed', 'only partner users belong to a partner organization');
  }
  if (await userByEmail(db.kysely, email)) throw new DomainError('conflict', 'a user with this email exists');
  const user = {
    user_id: randomUUID(),
    email,
    role: input.role,
    partner_id: input.role === 'partner' ? (input.partnerId ?? null) : null,
    password_hash: await hashNewPassword(input.password, email),
  };
  await insertUser(db.kysely, { ...user, locked_until: null, disabled_at: null });
  return (await listUsers(db)).find((u) => u.user_id === user.user_id)!;
}

export async function listUsers(db: Db): Promise<UserView[]> {
  const rows = await allUsers(db.kysely);
  const now = Date.now();
  return rows.map((u) => ({
    user_id: u.user_id,
    email: u.email,
    role: u.role as Role,
    partner_id: u.partner_id,
    created_at: new Date(u.created_at).toISOString(),
    locked: u.locked_until !== null && new Date(u.locked_until).getTime() > now,
  }));
}

export async function countUsers(db: Db): Promise<number> {
  return userCount(db.kysely);
}

function principalOf(
  u: { user_id: string; email: string; role: string; partner_id: string | null },
  via: Principal['via'],
  csrfToken?: string,
): Principal {
  return { userId: u.user_id, email: u.email, role: u.role as Role, partnerId: u.partner_id, via, ...(csrfToken ? { csrfToken } : {}) };
}

// A hash of the real cost, checked where there is no account to check: every refusal takes as
// long as a wrong password, so timing tells nothing about which accounts exist or are locked.
const DECOY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA';

/**
 * Checks a password; five attempts without success lock the account for 15 minutes, however many
 * arrive at once (each is counted before its check). One message and one cost for every refusal.
 */
export async function authenticate(db: Db, email: string, password: string): Promise<Principal> {
  const denied = new DomainError('unauthorized', 'Wrong email or password, or the account is locked.');
  const user = await userByEmail(db.kysely, normalizeEmail(email));
  const lockUntil = new Date(Date.now() + LOCKOUT_MINUTES * 60_000);
  if (!user || user.disabled_at || !(await reserveLoginAttempt(db.kysely, user.user_id, MAX_FAILED_LOGINS, lockUntil))) {
    await verifyPassword(password, DECOY_HASH);
    throw denied;
  }
  if (!(await verifyPassword(password, user.password_hash))) throw denied;
  await clearLoginAttempts(db.kysely, user.user_id);
  return principalOf(user, 'session');
}

export async function createSession(db: Db, principal: Principal): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = newSecret();
  const csrfToken = newSecret(24);
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3_600_000);
  await insertSession(db.kysely, { token_hash: sha256(token), user_id: principal.userId, csrf_token: csrfToken, expires_at: expiresAt });
  return { token, csrfToken, expiresAt };
}

export async function sessionPrincipal(db: Db, token: string): Promise<Principal | undefined> {
  const row = await sessionByHash(db.kysely, sha256(token));
  if (!row || row.disabled_at || new Date(row.expires_at).getTime() <= Date.now()) return undefined;
  return principalOf(row, 'session', row.csrf_token);
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await deleteSessionByHash(db.kysely, sha256(token));
}

export async function createApiToken(
  db: Db,
  userId: string,
  name: string,
  requestedDays?: number,
): Promise<{ token_id: string; token: string; expires_at: string }> {
  const owner = await userById(db.kysely, userId);
  if (!owner || owner.disabled_at) throw new DomainError('not_found', 'no such user');
  const max = TOKEN_MAX_DAYS[owner.role as Role];
  const days = requestedDays ?? max;
  if (!Number.isInteger(days) || days < 1 || days > max)
    throw new DomainError('validation_failed', `a token of a ${owner.role} lives 1 to ${max} days`);
  const token = `dpl_${newSecret()}`;
  const tokenId = randomUUID();
  const expiresAt = new Date(Date.now() + days * 86_400_000);
  await insertApiToken(db.kysely, {
    token_id: tokenId,
    user_id: userId,
    name,
    token_hash: sha256(token),
    expires_at: expiresAt,
    revoked_at: null,
    last_used_at: null,
  });
  return { token_id: tokenId, token, expires_at: expiresAt.toISOString() };
}

export async function tokenPrincipal(db: Db, token: string): Promise<Principal | undefined> {
  const row = await tokenByHash(db.kysely, sha256(token));
  if (!row || row.disabled_at || row.revoked_at || new Date(row.expires_at).getTime() <= Date.now()) return undefined;
  // Decided from the row just read, so a token in steady use costs one statement per request, not two.
  if (tokenUseDue(row.last_used_at)) await touchToken(db.kysely, row.token_id);
  return principalOf(row, 'token');
}

export async function revokeApiToken(db: Db, tokenId: string, principal: Principal): Promise<void> {
  // Anyone may revoke their own tokens; an admin may revoke anyone's.
  const revoked = await revokeToken(db.kysely, tokenId, principal.role === 'admin' ? null : principal.userId);
  if (!revoked) throw new DomainError('not_found', 'no such active token');
}

export async function userIdByEmail(db: Db, email: string): Promise<string> {
  const row = await userByEmail(db.kysely, normalizeEmail(email));
  if (!row) throw new DomainError('not_found', 'no such user');
  return row.user_id;
}
