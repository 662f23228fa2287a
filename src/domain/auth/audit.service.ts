// The audit trail: who read or changed which member's data, when, from where, through which
// route or command. One row per member per access; append-only in the database.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.js';
import type { Principal } from './permissions.js';

export interface AccessContext {
  principal: Principal;
  /** The route pattern or CLI command. */
  via: string;
  ip: string | null;
}

export async function recordAccess(db: Db, ctx: AccessContext, access: 'read' | 'write', memberIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(memberIds)];
  if (ids.length === 0) return;
  const rows = ids.map((memberId) => ({
    member_id: memberId,
    audit_id: randomUUID(),
    actor: ctx.principal.email,
    role: ctx.principal.role,
    access,
    via: ctx.via,
    ip: ctx.ip,
  }));
  for (let i = 0; i < rows.length; i += 1000)
    await db.kysely
      .insertInto('audit_log')
      .values(rows.slice(i, i + 1000))
      .execute();
}

export interface AuditQuery {
  member_id?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export async function queryAudit(db: Db, q: AuditQuery) {
  let query = db.kysely
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('audit_id')
    .limit(q.limit ?? 500);
  if (q.member_id) query = query.where('member_id', '=', q.member_id);
  if (q.actor) query = query.where('actor', '=', q.actor.toLowerCase());
  if (q.from) query = query.where('at', '>=', new Date(`${q.from}T00:00:00Z`));
  if (q.to) query = query.where('at', '<', new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000));
  const rows = await query.execute();
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}
