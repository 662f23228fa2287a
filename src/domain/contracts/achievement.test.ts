import { describe, expect, it } from 'vitest';
import { achievement, contractTotals } from './achievement.js';

describe('achievement (SPEC 7.3)', () => {
  it('runs from threshold to target and is clamped', () => {
    const higher = { direction: 'higher', threshold: 0.2, target: 0.4 } as const;
    expect(achievement(0.3, higher)).toBeCloseTo(0.5);
    expect(achievement(0.1, higher)).toBe(0);
    expect(achievement(0.9, higher)).toBe(1);
    const lower = { direction: 'lower', threshold: 60, target: 40 } as const;
    expect(achievement(52, lower)).toBeCloseTo(0.4);
    expect(achievement(70, lower)).toBe(0);
    expect(achievement(null, lower)).toBeNull();
  });
  it('is all or nothing when threshold equals target', () => {
    expect(achievement(5, { direction: 'lower', threshold: 5, target: 5 })).toBe(1);
    expect(achievement(5.01, { direction: 'lower', threshold: 5, target: 5 })).toBe(0);
    expect(achievement(0.5, { direction: 'higher', threshold: 0.5, target: 0.5 })).toBe(1);
    expect(achievement(0.49, { direction: 'higher', threshold: 0.5, target: 0.5 })).toBe(0);
  });
  it('adds up score, coverage and the incentive; a missing value earns nothing', () => {
    const measures = [
      { weight: 2, achievement: 0.5 },
      { weight: 1, achievement: 1 },
      { weight: 1, achievement: null },
    ];
    expect(contractTotals(measures, 40000, true)).toEqual({ score: 2 / 3, coverage: 0.75, earned_incentive: 20000 });
    expect(contractTotals(measures, 40000, false).earned_incentive).toBeNull();
    expect(contractTotals(measures, null, true).earned_incentive).toBeNull();
    expect(contractTotals([{ weight: 1, achievement: null }], 100, true)).toEqual({ score: null, coverage: 0, earned_incentive: 0 });
  });
});
