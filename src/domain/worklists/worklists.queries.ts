// The only SQL that runs a worklist: its definition's body over the parameters CTE, sorted,
// counted and paged.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { paramsCte, prioritySelect, type WorklistDefinition, type WorklistParams } from './worklists.definitions.js';

export interface WorklistPaging {
  /** A column of the definition's `sorts` (checked by the caller). */
  sort: string;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
  /** Equality filters on detail columns of the definition (checked by the caller), e.g. county. */
  filters?: Readonly<Record<string, string>>;
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
  const direction = paging.order === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST';
  // Member lists are ranked (priority, priority_reasons) whatever they are sorted by.
  const ranked = w.subject === 'member' ? prioritySelect() : 'SELECT w.* FROM w';
  const filters = Object.entries(paging.filters ?? {});
  if (filters.some(([c]) => !w.columns.includes(c))) throw new Error('unknown filter column');
  const where = filters.length
    ? sql.join(
        filters.map(([c, v]) => sql`${sql.ref(`s.${c}`)} = ${v}`),
        sql` AND `,
      )
    : sql`true`;
  const { rows } = await sql<Record<string, unknown>>`
    WITH ${paramsCte(params)}, w AS (${sql.raw(w.body())}), s AS (${sql.raw(ranked)})
    SELECT s.*, count(*) OVER () AS total FROM s WHERE ${where}
    ORDER BY ${sql.raw(`s.${column} ${direction}`)}, s.subject_id
    LIMIT ${paging.limit} OFFSET ${paging.offset}`.execute(db);
  return { rows, total: rows.length > 0 ? Number(rows[0]!.total) : 0 };
}
