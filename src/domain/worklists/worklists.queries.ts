// The only SQL that runs a worklist: its definition's body over the parameters CTE, sorted,
// counted and paged.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import { paramsCte, type WorklistDefinition, type WorklistParams } from './worklists.definitions.js';

export interface WorklistPaging {
  /** A column of the definition's `sorts` (checked by the caller). */
  sort: string;
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
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
  const { rows } = await sql<Record<string, unknown>>`
    WITH ${paramsCte(params)}
    SELECT w.*, count(*) OVER () AS total FROM (${sql.raw(w.body())}) w
    ORDER BY ${sql.raw(`w.${column} ${direction}`)}, w.subject_id
    LIMIT ${paging.limit} OFFSET ${paging.offset}`.execute(db);
  return { rows, total: rows.length > 0 ? Number(rows[0]!.total) : 0 };
}
