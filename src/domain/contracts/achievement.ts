// The arithmetic of a contract scorecard (SPEC.md §7.3), pure: how far a measure's value went
// from its threshold toward its target, and what the measures add up to.
import type { Direction } from '../ledger/vocabulary.js';

export interface MeasureTerms {
  direction: Direction;
  threshold: number;
  target: number;
  weight: number;
}

/** Achievement in [0, 1]; null for a null value. Threshold equal to target: 1 if the value meets it. */
export function achievement(value: number | null, m: Pick<MeasureTerms, 'direction' | 'threshold' | 'target'>): number | null {
  if (value === null) return null;
  const { threshold: t, target: g } = m;
  if (t === g) return (m.direction === 'higher' ? value >= g : value <= g) ? 1 : 0;
  const a = m.direction === 'higher' ? (value - t) / (g - t) : (t - value) / (t - g);
  return Math.min(1, Math.max(0, a));
}

export interface ContractTotals {
  score: number | null;
  coverage: number | null;
  earned_incentive: number | null;
}

/**
 * score = Σ weight·a / Σ weight over measures with an achievement; coverage = that weight over
 * all the year's weight; earned incentive = max_incentive × Σ weight·a / all the year's weight,
 * for year periods with a max_incentive only.
 */
export function contractTotals(
  measures: readonly { weight: number; achievement: number | null }[],
  maxIncentive: number | null,
  isYear: boolean,
): ContractTotals {
  let all = 0;
  let scored = 0;
  let earned = 0;
  for (const m of measures) {
    all += m.weight;
    if (m.achievement === null) continue;
    scored += m.weight;
    earned += m.weight * m.achievement;
  }
  return {
    score: scored > 0 ? earned / scored : null,
    coverage: all > 0 ? scored / all : null,
    earned_incentive: isYear && maxIncentive !== null && all > 0 ? (maxIncentive * earned) / all : null,
  };
}
