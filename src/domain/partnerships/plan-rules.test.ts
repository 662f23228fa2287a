import { describe, expect, it } from 'vitest';
import { checkResultPeriod, cyclePeriods, dueOn } from './assessment-cycles.js';
import { planProblem } from './plan-rules.js';

const phases = new Map([
  ['Y1', 1],
  ['Y2', 2],
]);
const plan = [
  { activity_id: 'A', phase_id: 'Y1', depends_on: [] },
  { activity_id: 'B', phase_id: 'Y1', depends_on: ['A'] },
  { activity_id: 'C', phase_id: 'Y2', depends_on: ['B'] },
];

describe('plan dependencies', () => {
  it('accepts an activity depending on earlier work', () => {
    expect(planProblem(plan, phases, { activity_id: 'D', phase_id: 'Y2', depends_on: ['A', 'C'] })).toBeNull();
  });
  it('refuses an activity depending on itself', () => {
    expect(planProblem(plan, phases, { activity_id: 'B', phase_id: 'Y1', depends_on: ['B'] })).toBe('activity B cannot depend on itself');
  });
  it('refuses a dependency on a later phase', () => {
    expect(planProblem(plan, phases, { activity_id: 'A', phase_id: 'Y1', depends_on: ['C'] })).toBe(
      'depends on C, which is in a later phase (Y2)',
    );
  });
  it('refuses a cycle within a phase and names it', () => {
    expect(planProblem(plan, phases, { activity_id: 'A', phase_id: 'Y1', depends_on: ['B'] })).toBe(
      'the dependencies would go round in a circle: A → B → A',
    );
  });
  it('refuses unknown activities and phases', () => {
    expect(planProblem(plan, phases, { activity_id: 'E', phase_id: 'Y1', depends_on: ['Z'] })).toBe(
      'depends on Z, which is not in the plan',
    );
    expect(planProblem(plan, phases, { activity_id: 'E', phase_id: 'Y9', depends_on: [] })).toBe('phase Y9 is not in the plan');
  });
});

describe('assessment cycles', () => {
  it('lists the ended periods of the partnership, and when each is due', () => {
    const quarters = cyclePeriods('quarter', '2025-02-10', null, '2025-10-01');
    expect(quarters.map((p) => p.label)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3']);
    expect(dueOn(quarters[0]!, 30)).toBe('2025-04-30');
    expect(cyclePeriods('year', '2024-06-01', '2024-12-31', '2026-11-26').map((p) => p.label)).toEqual(['2024']);
    // A period ending today is not over yet.
    expect(cyclePeriods('month', '2025-01-01', null, '2025-01-31')).toEqual([]);
  });
  it("refuses a result for a period outside the measure's cycle or the partnership", () => {
    expect(() => checkResultPeriod('2025-03', 'quarter', '2025-01-01', null, '2026-01-01')).toThrow(
      'period 2025-03 is a month; this measure is assessed every quarter',
    );
    expect(() => checkResultPeriod('2024-Q4', 'quarter', '2025-01-01', null, '2026-01-01')).toThrow('ended before the partnership began');
    expect(() => checkResultPeriod('2025-Q4', 'quarter', '2025-01-01', null, '2025-12-31')).toThrow('is not over yet');
    expect(checkResultPeriod('2025-q2', 'quarter', '2025-01-01', null, '2026-01-01').label).toBe('2025-Q2');
  });
});
