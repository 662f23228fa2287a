// The SQL of the Star Ratings: a release replaces the previous one in one transaction; reads by
// contract and the cut points of a measure.
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.js';
import type { CutPoint, StarContract, StarMeasure } from './star-files.js';

type Q = Kysely<Database>;
const CHUNK = 1000;

async function insertChunks<T extends 'star_contracts' | 'star_measures' | 'star_cut_points'>(
  trx: Q,
  table: T,
  rows: readonly Database[T][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK) as never)
      .execute();
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
