// The only SQL of the audit trail: append rows, and read them back filtered.
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AuditLogTable, Database } from '../../db/database.js';

type Q = Kysely<Database>;

export async function appendAudit(db: Q, rows: Insertable<AuditLogTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000)
    await db
      .insertInto('audit_log')
      .values(rows.slice(i, i + 1000))
      .execute();
}

export interface AuditFilter {
  member_id?: string;
  actor?: string;
  from?: string;
  to?: string;
  limit?: number;
}

export async function auditRows(db: Q, q: AuditFilter): Promise<Selectable<AuditLogTable>[]> {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('at', 'desc')
    .orderBy('audit_id')
    .limit(q.limit ?? 500);
  if (q.member_id) query = query.where('member_id', '=', q.member_id);
  if (q.actor) query = query.where('actor', '=', q.actor.toLowerCase());
  if (q.from) query = query.where('at', '>=', new Date(`${q.from}T00:00:00Z`));
  if (q.to) query = query.where('at', '<', new Date(new Date(`${q.to}T00:00:00Z`).getTime() + 86_400_000));
  return query.execute();
}
