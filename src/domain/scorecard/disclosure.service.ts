// What a reader may see of scorecard rows. Plan staff see everything; a partner sees the counts
// that suppression.ts leaves published, decided over every cell of the year it could request
// (all periods, the whole plan, every segment and every contract population), so that no two answers can be combined to
// recover a hidden count. Rates and per-1,000 figures built on a hidden count are hidden with it.
import { createHash } from 'node:crypto';
import type { Db } from '../../db/connect.js';
import type { Principal as Actor } from '../auth/permissions.js';
import { isPlanWide, isSuppressible, METRICS, type MetricDefinition } from '../metrics/catalog.js';
import { measuresOf } from '../metrics/measures.sql.js';
import { parsePeriod } from '../metrics/periods.js';
import { CONTRACT_SEGMENT, CUBE_SEGMENTS } from '../metrics/segments.js';
import { readCubeYear } from '../rollups/rollups.service.js';
import { periodsOfYear } from '../rollups/cube.sql.js';
import { definitionOf, shapeRows, type ScorecardRow } from './scorecard.service.js';
import { cellKey, suppressedCells, SUPPRESSED, type Cell } from './suppression.js';

/** A scorecard row as a given reader may see it. */
export type VisibleRow = Omit<ScorecardRow, 'numerator' | 'denominator'> & {
  numerator: number | typeof SUPPRESSED | null;
  denominator: number | typeof SUPPRESSED | null;
};

type Part = 'n' | 'd';
const columnOf = (metric: MetricDefinition, tier: string | null, part: Part): string => `${metric.key}${tier ? `.${tier}` : ''}|${part}`;

/** The members of the row's population (E(P) of its segment value): the denominator of a whole-population rate. */
const POPULATION = METRICS.find((m) => m.denominator === 'count(*)' && !m.splitByTier)!;

/** The published counts of some rows, as cells. */
function cellsOf(rows: readonly ScorecardRow[], catalog: readonly MetricDefinition[]): Cell[] {
  const cells: Cell[] = [];
  for (const row of rows) {
    const metric = definitionOf(row, catalog);
    const period = parsePeriod(row.period);
    // Literals rather than a spread of shared fields: a year of cells is hundreds of thousands,
    // and V8 spreads a small object in microseconds.
    const cell = (part: Part, count: number, unit: Cell['unit']): Cell => ({
      period: period.label,
      periodKind: period.kind,
      months: period.months,
      segment: row.segment,
      segmentValue: row.segment_value,
      column: columnOf(metric, row.tier, part),
      count,
      unit,
    });
    const sameUnit = metric.counts.numerator === metric.counts.denominator;
    if (isSuppressible(metric.counts.numerator) && row.numerator !== null) {
      const n = cell('n', row.numerator, metric.counts.numerator);
      if (sameUnit && row.denominator !== null) n.denominatorOfSameUnit = row.denominator;
      cells.push(n);
    }
    if (metric.counts.denominator && isSuppressible(metric.counts.denominator) && row.denominator !== null)
      cells.push(cell('d', row.denominator, metric.counts.denominator));
  }
  return cells;
}

/** The hidden cells of the last few (year, cube) states asked about. */
const recent = new Map<string, Set<string>>();
const RECENT_YEARS = 8;

/**
 * The cells to hide for a year: every scorecard of the year a partner could request, read from the
 * rollups in one query. null where the year is not in the rollups (or the catalog is not the
 * plan's): then every count of members or events is hidden, rather than computing a year live.
 */
async function hiddenInYear(db: Db, year: number, catalog: readonly MetricDefinition[]): Promise<Set<string> | null> {
  if (!catalog.every((m) => METRICS.includes(m))) return null;
  const cube = await readCubeYear(db.kysely, year);
  if (!cube) return null;
  // The same cube gives the same answer: computed once per year and state of the cube.
  const fingerprint = `${year}:${createHash('sha256')
    .update(JSON.stringify([...cube]))
    .digest('hex')}`;
  const known = recent.get(fingerprint);
  if (known) return known;
  // Plan-wide metrics count staff and campaigns: nothing to suppress, so no plan-wide counts needed.
  const measures = measuresOf(METRICS.filter((m) => !isPlanWide(m)));
  const rows: ScorecardRow[] = [];
  for (const period of periodsOfYear(year))
    for (const segment of [null, ...CUBE_SEGMENTS])
      rows.push(...shapeRows(measures, cube.get(`${period.label}|${segment ?? 'all'}`) ?? [], {}, period, segment));
  const hidden = suppressedCells(cellsOf(rows, METRICS));
  recent.set(fingerprint, hidden);
  if (recent.size > RECENT_YEARS) recent.delete(recent.keys().next().value!);
  return hidden;
}

/** The rows as `actor` may see them. */
export async function visibleTo(
  db: Db,
  actor: Actor,
  rows: readonly ScorecardRow[],
  catalog: readonly MetricDefinition[] = METRICS,
): Promise<VisibleRow[]> {
  if (actor.role !== 'partner') return [...rows];
  // Another partner's population is not a partner's business: by partner, a partner sees its own.
  const own = actor.partnerId ?? '';
  rows = rows.filter((r) => (r.segment !== 'partner' && r.segment !== CONTRACT_SEGMENT) || r.segment_value.split('|')[0] === own);
  const hiddenByYear = new Map<number, Set<string> | null>();
  for (const year of new Set(rows.map((r) => Number(r.period.slice(0, 4))))) hiddenByYear.set(year, await hiddenInYear(db, year, catalog));
  return rows.map((row) => {
    const metric = definitionOf(row, catalog);
    const hidden = hiddenByYear.get(Number(row.period.slice(0, 4)));
    const at = { period: parsePeriod(row.period).label, segment: row.segment, segmentValue: row.segment_value };
    const isHidden = (part: Part, n: number | null): boolean => {
      const unit = part === 'n' ? metric.counts.numerator : metric.counts.denominator;
      if (!isSuppressible(unit) || n === null) return false;
      // Without the year's cells, hide every count but zero; with them, exactly what suppression chose.
      return hidden ? hidden.has(cellKey({ ...at, column: columnOf(metric, row.tier, part) })) : n !== 0;
    };
    const numeratorHidden = isHidden('n', row.numerator);
    const denominatorHidden = isHidden('d', row.denominator);
    // A per-1,000 figure with its numerator reveals the population, so it goes with a hidden population.
    const populationHidden = hidden ? hidden.has(cellKey({ ...at, column: columnOf(POPULATION, null, 'd') })) : true;
    if (!numeratorHidden && !denominatorHidden) return populationHidden && row.per_1000 !== null ? { ...row, per_1000: null } : row;
    return {
      ...row,
      numerator: numeratorHidden ? SUPPRESSED : row.numerator,
      denominator: denominatorHidden ? SUPPRESSED : row.denominator,
      value: null,
      per_1000: null,
      status: null,
    };
  });
}
