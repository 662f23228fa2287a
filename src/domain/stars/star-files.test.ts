// The CMS 2026 Star Ratings tables, read from the real files written outside this project.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cutPoints, cutRange, measureStars, readGrid, starsFor, summaryRatings } from './star-files.js';

// The real CMS files, as shipped in data/ (copied byte for byte from CMS's release).
const DIR = join(import.meta.dirname, '../../../data/cms-star-ratings-2026');
const read = (table: string) => readGrid(readFileSync(join(DIR, `2026 Star Ratings Data Table - ${table} (Oct 8 2025).csv`), 'utf8'));

describe('CMS Star Ratings tables', () => {
  it('reads the summary ratings past the title row, trims padded cells and keeps the words for missing ratings', () => {
    const contracts = summaryRatings(read('Summary Ratings'));
    expect(contracts).toHaveLength(769);
    expect(contracts.find((c) => c.contract_id === 'H0028')).toMatchObject({
      contract_name: 'CHA HMO, INC.',
      marketing_name: 'Humana',
      part_c_summary: 3.5,
      part_d_summary: 3,
      overall: 3.5,
    });
    expect(contracts.find((c) => c.contract_id === 'H0029')).toMatchObject({ overall: null, note: 'Not enough data available' });
    expect(contracts.find((c) => c.contract_id === 'E3014')).toMatchObject({
      part_c_summary: null,
      part_d_summary: 4.5,
      note: 'Not Applicable',
    });
  });

  it('pairs each measure star with its value', () => {
    const measures = measureStars(read('Measure Stars'), read('Measure Data'));
    const h0028 = measures.filter((m) => m.contract_id === 'H0028');
    expect(h0028.find((m) => m.measure_code === 'C01')).toMatchObject({
      measure_name: 'Breast Cancer Screening',
      stars: 4,
      value: 76,
      percent: true,
    });
    expect(h0028.find((m) => m.measure_code === 'C04')).toMatchObject({ stars: null, value: null, raw: 'Not enough data available' });
    expect(new Set(measures.map((m) => m.measure_code)).size).toBeGreaterThan(40);
  });

  it('parses cut points written as ranges, and turns a value into stars', () => {
    expect(cutRange('>= 58 % to < 71 %')).toEqual({ lower: 58, lower_inclusive: true, upper: 71, upper_inclusive: false, percent: true });
    expect(cutRange('> 0.71 to <= 1.34')).toEqual({
      lower: 0.71,
      lower_inclusive: false,
      upper: 1.34,
      upper_inclusive: true,
      percent: false,
    });
    expect(cutRange('Not Applicable')).toBeNull();
    const c = cutPoints(read('Part C Cut Points'), 'C');
    const c01 = c.filter((x) => x.measure_code === 'C01');
    expect(c01.map((x) => x.stars)).toEqual([1, 2, 3, 4, 5]);
    expect(c01[0]).toMatchObject({ upper: 58, upper_inclusive: false, lower: null });
    // H0028's breast cancer screening, 76%, is 4 stars in its Measure Stars row: the cut points agree.
    expect(starsFor(76, c01)).toBe(4);
    expect(starsFor(0.76, c01)).toBe(4);
    expect(starsFor(57.9, c01)).toBe(1);
    const d = cutPoints(read('Part D Cut Points'), 'D');
    expect(new Set(d.map((x) => x.org_type))).toEqual(new Set(['MA-PD', 'PDP']));
    // Lower is better for complaints (D02): more than 1.34 per 1,000 is one star.
    expect(
      starsFor(
        1.5,
        d.filter((x) => x.measure_code === 'D02' && x.org_type === 'MA-PD'),
      ),
    ).toBe(1);
  });
});
