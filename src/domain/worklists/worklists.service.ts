// Runs a worklist for a day: paginated (offset cursor), sortable by the keys it allows, and each
// entry carries the sentence saying why it is there.
import { sql } from 'kysely';
import type { Db } from '../../db/connect.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { DomainError } from '../errors.js';
import { getSetting, todayIn } from '../settings/settings.service.js';
import { paramsCte, WORKLISTS, type WorklistDefinition } from './worklists.definitions.js';

export interface WorklistQuery {
  as_of?: string;
  attempts?: number;
  days?: number;
  sort?: string;
  order?: 'asc' | 'desc';
  cursor?: string;
  limit?: number;
}

export interface WorklistEntry {
  subject: 'member' | 'staff';
  id: string;
  reason: string;
  details: Record<string, string | number | null>;
}

export function worklistSummaries(): {
  id: string;
  title: string;
  description: string;
  subject: string;
  metric: string;
  columns: string[];
  sorts: string[];
}[] {
  return WORKLISTS.map((w) => ({
    id: w.id,
    title: w.title,
    description: w.description,
    subject: w.subject,
    metric: w.metric,
    columns: [...w.columns],
    sorts: [...w.sorts],
  }));
}

function definition(id: string): WorklistDefinition {
  const w = WORKLISTS.find((x) => x.id === id);
  if (!w) throw new DomainError('not_found', `no worklist "${id}"`);
  return w;
}

export async function runWorklist(db: Db, id: string, q: WorklistQuery) {
  const w = definition(id);
  const timezone = await getSetting(db, 'timezone');
  const asOf = q.as_of ?? todayIn(timezone);
  const sort = q.sort ?? w.sorts[0]!;
  if (!w.sorts.includes(sort)) throw new DomainError('validation_failed', `sort must be one of ${w.sorts.join(', ')}`);
  const order = q.order ?? (sort === 'attempts' || sort === 'high_risk' || sort === 'low_risk' ? 'desc' : 'asc');
  const limit = q.limit ?? 50;
  const offset = decodeCursor<{ offset: number }>(q.cursor)?.offset ?? 0;
  const params = { asOf, timezone, attempts: q.attempts ?? 3, days: q.days ?? 60 };
  // `sort` and `order` are checked against the definition above, so they may be spliced in.
  const { rows } = await sql<Record<string, unknown>>`
    WITH ${paramsCte(params)}
    SELECT w.*, count(*) OVER () AS total FROM (${sql.raw(w.body())}) w
    ORDER BY ${sql.raw(`w.${sort === 'member_id' ? 'subject_id' : sort}`)} ${sql.raw(order === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST')}, w.subject_id
    LIMIT ${limit} OFFSET ${offset}`.execute(db.kysely);
  const total = rows.length > 0 ? Number(rows[0]!.total) : 0;
  const items: WorklistEntry[] = rows.map((r) => ({
    subject: w.subject,
    id: String(r.subject_id),
    reason: String(r.reason),
    details: Object.fromEntries(
      w.columns.map((c) => [c, r[c] === null || r[c] === undefined ? null : typeof r[c] === 'number' ? (r[c] as number) : String(r[c])]),
    ),
  }));
  return {
    worklist: worklistSummaries().find((s) => s.id === id)!,
    as_of: asOf,
    sort,
    order,
    total,
    items,
    next_cursor: offset + items.length < total ? encodeCursor({ offset: offset + items.length }) : null,
  };
}
