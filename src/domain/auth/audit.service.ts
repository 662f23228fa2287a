// The audit trail: who read or changed which member's data, when, from where, through which
// route or command. One row per member per access; append-only in the database.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.js';
import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../db/database.js';
import { appendAudit, auditRows, type AuditFilter } from './audit.queries.js';
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
  await appendAudit(db.kysely, rows);
}

export type AuditEntry = Omit<Selectable<AuditLogTable>, 'at'> & { at: string };

export async function queryAudit(db: Db, q: AuditFilter): Promise<AuditEntry[]> {
  const rows = await auditRows(db.kysely, q);
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}
