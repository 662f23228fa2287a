import { describe, expect, it } from 'vitest';
import { cellKey, shownAlone, suppressedCells, type Cell } from './suppression.js';

const cell = (over: Partial<Cell>): Cell => ({
  column: 'reached|n',
  period: '2025-01',
  periodKind: 'month',
  months: 1,
  segment: 'sex',
  segmentValue: 'F',
  count: 50,
  unit: 'members',
  ...over,
});
const keys = (cells: Cell[], hidden: Set<string>): string[] => cells.filter((c) => hidden.has(cellKey(c))).map((c) => c.segmentValue);

describe('small-cell suppression', () => {
  it('hides a small cell and the smallest sibling, so the total minus the others gives nothing away', () => {
    const cells = [
      cell({ segment: 'all', segmentValue: 'all', count: 125 }),
      cell({ segmentValue: 'F', count: 70 }),
      cell({ segmentValue: 'M', count: 50 }),
      cell({ segmentValue: 'X', count: 5 }),
    ];
    expect(keys(cells, suppressedCells(cells))).toEqual(['M', 'X']);
  });

  it('hides the total when every other cell is zero', () => {
    const cells = [
      cell({ segment: 'all', segmentValue: 'all', count: 4 }),
      cell({ segmentValue: 'F', count: 4 }),
      cell({ segmentValue: 'M', count: 0 }),
    ];
    expect(keys(cells, suppressedCells(cells))).toEqual(['all', 'F']);
  });

  it('protects a month of events inside its quarter, and counts member-months as members', () => {
    const months = ['2025-01', '2025-02', '2025-03'].map((period, i) =>
      cell({ period, segment: 'all', segmentValue: period, count: [3, 40, 60][i]!, unit: 'actions' }),
    );
    const quarter = cell({
      period: '2025-Q1',
      periodKind: 'quarter',
      months: 3,
      segment: 'all',
      segmentValue: '2025-Q1',
      count: 103,
      unit: 'actions',
    });
    // Each its own segment value here, so only the time sum relates them.
    const byTime = [...months, quarter].map((c) => ({ ...c, segmentValue: 'v' }));
    const hidden = suppressedCells(byTime);
    expect(byTime.filter((c) => hidden.has(cellKey(c))).map((c) => c.period)).toEqual(['2025-01', '2025-02']);
    const memberMonths = cell({
      period: '2025-Q1',
      periodKind: 'quarter',
      months: 3,
      segment: 'all',
      segmentValue: 'all',
      count: 12,
      unit: 'member_months',
    });
    expect(suppressedCells([memberMonths]).size).toBe(1);
  });

  it('hides a numerator whose complement is small, and never a zero', () => {
    const reached = cell({ segment: 'all', segmentValue: 'all', count: 13, denominatorOfSameUnit: 21 });
    expect(suppressedCells([reached]).size).toBe(1);
    expect(suppressedCells([{ ...reached, count: 0, denominatorOfSameUnit: 3 }]).size).toBe(0);
  });

  it('a count no published sum contains is hidden only when small', () => {
    expect([0, 3, 10, 11].map(shownAlone)).toEqual([0, 'suppressed', 'suppressed', 11]);
  });
});
