import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatPercent, formatValue, inProgressNote, plural, statusBadge } from './format';

describe('how the web app writes numbers (issue 15)', () => {
  it('keeps a small share visible instead of rounding it to 0.0%', () => {
    expect(formatPercent(3 / 18_597)).toBe('0.016%');
    expect(formatPercent(0)).toBe('0.0%');
    expect(formatPercent(0.3)).toBe('30.0%');
  });

  it('writes people per person with one decimal, small ratios with two', () => {
    expect(formatValue({ value: 201.5625 }, 'ratio')).toBe('201.6');
    expect(formatValue({ value: 1.25 }, 'ratio')).toBe('1.25');
  });

  it('agrees nouns with their number', () => {
    expect(plural(1, 'action')).toBe('1 action');
    expect(plural(1200, 'action')).toBe('1,200 actions');
  });

  it('colours a status by the metric direction', () => {
    expect(statusBadge('below', 'cap')).toEqual({ color: 'green', label: 'Within cap' });
    expect(statusBadge('below', 'higher')).toEqual({ color: 'red', label: 'Below benchmark' });
  });

  it('writes dates one way everywhere, with the time where a moment matters', () => {
    expect(formatDate('2025-03-03')).toBe('3 Mar 2025');
    expect(formatDateTime('2026-07-15T12:00:00Z')).toMatch(/^1[45] Jul 2026, \d{2}:\d{2}$/);
  });

  it('says when a period is not over, and that rates per member-month rise as it goes on', () => {
    const today = new Date(2026, 10, 26);
    expect(inProgressNote('2026-11', today)).toBe('2026-11 is not over: its figures run to 26 Nov.');
    expect(inProgressNote('2026-Q4', today)).toMatch(/^2026-Q4 is not over: its figures run to 26 Nov\. .*all 3 months of the quarter/);
    expect(inProgressNote('2026', today)).toMatch(/all 12 months of the year/);
    expect(inProgressNote('2026-10', today)).toBeNull();
    expect(inProgressNote('2025', today)).toBeNull();
  });
});
