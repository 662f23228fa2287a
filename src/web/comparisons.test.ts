import { describe, expect, it } from 'vitest';
import type { Row } from './api';
import { changeText, comparedPeriods, comparisonLine, periodsWithActions } from './comparisons';

const row = (period: string, value: number | null): Row => ({
  metric: 'contact_rate',
  principle: 1,
  period,
  segment: 'all',
  segment_value: 'all',
  tier: null,
  numerator: null,
  denominator: null,
  value,
  per_1000: null,
  benchmark: null,
  status: null,
});

describe('comparisons with earlier periods (issue 15)', () => {
  it('finds the prior period and the same period a year before', () => {
    expect(comparedPeriods('2026-01')).toEqual({ prior: '2025-12', lastYear: '2025-01' });
    expect(comparedPeriods('2026-Q1')).toEqual({ prior: '2025-Q4', lastYear: '2025-Q1' });
    expect(comparedPeriods('2026')).toEqual({ prior: '2025', lastYear: null });
  });

  it('writes a change in points for a share and in the unit otherwise', () => {
    expect(changeText(0.243, 0.231, 'percent')).toBe('+1.2 pts');
    expect(changeText(0.231, 0.243, 'percent')).toBe('−1.2 pts');
    expect(changeText(0.2431, 0.2432, 'percent')).toBe('no change');
    expect(changeText(32, 35, 'count')).toBe('−3');
    expect(changeText(1200, 200, 'count')).toBe('+1,000');
    expect(changeText(5, null, 'count')).toBeNull();
  });

  it('puts both on one line, leaving out a period with no value', () => {
    const history = [row('2025-10', 0.3), row('2026-09', 0.25), row('2026-10', 0.26)];
    const all = new Set(['2025-10', '2026-09', '2026-10']);
    expect(comparisonLine(row('2026-10', 0.26), history, 'percent', all)).toBe('vs 2026-09: +1.0 pts · vs 2025-10: −4.0 pts');
    expect(comparisonLine(row('2026-10', 0.26), [row('2025-10', null)], 'percent', all)).toBeNull();
    // A period in which the plan logged nothing is not a baseline.
    expect(comparisonLine(row('2026-10', 0.26), history, 'percent', new Set(['2026-09']))).toBe('vs 2026-09: +1.0 pts');
  });

  it('knows the periods the ledger has actions in', () => {
    const actions = (period: string, value: number): Row => ({ ...row(period, value), metric: 'principle_actions' });
    expect([...periodsWithActions([actions('2025-10', 0), actions('2025-11', 3), row('2025-10', 0.2)])]).toEqual(['2025-11']);
  });
});
