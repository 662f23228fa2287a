// Runs a worklist for a day: paginated (offset cursor), sortable by the keys it allows, and each
// entry carries the sentence saying why it is there.
import type { Db } from '../../db/connect.js';
import { DomainError } from '../errors.js';
import { getSetting, todayIn } from '../settings/settings.service.js';
import { WORKLISTS, type WorklistDefinition } from './worklists.definitions.js';
import { knownIds, setAssignments, worklistRows } from './worklists.queries.js';

export interface WorklistQuery {
  as_of?: string;
  attempts?: number;
  days?: number;
  sort?: string;
  order?: 'asc' | 'desc';
  limit?: number;
  line_of_business?: string;
  county?: string;
  language?: string;
  /** Member lists: a staff id, or 'nobody'. */
  assigned_to?: string;
}

/** The detail columns a list may be filtered by, where it has them. */
const FILTERABLE = ['line_of_business', 'county', 'language'] as const;

export interface WorklistEntry {
  subject: 'member' | 'staff';
  id: string;
  reason: string;
  details: Record<string, string | number | null>;
  /** Who to call first: a score and the signals behind it (member lists only). */
  priority: { score: number; reasons: string } | null;
  /** Who on the staff is to act on this member for this list. */
  assigned_to: { staff_id: string; name: string } | null;
  /** How to reach the member (members.csv's optional phone and email); null for staff lists. */
  contact: { phone: string | null; email: string | null } | null;
}

export interface WorklistSummary {
  id: string;
  title: string;
  description: string;
  subject: string;
  metric: string;
  columns: string[];
  sorts: string[];
  filters: string[];
  cleared_by: { action_types: string[]; successful_only: boolean; text: string } | null;
}

export function worklistSummaries(): WorklistSummary[] {
  return WORKLISTS.map((w) => ({
    id: w.id,
    title: w.title,
    description: w.description,
    subject: w.subject,
    metric: w.metric,
    columns: [...w.columns],
    sorts: [...w.sorts],
    filters: FILTERABLE.filter((c) => w.columns.includes(c)),
    cleared_by: w.clearedBy
      ? { action_types: [...w.clearedBy.actionTypes], successful_only: w.clearedBy.successfulOnly, text: w.clearedBy.text }
      : null,
  }));
}

function definition(id: string): WorklistDefinition {
  const w = WORKLISTS.find((x) => x.id === id);
  if (!w) throw new DomainError('not_found', `no worklist "${id}"`);
  return w;
}

export interface WorklistRun {
  worklist: WorklistSummary;
  as_of: string;
  sort: string;
  order: 'asc' | 'desc';
  total: number;
  items: WorklistEntry[];
  /** Where the next page starts; null on the last page. */
  next: { offset: number } | null;
}

const DESCENDING_BY_DEFAULT = new Set(['attempts', 'high_risk', 'low_risk', 'priority']);

export async function runWorklist(db: Db, id: string, q: WorklistQuery, offset = 0): Promise<WorklistRun> {
  const w = definition(id);
  const timezone = await getSetting(db, 'timezone');
  const asOf = q.as_of ?? todayIn(timezone);
  const sort = q.sort ?? w.sorts[0]!;
  if (!w.sorts.includes(sort)) throw new DomainError('validation_failed', `sort must be one of ${w.sorts.join(', ')}`);
  const order = q.order ?? (DESCENDING_BY_DEFAULT.has(sort) ? 'desc' : 'asc');
  const limit = q.limit ?? 50; // the schema caps a page; exportWorklist asks for more
  const params = { asOf, timezone, attempts: q.attempts ?? 3, days: q.days ?? 60 };
  const filters: Record<string, string> = {};
  for (const c of FILTERABLE) {
    const value = q[c];
    if (value === undefined) continue;
    if (!w.columns.includes(c)) throw new DomainError('validation_failed', `${id} cannot be filtered by ${c}`);
    filters[c] = value;
  }
  if (q.assigned_to !== undefined && w.subject !== 'member')
    throw new DomainError('validation_failed', `${id} lists staff: nobody is assigned`);
  const assignedTo = q.assigned_to === 'nobody' ? '' : q.assigned_to;
  const { rows, total } = await worklistRows(db.kysely, w, params, { sort, order, limit, offset, filters, assignedTo });
  const items: WorklistEntry[] = rows.map((r) => ({
    subject: w.subject,
    id: String(r.subject_id),
    reason: String(r.reason),
    details: Object.fromEntries(
      w.columns.map((c) => [c, r[c] === null || r[c] === undefined ? null : typeof r[c] === 'number' ? (r[c] as number) : String(r[c])]),
    ),
    priority: w.subject === 'member' ? { score: Number(r.priority), reasons: String(r.priority_reasons ?? '') } : null,
    assigned_to: r.assigned_staff_id ? { staff_id: String(r.assigned_staff_id), name: String(r.assigned_name) } : null,
    contact:
      w.subject === 'member'
        ? { phone: (r.contact_phone as string | null) ?? null, email: (r.contact_email as string | null) ?? null }
        : null,
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

/** The most rows an export holds: a day's list of a large plan, well within one file. */
const EXPORT_LIMIT = 100_000;

/** A whole worklist as CSV rows, in the order asked for: id, priority, why first, the reason and its columns. */
export async function exportWorklist(
  db: Db,
  id: string,
  q: WorklistQuery,
): Promise<{ run: WorklistRun; rows: (string | number | null)[][] }> {
  const run = await runWorklist(db, id, { ...q, limit: EXPORT_LIMIT });
  const members = run.worklist.subject === 'member';
  const head = [
    members ? 'member_id' : 'staff_id',
    'priority',
    'why_first',
    'reason',
    ...run.worklist.columns,
    ...(members ? ['phone', 'email'] : []),
  ];
  const rows = run.items.map((i) => [
    i.id,
    i.priority?.score ?? null,
    i.priority?.reasons ?? null,
    i.reason,
    ...run.worklist.columns.map((c) => i.details[c] ?? null),
    ...(members ? [i.contact?.phone ?? null, i.contact?.email ?? null] : []),
  ]);
  return { run, rows: [head, ...rows] };
}

/**
 * Assigns members on a worklist to a staff member to act on (null: unassigns them). Every id must
 * be a member and the staff member must exist; nothing is assigned otherwise.
 */
export async function assignMembers(
  db: Db,
  id: string,
  memberIds: readonly string[],
  staffId: string | null,
  by: string,
): Promise<{ assigned: number }> {
  const w = definition(id);
  if (w.subject !== 'member') throw new DomainError('validation_failed', `${id} lists staff: members cannot be assigned on it`);
  const known = await knownIds(db.kysely, memberIds, staffId);
  if (!known.staff) throw new DomainError('validation_failed', `no staff member ${staffId}`);
  const unknown = memberIds.filter((m) => !known.members.has(m));
  if (unknown.length)
    throw new DomainError('validation_failed', `not members: ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? '…' : ''}`);
  await setAssignments(db.kysely, id, [...new Set(memberIds)], staffId, by);
  return { assigned: staffId === null ? 0 : new Set(memberIds).size };
}
