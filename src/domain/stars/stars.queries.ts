// The SQL of the Star Ratings: a release replaces the previous one in one transaction; reads by
// contract and the cut points of a measure.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CutPoint, StarContract, StarMeasure } from './star-files.js';

type Q = Kysely<Database>;
const CHUNK = 10_000;

/**
 * Rows go in as one JSON parameter per chunk, expanded by json_populate_recordset: 34,605 measure
 * rows bound as seven parameters each took 1.8 s on the embedded database (part of the demo's
 * first start); the rows' keys are the table's columns, every one given.
 */
async function insertChunks<T extends 'star_contracts' | 'star_measures' | 'star_cut_points'>(
  trx: Q,
  table: T,
  rows: readonly Database[T][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const json = JSON.stringify(rows.slice(i, i + CHUNK));
    await sql`INSERT INTO ${sql.table(table)} SELECT * FROM json_populate_recordset(NULL::${sql.table(table)}, ${json}::json)`.execute(trx);
  }
}

export async function replaceStarRatings(db: Q, contracts: StarContract[], measures: StarMeasure[], cuts: CutPoint[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('star_measures').execute();
    await trx.deleteFrom('star_contracts').execute();
    await trx.deleteFrom('star_cut_points').execute();
    await insertChunks(trx, 'star_contracts', contracts);
    await insertChunks(trx, 'star_measures', measures);
    await insertChunks(trx, 'star_cut_points', cuts);
  });
}

export async function queryStarContracts(db: Q, ids: readonly string[]): Promise<StarContract[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('star_contracts').selectAll().where('contract_id', 'in', ids).orderBy('contract_id').execute();
}

export async function queryStarMeasures(db: Q, ids: readonly string[]): Promise<StarMeasure[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('star_measures')
    .selectAll()
    .where('contract_id', 'in', ids)
    .orderBy('contract_id')
    .orderBy('measure_code')
    .execute();
}

export async function queryCutPoints(db: Q, measureCode: string, orgType: string): Promise<CutPoint[]> {
  return db
    .selectFrom('star_cut_points')
    .selectAll()
    .where('measure_code', '=', measureCode)
    .where('org_type', '=', orgType)
    .orderBy('stars')
    .execute();
}

/** The measures with cut points, for a picker: code, name, and the organization types they apply to. */
export async function queryCutPointMeasures(db: Q): Promise<{ measure_code: string; measure_name: string; org_type: string }[]> {
  return db
    .selectFrom('star_cut_points')
    .select(['measure_code', 'measure_name', 'org_type'])
    .distinct()
    .orderBy('measure_code')
    .orderBy('org_type')
    .execute();
}
