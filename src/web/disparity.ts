// The disparity view of a metric (issue 15): per group of a segment, its rate, the gap and ratio
// to the best group and to the whole plan, a 95% Wilson interval, whether the gap to the plan is
// more than noise (the plan's rate lies outside the group's interval), and whether that gap
// widened since the prior period. For shares of members (a numerator and a denominator of
// people); pure, so it is unit-tested.
import type { Row } from './api';

export interface Disparity {
  group: string;
  numerator: number;
  denominator: number;
  rate: number;
  interval: [number, number];
  gapToBest: number;
  ratioToBest: number | null;
  gapToPlan: number;
  ratioToPlan: number | null;
  /** The plan's rate lies outside the group's 95% interval. */
  beyondNoise: boolean;
  /** Further from the plan, on the worse side, than in the prior period (by at least a point). */
  widened: boolean;
}

/** The 95% Wilson score interval of x successes in n. */
export function wilson(x: number, n: number, z = 1.96): [number, number] {
  if (n === 0) return [0, 1];
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

const counts = (r: Row): { x: number; n: number } | null =>
  typeof r.numerator === 'number' && typeof r.denominator === 'number' && r.denominator > 0 ? { x: r.numerator, n: r.denominator } : null;

/**
 * `higherIsBetter` picks the best group and the worse side of the plan. `prior` holds the same
 * segment's rows of the prior period and `priorPlan` the plan's rate then.
 */
export function disparities(
  rows: readonly Row[],
  plan: number,
  higherIsBetter: boolean,
  prior: readonly Row[] = [],
  priorPlan: number | null = null,
): Disparity[] {
  const groups = rows.flatMap((r) => {
    const c = counts(r);
    return c ? [{ group: r.segment_value, ...c, rate: c.x / c.n }] : [];
  });
  if (groups.length === 0) return [];
  const best = (higherIsBetter ? Math.max : Math.min)(...groups.map((g) => g.rate));
  const worse = (gap: number): number => (higherIsBetter ? -gap : gap); // how far on the worse side
  return groups.map((g) => {
    const interval = wilson(g.x, g.n);
    const gapToPlan = g.rate - plan;
    const then = prior.find((r) => r.segment_value === g.group);
    const thenCounts = then ? counts(then) : null;
    const priorGap = thenCounts && priorPlan !== null ? thenCounts.x / thenCounts.n - priorPlan : null;
    return {
      group: g.group,
      numerator: g.x,
      denominator: g.n,
      rate: g.rate,
      interval,
      gapToBest: g.rate - best,
      ratioToBest: best > 0 ? g.rate / best : null,
      gapToPlan,
      ratioToPlan: plan > 0 ? g.rate / plan : null,
      beyondNoise: plan < interval[0] || plan > interval[1],
      widened: priorGap !== null && worse(gapToPlan) > 0 && worse(gapToPlan) - Math.max(0, worse(priorGap)) >= 0.01,
    };
  });
}
