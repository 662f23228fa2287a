// Pacing for benchmarks stated per year (a contact rate of "30% a year") when the view is a month
// or quarter, or a year not yet over: SPEC gives such rows no status, and a month's rate cannot be
// judged against a year's. The app instead reads the year to date against the annual benchmark
// prorated to the share of the year gone by (a straight line from 0 on 1 January) — a heuristic,
// said as such on the screen. A year that is over is read against the full benchmark, by its
// own SPEC status. Pure, so it is unit-tested.
import type { Row } from './api';
import { formatBenchmark, formatPercent } from './format';

export interface Pace {
  /** What the line says, e.g. "2026 to date: 24.1%. Pace for 30% a year: 27.2% by 26 Nov". */
  text: string;
  /** null where the benchmark is about another population (e.g. Medicaid only): no verdict. */
  verdict: { tone: 'good' | 'gap'; label: string } | null;
}

const DAY = 86_400_000;

/** The share of `year` gone by at the end of `today` (0 before it, 1 after it). */
export function elapsedShare(year: number, today: Date): number {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()) + DAY;
  return Math.min(1, Math.max(0, (now - start) / (end - start)));
}

/** Whether a benchmark speaks of this row's population (SPEC §5: applies_to names a line of business). */
const appliesTo = (row: Row): boolean =>
  row.benchmark?.applies_to == null || (row.segment === 'line_of_business' && row.segment_value === row.benchmark.applies_to);

/** The pace of a year's row (the cube's year period) against its annual benchmark, as of `today`. */
export function paceOf(yearRow: Row | undefined, today: Date): Pace | null {
  const b = yearRow?.benchmark;
  if (!yearRow || !b || b.per !== 'year' || yearRow.value === null) return null;
  const year = Number(yearRow.period);
  const share = elapsedShare(year, today);
  if (share === 0) return null;
  const value = formatPercent(yearRow.value);
  const goal = formatBenchmark(b, 'percent')!;
  if (share === 1) {
    const verdict =
      !appliesTo(yearRow) || !yearRow.status ? null : yearRow.value >= b.low ? good('Met for the year') : gap('Missed for the year');
    return { text: `${year}: ${value} against ${goal}`, verdict };
  }
  const needed = b.low * share;
  const by = today.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  const verdict = !appliesTo(yearRow) ? null : yearRow.value >= needed ? good('On pace') : gap('Behind pace');
  return { text: `${year} to date: ${value}. Pace for ${goal}: ${formatPercent(needed)} by ${by}`, verdict };
}

const good = (label: string) => ({ tone: 'good' as const, label });
const gap = (label: string) => ({ tone: 'gap' as const, label });
