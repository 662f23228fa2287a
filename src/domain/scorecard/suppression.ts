// Small-cell suppression as disclosure control practises it, for readers outside the plan
// (partners). A cell is one published count: a measure's numerator or denominator for one
// period, segment and segment value. Hiding only the small cells is not enough, because the
// published cells add up: a segment's values sum to the whole plan, and counts of events (actions,
// renewals) of the months sum to their quarter and the quarters to their year. A hidden cell that
// is the only hidden one of such a sum is its total minus the others. So, over all the cells of a
// year that a reader can request:
// 1. primary suppression: every count of members or events from 1 to 10 (member-months counted
//    as members: 12 member-months of a quarter are 4 members), and a non-zero numerator whose
//    complement (denominator − numerator, e.g. members not reached) is from 1 to 10. Zeros are
//    never hidden: nothing about a person is in them, and a sum of zeros gives them away anyway;
// 2. complementary suppression: while some sum has exactly one hidden cell, hide the smallest
//    other non-zero cell of that sum as well (deterministically, so every request of the year
//    hides the same cells and no two answers can be subtracted).
// Pure: the caller supplies the cells and publishes what this returns.
import { SMALL_CELL } from '../auth/permissions.js';
import type { CountUnit } from '../metrics/catalog.js';
import type { PeriodKind } from '../metrics/periods.js';

export interface Cell {
  /** The measure and part (numerator or denominator) the cell belongs to. */
  column: string;
  period: string;
  periodKind: PeriodKind;
  /** The period's months (a quarter: 3), for member-months. */
  months: number;
  segment: string;
  segmentValue: string;
  count: number;
  unit: CountUnit;
  /** The numerator's denominator, when both count the same unit: its complement is protected too. */
  denominatorOfSameUnit?: number;
}

/** Units whose counts add up over time: a quarter's count is its months' counts summed. */
const ADDITIVE_OVER_TIME: ReadonlySet<CountUnit> = new Set(['actions', 'renewals']);

export const cellKey = (c: Pick<Cell, 'column' | 'period' | 'segment' | 'segmentValue'>): string =>
  `${c.column}|${c.period}|${c.segment}|${c.segmentValue}`;

const isSmall = (n: number): boolean => n > 0 && n < SMALL_CELL;

/** What a partner sees in place of a count it may not see. */
export const SUPPRESSED = 'suppressed' as const;

/** A count that stands alone (no published sum contains it), as a partner may see it. */
export const shownAlone = (n: number): number | typeof SUPPRESSED => (isSmall(n) ? SUPPRESSED : n);

function isPrimary(cell: Cell): boolean {
  const people = cell.unit === 'member_months' ? Math.ceil(cell.count / cell.months) : cell.count;
  if (isSmall(people)) return true;
  // A zero numerator's complement is the denominator itself, which is protected as a cell of its own.
  return cell.count > 0 && cell.denominatorOfSameUnit !== undefined && isSmall(cell.denominatorOfSameUnit - cell.count);
}

/** The quarter (1–4) of a month period label `YYYY-MM`. */
const quarterOf = (label: string): string => `${label.slice(0, 4)}-Q${Math.floor((Number(label.slice(5, 7)) - 1) / 3) + 1}`;

/** The sums the cells take part in, each as the keys of its cells (total included). */
function sumsOf(cells: readonly Cell[]): string[][] {
  const groups = new Map<string, string[]>();
  const add = (group: string, cell: Cell): void => {
    const list = groups.get(group) ?? [];
    list.push(cellKey(cell));
    groups.set(group, list);
  };
  const segmentsOf = new Map<string, Set<string>>();
  for (const cell of cells) {
    const at = `${cell.column}|${cell.period}`;
    segmentsOf.set(at, (segmentsOf.get(at) ?? new Set()).add(cell.segment));
  }
  for (const cell of cells) {
    // A segment's values sum to the whole plan ('all') in the same period.
    const at = `${cell.column}|${cell.period}`;
    if (cell.segment !== 'all') add(`seg|${at}|${cell.segment}`, cell);
    else for (const segment of segmentsOf.get(at)!) if (segment !== 'all') add(`seg|${at}|${segment}`, cell);
    // Events of the months sum to their quarter, of the quarters to their year.
    if (ADDITIVE_OVER_TIME.has(cell.unit)) {
      const where = `${cell.column}|${cell.segment}|${cell.segmentValue}`;
      if (cell.periodKind === 'month') add(`time|${where}|${quarterOf(cell.period)}`, cell);
      if (cell.periodKind === 'quarter') add(`time|${where}|${cell.period}`, cell);
      if (cell.periodKind === 'quarter') add(`time|${where}|${cell.period.slice(0, 4)}`, cell);
      if (cell.periodKind === 'year') add(`time|${where}|${cell.period}`, cell);
    }
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/** The keys of the cells to hide: primary suppression, then complementary until no sum gives one away. */
export function suppressedCells(cells: readonly Cell[]): Set<string> {
  const byKey = new Map(cells.map((c) => [cellKey(c), c]));
  const hidden = new Set(cells.filter(isPrimary).map(cellKey));
  const sums = sumsOf(cells);
  for (let changed = true; changed;) {
    changed = false;
    for (const sum of sums) {
      if (sum.filter((k) => hidden.has(k)).length !== 1) continue;
      const partner = sum
        .filter((k) => !hidden.has(k) && byKey.get(k)!.count > 0)
        .sort((a, b) => byKey.get(a)!.count - byKey.get(b)!.count || a.localeCompare(b))[0];
      if (partner) {
        hidden.add(partner);
        changed = true;
      }
    }
  }
  return hidden;
}
