import { describe, expect, it } from 'vitest';
import { METRICS } from '../metrics/catalog.js';
import { formatBenchmark, formatValue, toTable } from './scorecard.format.js';
import type { ScorecardRow } from './scorecard.service.js';

const row = (metric: string, principle: 1 | 2 | 3 | 4, value: number | null, extra: Partial<ScorecardRow> = {}): ScorecardRow => ({
  metric,
  principle,
  period: '2025-03',
  segment: 'all',
  segment_value: 'all',
  tier: null,
  numerator: value,
  denominator: null,
  value,
  per_1000: null,
  benchmark: null,
  status: null,
  ...extra,
});

describe('scorecard formatting', () => {
  it('shows a value as its catalog format says', () => {
    expect(formatValue(0.3333, 'percent')).toBe('33.3%');
    expect(formatValue(201.555, 'ratio')).toBe('201.56');
    expect(formatValue(12345, 'count')).toBe('12,345');
    expect(formatValue(7.25, 'hours')).toBe('7.3');
    expect(formatValue(null, 'percent')).toBe('—');
  });

  it('shows benchmarks as ranges with their population and period', () => {
    expect(formatBenchmark({ low: 0.3, high: 0.3, applies_to: 'medicaid', per: 'year' }, 'percent')).toBe('30%/yr medicaid');
    expect(formatBenchmark({ low: 20, high: 50, applies_to: null, per: null }, 'ratio')).toBe('20–50');
    expect(formatBenchmark(null, 'ratio')).toBe('');
  });

  it('labels table rows from the catalog, tiers included', () => {
    const mpcm = METRICS.find((m) => m.id === 'members_per_case_manager')!;
    const table = toTable([
      row('contact_rate', 1, 0.5, { numerator: 1, denominator: 2 }),
      row('members_per_case_manager', 2, 30, { tier: 'high', numerator: 60, denominator: 2 }),
      row('principle_staff_hours', 3, 2.5),
    ]);
    expect(table).toMatch(/^ {2}contact_rate +50\.0% +1\/2$/m);
    expect(table).toContain(`${mpcm.label} high`);
    expect(table).toMatch(/^ {2}staff hours +2\.5$/m);
  });
});
