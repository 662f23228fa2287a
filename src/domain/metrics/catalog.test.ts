import { describe, expect, it } from 'vitest';
import { PRINCIPLES } from '../ledger/vocabulary.js';
import { directionFor, isSuppressible, METRICS } from './catalog.js';
import { APPENDED_FACT_COLUMNS, FACT_LOOK_BACKS } from './facts.sql.js';
import { measuresOf } from './measures.sql.js';
import { verdictOf } from './verdict.js';

describe('the metric catalog', () => {
  it('keys every metric and measure uniquely (what contracts and the cube refer to)', () => {
    const keys = METRICS.map((m) => m.key);
    expect(new Set(keys).size).toBe(keys.length);
    const measures = measuresOf(METRICS);
    expect(new Set(measures.map((m) => m.key)).size).toBe(measures.length);
    expect(new Set(measures.map((m) => m.alias)).size).toBe(measures.length);
    for (const m of measures) expect(m.alias, m.key).toMatch(/^[a-z0-9_]+$/);
  });

  it('reads member facts as f.<column>, which is how the cube finds the measures new actions change', () => {
    // cubeChangeOfAddedActions moves only the measures that read an action count as `f.<column>`:
    // one read any other way would silently never move when actions are added.
    for (const m of METRICS.filter((x) => x.grain === 'members')) {
      for (const aggregate of [m.numerator, m.denominator ?? '']) {
        for (const column of APPENDED_FACT_COLUMNS) {
          const reads = aggregate.match(new RegExp(`[\\w.]*\\b${column}\\b`, 'g')) ?? [];
          for (const read of reads) expect(read, `${m.key}: ${aggregate}`).toBe(`f.${column}`);
        }
      }
    }
  });

  it('adds new actions to every fact that looks back at them, so appending never recomputes members', () => {
    for (const l of FACT_LOOK_BACKS) expect(APPENDED_FACT_COLUMNS, l.fact).toContain(l.fact);
  });

  it('says how each metric is shown and what its counts count', () => {
    for (const m of METRICS) {
      expect(m.label.length, m.key).toBeGreaterThan(0);
      expect(m.label.length, m.key).toBeLessThanOrEqual(34);
      if (m.kind === 'rate') expect(m.counts.denominator, m.key).toBeDefined();
      else expect(m.format, m.key).toMatch(/^(count|hours)$/);
    }
  });

  it('has every principle measured by its actions and staff hours', () => {
    for (const p of PRINCIPLES) {
      const measured = METRICS.filter((m) => m.principle === p && m.tracking === 'measured');
      expect(measured.map((m) => m.format).sort()).toEqual(['count', 'hours']);
    }
  });

  it('suppresses counts of members and their events, not of staff, campaigns or minutes', () => {
    expect(['members', 'actions', 'member_months', 'renewals'].every((u) => isSuppressible(u as never))).toBe(true);
    expect(['staff', 'campaigns', 'minutes'].some((u) => isSuppressible(u as never))).toBe(false);
    expect(isSuppressible(undefined)).toBe(false);
  });

  it('gives every benchmarked metric a direction, and reads a status by it', () => {
    for (const m of METRICS) expect(Boolean(m.direction), m.key).toBe(Boolean(m.benchmark));
    // Issue 15: 201 low-risk members per case manager against a cap of 250 is not an alarm.
    expect(verdictOf('below', 'cap')).toEqual({ tone: 'good', label: 'Within cap' });
    expect(verdictOf('above', 'cap').tone).toBe('gap');
    expect(verdictOf('below', 'higher')).toEqual({ tone: 'gap', label: 'Below benchmark' });
    expect(verdictOf('above', 'higher')).toEqual({ tone: 'good', label: 'Above benchmark' });
    expect(verdictOf('above', 'lower').tone).toBe('gap');
    expect(verdictOf('within', 'lower').tone).toBe('good');
    // High-risk caseloads are a band: the worklist flags both sides, over it is the gap.
    const caseload = METRICS.find((m) => m.id === 'members_per_case_manager')!;
    expect([directionFor(caseload, 'high'), directionFor(caseload, 'low')]).toEqual(['range', 'cap']);
    expect(verdictOf('below', 'range')).toEqual({ tone: 'watch', label: 'Under range' });
    expect(verdictOf('above', 'range').tone).toBe('gap');
  });
});
