import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeSelectList, type Measure } from './measures.sql.js';

// Rows of one period (months), as they are now (a, b) with what was just added to each (added_a, added_b): among them a
// member whose a goes from 0 to 2, one with nothing added, one only in b, and an empty tier.
const ROWS = `(1, 'high', 2, 5, 2, 0), (1, 'high', 3, 0, 0, 0), (1, 'low', 7, 4, 3, 4), (1, 'low', 0, 1, 0, 1), (1, 'medium', 4, 4, 1, 1)`;

const SHAPES: Record<string, string> = {
  members_with: 'count(*) FILTER (WHERE f.a > 0)',
  sum_in_tier: `COALESCE(sum(f.a) FILTER (WHERE f.tier = 'high'), 0)`,
  sum_of_expression: 'COALESCE(sum(f.a + 2 * f.b), 0)',
  sum_filtered_by_changed: 'COALESCE(sum(f.b) FILTER (WHERE f.a > 2), 0)',
  two_counts: 'count(*) FILTER (WHERE f.a > 0) + count(*) FILTER (WHERE f.b > 3)',
  unchanged: `count(*) FILTER (WHERE f.tier = 'low') * {months}`,
  empty_tier: `COALESCE(sum(f.a) FILTER (WHERE f.tier = 'none'), 0)`,
};

const measures: Measure[] = Object.entries(SHAPES).map(([key, numerator]) => ({
  metric: { key, numerator } as never,
  tier: null,
  key,
  alias: key,
}));
const before = new Map([
  ['a', 'f.a - f.added_a'],
  ['b', 'f.b - f.added_b'],
]);

let db: PGlite;
beforeAll(async () => {
  db = new PGlite();
  await db.exec(`CREATE TABLE f (months int, tier text, a bigint, b bigint, added_a bigint, added_b bigint);
    INSERT INTO f VALUES ${ROWS}`);
});
afterAll(() => db.close());

describe('the measures’ change when action counts are added', () => {
  it('equals each aggregate now minus the same aggregate before, shape by shape', async () => {
    const change = await db.query<Record<string, string>>(
      `SELECT ${changeSelectList(measures, 'f.months', before)} FROM f GROUP BY f.months`,
    );
    const asIs = Object.entries(SHAPES)
      .map(([k, v]) => `${v.replaceAll('{months}', 'f.months')} AS ${k}`)
      .join(', ');
    const now = await db.query<Record<string, string>>(`SELECT ${asIs} FROM f GROUP BY f.months`);
    const was = await db.query<Record<string, string>>(
      `SELECT ${asIs} FROM (SELECT months, tier, a - added_a AS a, b - added_b AS b FROM f) f GROUP BY f.months`,
    );
    for (const key of Object.keys(SHAPES)) {
      expect(Number(change.rows[0]![key]), key).toBe(Number(now.rows[0]![key]) - Number(was.rows[0]![key]));
    }
    // Not vacuous: most shapes move on these rows.
    expect(Object.keys(SHAPES).filter((k) => Number(change.rows[0]![k]) !== 0).length).toBeGreaterThanOrEqual(5);
  });

  it('computes the common shapes with one aggregate and the rest with two', () => {
    const list = changeSelectList(measures, 'f.months', before);
    const aggregatesOf = (key: string): number => {
      const column = list.split(',\n').find((c) => c.endsWith(` AS ${key}`))!;
      return (column.match(/\b(sum|count)\(/g) ?? []).length;
    };
    expect(aggregatesOf('members_with')).toBe(1);
    expect(aggregatesOf('sum_in_tier')).toBe(1);
    expect(aggregatesOf('sum_of_expression')).toBe(1);
    expect(aggregatesOf('sum_filtered_by_changed')).toBe(2);
    expect(aggregatesOf('two_counts')).toBe(4);
    expect(aggregatesOf('unchanged')).toBe(0);
  });
});
