// Reading CMS's Medicare Part C & D Star Ratings data tables (the yearly "Star Ratings Data
// Table" CSVs) as CMS publishes them: a title row before the headers, two or three header rows
// (domain, measure, measurement period), cells padded with spaces, words where numbers are
// missing ("Not enough data available", "Plan not required to report measure", "."), values with
// "%" and cut points written as ranges ("< 58 %", ">= 58 % to < 71 %", "> 0.71 to <= 1.34").
// Pure: rows in, records out; the caller reads the files.
import { csvGrid } from '../import/csv-text.js';

export type Grid = string[][];

export function readGrid(text: string): Grid {
  const grid = csvGrid(text);
  // CMS pads cells inside quotes too ("CHA HMO, INC. "): trim every cell, not only unquoted ones.
  return grid.map((row) => row.map((cell) => cell.trim()));
}

/** A number from a cell ("76%", "3.5", "0.16"), or null with the cell's words kept by the caller. */
export function numberOf(cell: string | undefined): { value: number | null; percent: boolean } {
  const text = (cell ?? '').trim();
  const m = /^(-?\d+(?:\.\d+)?)\s*(%)?$/.exec(text);
  return m ? { value: Number(m[1]), percent: m[2] === '%' } : { value: null, percent: false };
}

export interface StarContract {
  contract_id: string;
  organization_type: string;
  contract_name: string;
  marketing_name: string;
  parent_organization: string;
  part_c_summary: number | null;
  part_d_summary: number | null;
  overall: number | null;
  /** The words CMS gives where a summary has no number, e.g. "Not enough data available". */
  note: string | null;
}

/** The "Summary Ratings" table: one row per Medicare contract. */
export function summaryRatings(grid: Grid): StarContract[] {
  const header = grid[1] ?? [];
  const col = (re: RegExp): number => header.findIndex((h) => re.test(h));
  const at = {
    id: col(/^Contract Number$/i),
    type: col(/^Organization Type$/i),
    name: col(/^Contract Name$/i),
    marketing: col(/^Organization Marketing Name$/i),
    parent: col(/^Parent Organization$/i),
    c: col(/Part C Summary$/i),
    d: col(/Part D Summary$/i),
    overall: col(/Overall$/i),
  };
  if (Object.values(at).some((i) => i < 0)) throw new Error('not a Star Ratings "Summary Ratings" table: its header row lacks a column');
  return grid.slice(2).flatMap((row) => {
    const id = row[at.id]?.trim();
    if (!id) return [];
    const words = [row[at.overall], row[at.c], row[at.d]].map((c) => (c ?? '').trim()).find((c) => c && numberOf(c).value === null);
    return [
      {
        contract_id: id,
        organization_type: row[at.type] ?? '',
        contract_name: row[at.name] ?? '',
        marketing_name: row[at.marketing] ?? '',
        parent_organization: row[at.parent] ?? '',
        part_c_summary: numberOf(row[at.c]).value,
        part_d_summary: numberOf(row[at.d]).value,
        overall: numberOf(row[at.overall]).value,
        note: words ?? null,
      },
    ];
  });
}

export interface StarMeasure {
  contract_id: string;
  measure_code: string;
  measure_name: string;
  stars: number | null;
  value: number | null;
  percent: boolean;
  /** The cell as CMS wrote it when it holds words, not a value. */
  raw: string | null;
}

const measureHeader = (cell: string): { code: string; name: string } | null => {
  const m = /^([CD]\d{2}):\s*(.+)$/.exec(cell.trim());
  return m ? { code: m[1]!, name: m[2]!.trim() } : null;
};

/** "Measure Stars" and "Measure Data" side by side: each contract's stars and value per measure. */
export function measureStars(stars: Grid, data: Grid): StarMeasure[] {
  const headers = (stars[2] ?? []).map((h) => measureHeader(h));
  const dataHeaders = (data[2] ?? []).map((h) => measureHeader(h)?.code ?? null);
  const values = new Map(data.slice(4).map((row) => [row[0]?.trim() ?? '', row]));
  const out: StarMeasure[] = [];
  for (const row of stars.slice(4)) {
    const id = row[0]?.trim();
    if (!id) continue;
    const dataRow = values.get(id) ?? [];
    headers.forEach((h, i) => {
      if (!h) return;
      const starCell = row[i] ?? '';
      const valueCell = dataRow[dataHeaders.indexOf(h.code)] ?? '';
      const value = numberOf(valueCell);
      const starsValue = numberOf(starCell).value;
      out.push({
        contract_id: id,
        measure_code: h.code,
        measure_name: h.name,
        stars: starsValue,
        value: value.value,
        percent: value.percent,
        raw: value.value === null ? valueCell || starCell || null : null,
      });
    });
  }
  return out;
}

export interface CutPoint {
  part: 'C' | 'D';
  /** '' for Part C (one set); MA-PD or PDP for Part D. */
  org_type: string;
  measure_code: string;
  measure_name: string;
  stars: number;
  lower: number | null;
  lower_inclusive: boolean;
  upper: number | null;
  upper_inclusive: boolean;
  percent: boolean;
}

type Bound = { op: string; value: number; percent: boolean };

function bound(text: string): Bound | null {
  const m = /^(<=|>=|<|>)\s*(-?\d+(?:\.\d+)?)\s*(%)?$/.exec(text.trim());
  return m ? { op: m[1]!, value: Number(m[2]), percent: m[3] === '%' } : null;
}

/** "< 58 %", ">= 58 % to < 71 %", "> 0.71 to <= 1.34" as a range; null when the cell holds words. */
export function cutRange(cell: string): Pick<CutPoint, 'lower' | 'lower_inclusive' | 'upper' | 'upper_inclusive' | 'percent'> | null {
  const parts = cell.split(/\s+to\s+/).map(bound);
  if (parts.length === 0 || parts.some((p) => p === null)) return null;
  const range = {
    lower: null as number | null,
    lower_inclusive: false,
    upper: null as number | null,
    upper_inclusive: false,
    percent: parts.some((p) => p!.percent),
  };
  for (const p of parts as Bound[]) {
    if (p.op.startsWith('>')) Object.assign(range, { lower: p.value, lower_inclusive: p.op === '>=' });
    else Object.assign(range, { upper: p.value, upper_inclusive: p.op === '<=' });
  }
  return range;
}

/** The Part C or Part D cut points table. Part D's first column is the organization type. */
export function cutPoints(grid: Grid, part: 'C' | 'D'): CutPoint[] {
  const first = part === 'D' ? 2 : 1;
  const headers = (grid[2] ?? []).map((h, i) => (i >= first ? measureHeader(h) : null));
  const out: CutPoint[] = [];
  for (const row of grid.slice(4)) {
    const starsCell = (row[first - 1] ?? '').trim();
    const stars = /^(\d)\s*star/i.exec(starsCell);
    if (!stars) continue;
    headers.forEach((h, i) => {
      const range = h ? cutRange(row[i] ?? '') : null;
      if (!h || !range) return;
      out.push({
        part,
        org_type: part === 'D' ? (row[0] ?? '').trim() : '',
        measure_code: h.code,
        measure_name: h.name,
        stars: Number(stars[1]),
        ...range,
      });
    });
  }
  return out;
}

/** The stars a value earns under a measure's cut points (a rate 0.72 is read as 72 for "%" cut points). */
export function starsFor(value: number, cuts: readonly CutPoint[]): number | null {
  for (const c of cuts) {
    const v = c.percent && Math.abs(value) <= 1 ? value * 100 : value;
    const aboveLower = c.lower === null || (c.lower_inclusive ? v >= c.lower : v > c.lower);
    const belowUpper = c.upper === null || (c.upper_inclusive ? v <= c.upper : v < c.upper);
    if (aboveLower && belowUpper) return c.stars;
  }
  return null;
}
