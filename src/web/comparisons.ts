// Comparisons on every card and chart (issue 15): the prior period and the same period a year
// before, in the metric's own terms — points for a share, its unit otherwise. Pure.
import { parsePeriod, shiftPeriod } from '../domain/metrics/periods';
import type { Metric, Row } from './api';
import { formatValue } from './format';

/** The prior period and the same period a year before (null for a year: its prior period is last year). */
export function comparedPeriods(period: string): { prior: string; lastYear: string | null } {
  const p = parsePeriod(period);
  const prior = shiftPeriod(p, -1).label;
  return { prior, lastYear: p.kind === 'year' ? null : shiftPeriod(p, p.kind === 'month' ? -12 : -4).label };
}

/** How many periods of history reach back to the same period a year before. */
export const HISTORY_FOR_COMPARISONS = 13;

/** "+1.2 pts", "−3", "no change"; null when either side has no value. */
export function changeText(now: number | null, before: number | null, format: Metric['format']): string | null {
  if (now === null || before === null) return null;
  const d = now - before;
  const sign = d > 0 ? '+' : '−';
  if (format === 'percent') {
    const pts = Math.abs(d * 100);
    return pts < 0.05 ? 'no change' : `${sign}${pts.toFixed(1)} pts`;
  }
  const size = formatValue({ value: Math.abs(d) }, format);
  return Number(size.replace(/,/g, '')) === 0 ? 'no change' : `${sign}${size}`;
}

/**
 * The periods in which the plan logged any action (any principle's action count above 0). A period
 * before the ledger starts reads as 0% everywhere; comparing with it would only say "we had no data".
 */
export function periodsWithActions(rows: readonly Row[]): Set<string> {
  return new Set(rows.filter((r) => r.metric === 'principle_actions' && (r.value ?? 0) > 0).map((r) => r.period));
}

/**
 * "vs 2026-09: +1.2 pts · vs 2025-10: −0.4 pts" for a row, from history rows of the same metric and
 * tier, leaving out periods outside `withData` (periodsWithActions).
 */
export function comparisonLine(row: Row, history: readonly Row[], format: Metric['format'], withData: ReadonlySet<string>): string | null {
  const { prior, lastYear } = comparedPeriods(row.period);
  const parts = [prior, lastYear].flatMap((label) => {
    if (!label || !withData.has(label)) return [];
    const then = history.find((h) => h.period === label);
    const text = then ? changeText(row.value, then.value, format) : null;
    return text ? [`vs ${label}: ${text}`] : [];
  });
  return parts.length ? parts.join(' · ') : null;
}
