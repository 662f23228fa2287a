import { describe, expect, it } from 'vitest';
import type { Row } from './api';
import { disparities, wilson } from './disparity';

const row = (group: string, numerator: number, denominator: number): Row => ({
  metric: 'contact_rate',
  principle: 1,
  period: '2026-10',
  segment: 'race',
  segment_value: group,
  tier: null,
  numerator,
  denominator,
  value: numerator / denominator,
  per_1000: null,
  benchmark: null,
  status: null,
});

describe('the disparity view (issue 15)', () => {
  it('gives the 95% Wilson interval of a share', () => {
    // 81 of 263: the textbook example, 0.2553–0.3662 (Newcombe 1998).
    const [lo, hi] = wilson(81, 263);
    expect(lo).toBeCloseTo(0.2553, 3);
    expect(hi).toBeCloseTo(0.3662, 3);
    expect(wilson(0, 10)[0]).toBe(0);
  });

  it('measures each group against the best group and the plan, and says when a gap is more than noise', () => {
    const rows = [row('white', 300, 1000), row('black', 200, 1000), row('asian', 3, 10)];
    const [white, black, asian] = disparities(rows, 0.25, true);
    expect(white).toMatchObject({ rate: 0.3, gapToBest: 0, ratioToBest: 1, beyondNoise: true });
    expect(black!.gapToBest).toBeCloseTo(-0.1);
    expect(black!.ratioToBest).toBeCloseTo(2 / 3);
    expect(black!.gapToPlan).toBeCloseTo(-0.05);
    expect(black!.beyondNoise).toBe(true);
    // 3 of 10 is as far above the plan as white, but ten people cannot tell it from chance.
    expect(asian!.beyondNoise).toBe(false);
  });

  it('flags a group whose gap to the plan widened on the worse side since the prior period', () => {
    const now = [row('black', 200, 1000), row('white', 300, 1000)];
    const before = [row('black', 230, 1000), row('white', 290, 1000)];
    const [black, white] = disparities(now, 0.25, true, before, 0.26);
    expect(black!.widened).toBe(true); // 3 points under the plan, now 5
    expect(white!.widened).toBe(false); // above the plan: no gap to widen
    expect(disparities(now, 0.25, true)[0]!.widened).toBe(false);
  });
});
