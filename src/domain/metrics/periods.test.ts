import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { parsePeriod, shiftPeriod } from './periods.js';

describe('periods', () => {
  it('parses months, quarters and years with their first and last days', () => {
    expect(parsePeriod('2024-02')).toEqual({ label: '2024-02', kind: 'month', start: '2024-02-01', end: '2024-02-29', months: 1 });
    expect(parsePeriod('2025-q4')).toEqual({ label: '2025-Q4', kind: 'quarter', start: '2025-10-01', end: '2025-12-31', months: 3 });
    expect(parsePeriod(' 2025 ')).toEqual({ label: '2025', kind: 'year', start: '2025-01-01', end: '2025-12-31', months: 12 });
  });

  it('refuses what is not a period', () => {
    for (const bad of ['2025-13', '2025-00', '2025-Q5', '25', '2025-1', 'March', '0000', '0000-01', '0000-Q1'])
      expect(() => parsePeriod(bad), bad).toThrow(DomainError);
  });

  it('shifts by whole periods of the same kind, across year ends', () => {
    expect(shiftPeriod(parsePeriod('2025-01'), -1).label).toBe('2024-12');
    expect(shiftPeriod(parsePeriod('2025-Q1'), -1).label).toBe('2024-Q4');
    expect(shiftPeriod(parsePeriod('2025-Q3'), 2).label).toBe('2026-Q1');
    expect(shiftPeriod(parsePeriod('2025'), -3).label).toBe('2022');
    expect(shiftPeriod(parsePeriod('2025-03'), 0).label).toBe('2025-03');
  });

  it('does not walk before year 1 or past 9999', () => {
    expect(shiftPeriod(parsePeriod('0001-02'), -1).label).toBe('0001-01');
    expect(() => shiftPeriod(parsePeriod('0001-02'), -2)).toThrow(DomainError);
    expect(() => shiftPeriod(parsePeriod('9999-Q4'), 1)).toThrow(DomainError);
  });
});
