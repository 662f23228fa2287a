// CMS Star Ratings in Diplomat: load a release's tables from a directory, read a payer's
// Medicare Advantage contracts (summary and measure stars), and turn a value into stars with a
// measure's cut points (a contract measure's value, or what a partner reports).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../db/connect.js';
import { DomainError } from '../errors.js';
import { cutPoints, measureStars, readGrid, starsFor, summaryRatings, type StarContract, type StarMeasure } from './star-files.js';
import { queryCutPointMeasures, queryCutPoints, queryStarContracts, queryStarMeasures, replaceStarRatings } from './stars.queries.js';

const TABLES = {
  summary: /Summary Ratings/i,
  stars: /Measure Stars/i,
  data: /Measure Data/i,
  partC: /Part C Cut Points/i,
  partD: /Part D Cut Points/i,
} as const;

export interface StarLoad {
  contracts: number;
  measures: number;
  measuresWithoutStars: number;
  cutPoints: number;
}

/** Loads the five tables of a Star Ratings release from `dir`, replacing the previous release. */
export async function loadStarRatings(db: Db, dir: string): Promise<StarLoad> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    throw new DomainError('unknown_file', `${dir}: no such directory`);
  }
  const grid = (key: keyof typeof TABLES) => {
    const name = names.find((n) => TABLES[key].test(n) && n.toLowerCase().endsWith('.csv'));
    if (!name) throw new DomainError('unknown_file', `${dir}: no "${TABLES[key].source}" table (a CSV of CMS's Star Ratings data tables)`);
    return readGrid(readFileSync(join(dir, name), 'utf8'));
  };
  const contracts = summaryRatings(grid('summary'));
  const measures = measureStars(grid('stars'), grid('data'));
  const cuts = [...cutPoints(grid('partC'), 'C'), ...cutPoints(grid('partD'), 'D')];
  await replaceStarRatings(db.kysely, contracts, measures, cuts);
  return {
    contracts: contracts.length,
    measures: measures.length,
    measuresWithoutStars: measures.filter((m) => m.stars === null).length,
    cutPoints: cuts.length,
  };
}

export async function starContracts(db: Db, ids: readonly string[]): Promise<(StarContract & { measures: StarMeasure[] })[]> {
  const [contracts, measures] = await Promise.all([queryStarContracts(db.kysely, ids), queryStarMeasures(db.kysely, ids)]);
  return contracts.map((c) => ({ ...c, measures: measures.filter((m) => m.contract_id === c.contract_id) }));
}

/** Stars for a value of a Star measure (Part D measures need the organization type, MA-PD or PDP). */
export interface StarsOfValue {
  measure_code: string;
  measure_name: string;
  org_type: string;
  value: number;
  stars: number | null;
}

export async function convertToStars(db: Db, q: { measure_code: string; value: number; org_type?: string }): Promise<StarsOfValue> {
  const orgType = q.measure_code.startsWith('D') ? (q.org_type ?? 'MA-PD') : '';
  const cuts = await queryCutPoints(db.kysely, q.measure_code, orgType);
  if (cuts.length === 0)
    throw new DomainError('not_found', `no cut points for ${q.measure_code}${orgType ? ` (${orgType})` : ''}: load the Star Ratings first`);
  return {
    measure_code: q.measure_code,
    measure_name: cuts[0]!.measure_name,
    org_type: orgType,
    value: q.value,
    stars: starsFor(q.value, cuts),
  };
}

export async function starMeasureChoices(db: Db): Promise<{ measure_code: string; measure_name: string; org_type: string }[]> {
  return queryCutPointMeasures(db.kysely);
}
