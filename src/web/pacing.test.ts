import { describe, expect, it } from 'vitest';
import type { Row } from './api';
import { elapsedShare, paceOf } from './pacing';

const row = (over: Partial<Row>): Row => ({
  metric: 'contact_rate',
  principle: 1,
  period: '2026',
  segment: 'line_of_business',
  segment_value: 'medicaid',
  tier: null,
  numerator: 240,
  denominator: 1000,
  value: 0.24,
  per_1000: null,
  benchmark: { low: 0.3, high: 0.3, applies_to: 'medicaid', per: 'year' },
  status: 'below',
  ...over,
});

describe('pacing against a benchmark stated per year (issue 15)', () => {
  it('measures the share of the year gone by, to the end of today', () => {
    expect(elapsedShare(2026, new Date(2026, 0, 1))).toBeCloseTo(1 / 365);
    expect(elapsedShare(2026, new Date(2026, 6, 2))).toBeCloseTo(183 / 365);
    expect(elapsedShare(2025, new Date(2026, 0, 5))).toBe(1);
    expect(elapsedShare(2027, new Date(2026, 0, 5))).toBe(0);
  });

  it('reads the year to date against the benchmark prorated to today', () => {
    // 26 Nov: 330 of 365 days, so 30% a year needs 27.1% by now; 24% is behind.
    const pace = paceOf(row({}), new Date(2026, 10, 26))!;
    expect(pace.text).toBe('2026 to date: 24.0%. Pace for 30% a year (medicaid): 27.1% by 26 Nov');
    expect(pace.verdict).toEqual({ tone: 'gap', label: 'Behind pace' });
    // Early in the year the same 24% is ahead of the line.
    expect(paceOf(row({}), new Date(2026, 5, 30))!.verdict).toEqual({ tone: 'good', label: 'On pace' });
  });

  it('judges a year that is over by the full benchmark, and nothing where the benchmark is about others', () => {
    expect(paceOf(row({ period: '2025' }), new Date(2026, 10, 26))).toEqual({
      text: '2025: 24.0% against 30% a year (medicaid)',
      verdict: { tone: 'gap', label: 'Missed for the year' },
    });
    const whole = paceOf(row({ segment: 'all', segment_value: 'all', status: null }), new Date(2026, 10, 26))!;
    expect(whole.verdict).toBeNull();
    expect(paceOf(row({ benchmark: { low: 0.15, high: 0.15, applies_to: null, per: null } }), new Date(2026, 10, 26))).toBeNull();
    expect(paceOf(row({ period: '2027' }), new Date(2026, 10, 26))).toBeNull();
  });
});
