import { describe, expect, it } from 'vitest';
import { bandOf, CASELOAD_BENCHMARK, guidanceCountsFor, RENEWAL_GUIDANCE_WINDOW_DAYS, sqlList } from './rules.js';

describe('rules', () => {
  it('judges a caseload against its range, and nothing when there is none', () => {
    expect(bandOf(0, CASELOAD_BENCHMARK.high)).toBeNull();
    expect(bandOf(19, CASELOAD_BENCHMARK.high)).toBe('below');
    expect(bandOf(20, CASELOAD_BENCHMARK.high)).toBe('within');
    expect(bandOf(50, CASELOAD_BENCHMARK.high)).toBe('within');
    expect(bandOf(51, CASELOAD_BENCHMARK.high)).toBe('above');
    expect(bandOf(250, CASELOAD_BENCHMARK.low)).toBe('within');
    expect(bandOf(251, CASELOAD_BENCHMARK.low)).toBe('above');
  });

  it('builds SQL lists of vocabulary values only', () => {
    expect(sqlList(['outreach', 'hra_call'])).toBe("('outreach', 'hra_call')");
    expect(() => sqlList(["x') OR true --"])).toThrow(/not a vocabulary value/);
  });

  it('writes the renewal window into the SQL that counts guidance', () => {
    const text = guidanceCountsFor('g', 'r.due_on', 'p.tz');
    expect(text).toContain(`(r.due_on - ${RENEWAL_GUIDANCE_WINDOW_DAYS})::timestamp AT TIME ZONE p.tz`);
    expect(text).toContain('(r.due_on + 1)::timestamp AT TIME ZONE p.tz');
  });
});
