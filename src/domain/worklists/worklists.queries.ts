// The only SQL that runs a worklist: its definition's body with its parameters bound, filtered,
// sorted, counted and paged, and its member entries ranked (all of them, or the page's).
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { bindParams, PAGE_MEMBERS, prioritySelect, type WorklistDefinition, type WorklistParams } from './worklists.definitions.js';

export interface WorklistPaging {
  /** A column of the definition's `sorts` (checked by the caller). */
  sort: string;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** Equality filters on detail columns of the definition (checked by the caller), e.g. county. */
  filters?: Readonly<Record<string, string>>;
  /** Member lists: only those assigned to this staff id, or ('') to no one. */
  assignedTo?: string;
}

export async function worklistRows(
  db: Kysely<Database>,
  w: WorklistDefinition,
  params: WorklistParams,
  paging: WorklistPaging,
): Promise<{ rows: Record<string, unknown>[]; total: number }> {
  if (!w.sorts.includes(paging.sort)) throw new Error(`unknown sort ${paging.sort}`);
  // `sort` and `order` are checked against the definition, so they may be spliced in.
  const column = paging.sort === 'member_id' ? 'subject_id' : paging.sort;
  const orderBy = sql.raw(`ORDER BY ${column} ${paging.order === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}, subject_id`);
  const filters = Object.entries(paging.filters ?? {});
  if (filters.some(([c]) => !w.columns.includes(c))) throw new Error('unknown filter column');
  const where = filters.length
    ? sql.join(
        filters.map(([c, v]) => sql`${sql.ref(`s.${c}`)} = ${v}`),
        sql` AND `,
      )
    : sql`true`;
  // Member lists carry who is assigned to act (worklist_assignments), by name.
  const assigned =
    w.subject === 'member'
      ? sql`SELECT w.*, wa.staff_id AS assigned_staff_id, COALESCE(st.name, wa.staff_id) AS assigned_name FROM w
          LEFT JOIN worklist_assignments wa ON wa.member_id = w.subject_id AND wa.worklist_id = ${w.id}
          LEFT JOIN staff st ON st.staff_id = wa.staff_id`
      : sql`SELECT w.* FROM w`;
  const who =
    paging.assignedTo === undefined
      ? sql`true`
      : paging.assignedTo === ''
        ? sql`s.assigned_staff_id IS NULL`
        : sql`s.assigned_staff_id = ${paging.assignedTo}`;
  const rankAll = w.subject === 'member' && paging.sort === 'priority';
  // The list (ranked or not) is MATERIALIZED before it is counted and sorted: as a query of its own
  // PostgreSQL probes the members in parallel workers; under the count's window and the sort it
  // planned them serially (2.0 s against 0.7 s for 68,500 renewals at a million members). The
  // list to be ranked stays inlined in the ranking: Citus refuses lateral joins over a CTE's result.
  const listed = sql`WITH w AS (${bindParams(w.body(), params)}), s AS (${assigned}),
    l AS ${sql.raw(rankAll ? '' : 'MATERIALIZED ')}(SELECT s.* FROM s WHERE ${where} AND ${who})`;
  const page = sql`${orderBy} LIMIT ${paging.limit} OFFSET ${paging.offset}`;
  // Member lists are ranked (priority, priority_reasons) whatever they are sorted by. Sorted by
  // priority, every entry is ranked before the page is cut; sorted by anything else, the page is
  // cut first and only its members are ranked, by a second statement: ranking probes five tables
  // per member, which at a million members was seconds for a list of 70,000. (One statement that
  // cut the page and then ranked it is refused by Citus: a lateral join over an intermediate result.)
  const query = rankAll
    ? sql`${listed}, r AS MATERIALIZED (${bindParams(prioritySelect('l'), params)}) SELECT r.*, count(*) OVER () AS total FROM r ${page}`
    : sql`${listed} SELECT l.*, count(*) OVER () AS total FROM l ${page}`;
  const { rows } = await db.transaction().execute(async (trx) => {
    // A list probes each member's rows by key, which the planner costs high enough to JIT-compile:
    // at 100,000 members that took 0.4–1.3 s of a 0.2–2 s list (2.1 s of 2.6 s on Citus) and saved
    // nothing. SET LOCAL rather than set_config: Citus carries SET LOCAL to the connections that
    // run the shard queries when told to; elsewhere citus.* is a placeholder nobody reads.
    await sql`SET LOCAL citus.propagate_set_commands TO 'local'`.execute(trx);
    await sql`SET LOCAL jit TO off`.execute(trx);
    const listRows = (await sql<Record<string, unknown>>`${query}`.execute(trx)).rows;
    if (w.subject === 'member' && !rankAll && listRows.length > 0) await rankPage(trx, listRows, params);
    return { rows: listRows };
  });
  return { rows, total: rows.length > 0 ? Number(rows[0]!.total) : 0 };
}

/** Adds each row's rank (priority, priority_reasons) and the member's contact details. */
async function rankPage(trx: Kysely<Database>, rows: Record<string, unknown>[], params: WorklistParams): Promise<void> {
  const ids = [...new Set(rows.map((r) => String(r.subject_id)))];
  const { rows: ranks } = await sql<Record<string, unknown>>`${bindParams(prioritySelect(PAGE_MEMBERS), { ...params, ids })}`.execute(trx);
  const byMember = new Map(ranks.map((r) => [String(r.subject_id), r]));
  for (const row of rows) {
    const rank = byMember.get(String(row.subject_id));
    for (const k of RANK_COLUMNS) row[k] = rank?.[k] ?? null;
  }
}

const RANK_COLUMNS = ['priority', 'priority_reasons', 'contact_phone', 'contact_email'] as const;

/** Assigns members of a worklist to a staff member (replacing an earlier assignment), or unassigns them (null). */
export async function setAssignments(
  db: Kysely<Database>,
  worklistId: string,
  memberIds: readonly string[],
  staffId: string | null,
  by: string,
): Promise<void> {
  if (memberIds.length === 0) return;
  if (staffId === null) {
    await db.deleteFrom('worklist_assignments').where('worklist_id', '=', worklistId).where('member_id', 'in', memberIds).execute();
    return;
  }
  await db
    .insertInto('worklist_assignments')
    .values(memberIds.map((member_id) => ({ member_id, worklist_id: worklistId, staff_id: staffId, assigned_by: by })))
    .onConflict((oc) =>
      oc.columns(['member_id', 'worklist_id']).doUpdateSet((eb) => ({
        staff_id: eb.ref('excluded.staff_id'),
        assigned_by: eb.ref('excluded.assigned_by'),
        assigned_at: new Date(),
      })),
    )
    .execute();
}

/** Which of these ids are members, and whether the staff member exists. */
export async function knownIds(
  db: Kysely<Database>,
  memberIds: readonly string[],
  staffId: string | null,
): Promise<{ members: Set<string>; staff: boolean }> {
  const members = memberIds.length ? await db.selectFrom('members').select('member_id').where('member_id', 'in', memberIds).execute() : [];
  const staff =
    staffId === null || (await db.selectFrom('staff').select('staff_id').where('staff_id', '=', staffId).executeTakeFirst()) !== undefined;
  return { members: new Set(members.map((m) => m.member_id)), staff };
}
