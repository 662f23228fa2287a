// What leaves a partnership's workspace: its tables as CSV, the equity breakdown of a computed
// measure, and the worklist of what is overdue across partnerships (results not in, milestones
// missed, decision follow-ups not done), oldest first.
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { DomainError } from '../errors.js';
import { parsePeriod } from '../metrics/periods.js';
import { readablePartnership } from './partnership-access.js';
import { areaEquity, type AreaEquityRow } from './partnership-measures.service.js';
import { itemsOf } from './partnerships.queries.js';
import type { EXPORT_TABLES, WorkItem } from './partnerships.schema.js';
import { getWorkspace, listPartnershipSummaries } from './partnerships.service.js';

export async function measureEquity(
  db: Db,
  partnershipId: string,
  measureId: string,
  period: string,
  by: string,
  actor: Principal,
): Promise<AreaEquityRow[]> {
  const p = await readablePartnership(db, partnershipId, actor);
  const m = (await itemsOf(db.kysely, 'partnership_measures', partnershipId)).find((x) => x.measure_id === measureId);
  if (!m) throw new DomainError('not_found', `no measure ${measureId} in this partnership`);
  return areaEquity(db, p, m, parsePeriod(period), by);
}

const list = (v: unknown): unknown => (Array.isArray(v) ? v.join(';') : v);

export async function exportTable(db: Db, partnershipId: string, table: (typeof EXPORT_TABLES)[number], actor: Principal): Promise<string> {
  const w = await getWorkspace(db, partnershipId, actor);
  const rows: Record<string, unknown>[] =
    table === 'commitments'
      ? w.commitments
      : table === 'activities'
        ? w.activities
        : table === 'measures'
          ? w.measures.map(({ results: _r, latest, ...m }) => ({
              ...m,
              latest_period: latest?.period ?? null,
              latest_value: latest?.value ?? null,
            }))
          : table === 'results'
            ? w.measures.flatMap((m) => m.results.map((r) => ({ measure_id: m.measure_id, ...r })))
            : table === 'decisions'
              ? w.decisions.map(({ follow_ups: _f, scope_change, ...d }) => ({
                  ...d,
                  scope_change: scope_change ? JSON.stringify(scope_change) : null,
                }))
              : w.decisions.flatMap((d) => d.follow_ups);
  if (rows.length === 0) return '';
  return stringify(
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, list(v)]))),
    { header: true, cast: { boolean: (b) => (b ? 'true' : 'false') } },
  );
}

export async function partnershipWorklist(db: Db, actor: Principal): Promise<WorkItem[]> {
  const items: WorkItem[] = [];
  for (const s of await listPartnershipSummaries(db, actor)) {
    const w = await getWorkspace(db, s.partnership_id, actor, false);
    const names = new Map(w.members.map((m) => [m.partner_id, m.name]));
    const owner = (id: string | null): string | null => (id === null ? null : (names.get(id) ?? id));
    const base = { partnership_id: w.partnership_id, partnership: w.name };
    for (const c of w.calendar.filter((x) => x.status === 'overdue')) {
      const m = w.measures.find((x) => x.measure_id === c.measure_id)!;
      items.push({ ...base, kind: 'result', what: `Result for ${m.name}, ${c.period}`, owner: owner(m.partner_id), due_on: c.due_on });
    }
    for (const a of w.activities.filter((x) => x.overdue && x.milestone)) {
      items.push({ ...base, kind: 'milestone', what: a.title, owner: owner(a.owner_partner_id), due_on: a.due_on });
    }
    for (const f of w.decisions.flatMap((d) => d.follow_ups).filter((x) => x.overdue)) {
      items.push({ ...base, kind: 'follow_up', what: f.title, owner: owner(f.partner_id), due_on: f.due_on });
    }
  }
  return items.sort((a, b) => a.due_on.localeCompare(b.due_on));
}
