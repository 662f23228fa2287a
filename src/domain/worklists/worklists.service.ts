// Runs a worklist for a day: paginated (offset cursor), sortable by the keys it allows, and each
// entry carries the sentence saying why it is there.
import type { Db } from '../../db/connect.js';
import { DomainError } from '../errors.js';
import { getSetting, todayIn } from '../settings/settings.service.js';
import { WORKLISTS, type WorklistDefinition } from './worklists.definitions.js';
import { worklistRows } from './worklists.queries.js';

export interface WorklistQuery {
  as_of?: string;
  attempts?: number;
  days?: number;
  sort?: string;
  order?: 'asc' | 'desc';
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

export interface WorklistRun {
  worklist: ReturnType<typeof worklistSummaries>[number];
  as_of: string;
  sort: string;
  order: 'asc' | 'desc';
  total: number;
  items: WorklistEntry[];
  /** Where the next page starts; null on the last page. */
  next: { offset: number } | null;
}

const DESCENDING_BY_DEFAULT = new Set(['attempts', 'high_risk', 'low_risk']);

export async function runWorklist(db: Db, id: string, q: WorklistQuery, offset = 0): Promise<WorklistRun> {
  const w = definition(id);
  const timezone = await getSetting(db, 'timezone');
  const asOf = q.as_of ?? todayIn(timezone);
  const sort = q.sort ?? w.sorts[0]!;
  if (!w.sorts.includes(sort)) throw new DomainError('validation_failed', `sort must be one of ${w.sorts.join(', ')}`);
  const order = q.order ?? (DESCENDING_BY_DEFAULT.has(sort) ? 'desc' : 'asc');
  const limit = q.limit ?? 50;
  const params = { asOf, timezone, attempts: q.attempts ?? 3, days: q.days ?? 60 };
  const { rows, total } = await worklistRows(db.kysely, w, params, { sort, order, limit, offset });
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
    next: offset + items.length < total ? { offset: offset + items.length } : null,
  };
}
