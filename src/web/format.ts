// How the web app shows numbers, as the metric catalog (/api/metrics) says: percent, ratio,
// count or hours. The vocabulary comes from the server's own modules, so the options offered
// here are the values the API accepts.
import type { Status } from '../domain/ledger/vocabulary';
import { verdictOf, type Direction } from '../domain/metrics/verdict';
import type { Metric, Row } from './api';

type Format = Metric['format'];

export function formatValue(row: Pick<Row, 'value'>, format: Format): string {
  if (row.value === null) return '—';
  if (format === 'hours') return row.value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (format === 'count') return row.value.toLocaleString('en-US');
  // A ratio of people to people (members per case manager): one decimal is all it can mean.
  if (format === 'ratio') return row.value.toLocaleString('en-US', { maximumFractionDigits: row.value < 10 ? 2 : 1 });
  return formatPercent(row.value);
}

/** A share as a percentage; a small non-zero share keeps two significant digits (3 of 18,597 is 0.016%, not 0.0%). */
export function formatPercent(share: number): string {
  const pct = share * 100;
  if (pct !== 0 && Math.abs(pct) < 0.1) return `${pct.toPrecision(2)}%`;
  return `${pct.toFixed(1)}%`;
}

/** "1 action", "2 actions". */
export const plural = (n: number, word: string, many = `${word}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;

/** Percentages are charted as 0–100; ratios and counts as they are. */
export const chartScale = (v: number | null, format: Format): number | null =>
  v === null ? null : format === 'percent' ? +(v * 100).toFixed(2) : v;

export function formatBenchmark(benchmark: Row['benchmark'], format: Format): string | null {
  const b = benchmark;
  if (!b) return null;
  const f = (v: number): string => (format === 'percent' ? `${+(v * 100).toFixed(1)}%` : String(v));
  const range = b.low === b.high ? f(b.low) : `${f(b.low)}–${f(b.high)}`;
  return `${range}${b.per === 'year' ? ' a year' : ''}${b.applies_to ? ` (${b.applies_to})` : ''}`;
}

/**
 * A status as a badge that says what it means (issue 15): coloured by the metric's direction,
 * not by position, so a caseload under its cap is green and a contact rate below its benchmark red.
 */
export function statusBadge(status: Status, direction: Direction | null): { color: string; label: string } {
  if (!direction) return { color: 'gray', label: label(status) };
  const v = verdictOf(status, direction);
  return { color: TONE_COLOR[v.tone], label: v.label };
}

const TONE_COLOR = { good: 'green', gap: 'red', watch: 'orange' } as const;

/** The direction of a metric's benchmark for a row's tier, as the catalog gives it. */
export const directionOf = (metric: Metric, tier: string | null): Direction | null =>
  metric.benchmarks.find((b) => b.tier === tier)?.direction ?? null;

export const label = (s: string): string => s.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** The month before the current one: demo data runs through it. */
export function lastFullMonth(now = new Date()): string {
  const idx = now.getFullYear() * 12 + now.getMonth() - 1;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

/** The month of today, which the period pickers offer too (its figures are month to date). */
export function currentMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

export type PeriodKind = 'month' | 'quarter' | 'year';

/** A period picker's choices up to the one holding today, which says it is not over. */
export function periodOptions(kind: PeriodKind, selected: string): { value: string; label: string }[] {
  const values = periodChoices(kind, currentMonth());
  if (!values.includes(selected)) values.push(selected);
  const now = values[0]!;
  return values.map((v) => ({ value: v, label: v === now ? `${v} (to date)` : v }));
}

/** The periods to offer in the picker, newest first, ending with the one holding `month`. */
export function periodChoices(kind: PeriodKind, month: string, count = kind === 'year' ? 4 : kind === 'quarter' ? 8 : 24): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    if (kind === 'month') {
      const idx = y * 12 + (m - 1) - i;
      out.push(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`);
    } else if (kind === 'quarter') {
      const q = y * 4 + Math.floor((m - 1) / 3) - i;
      out.push(`${Math.floor(q / 4)}-Q${(q % 4) + 1}`);
    } else out.push(String(y - i));
  }
  return out;
}

/**
 * What to say when a period is not over (issue 15): its figures run to today, and a rate per
 * member-month divides by all of the period's months, so it is low until the period ends.
 */
export function inProgressNote(period: string, today = new Date()): string | null {
  const month = currentMonth(today);
  const kind = kindOf(period);
  if (period.toUpperCase() !== periodChoices(kind, month, 1)[0]) return null;
  const to = today.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  const months = kind === 'year' ? 12 : kind === 'quarter' ? 3 : 1;
  const rise = months > 1 ? ` Rates per member-month divide by all ${months} months of the ${kind}, so they rise as it goes on.` : '';
  return `${period} is not over: its figures run to ${to}.${rise}`;
}

export function kindOf(period: string): PeriodKind {
  return /Q/i.test(period) ? 'quarter' : period.length === 4 ? 'year' : 'month';
}

export const HEALTH_COLOR: Record<string, string> = { good: 'green', at_risk: 'yellow', poor: 'red' };
export const HEALTH_LABEL: Record<string, string> = { good: 'Good', at_risk: 'At risk', poor: 'Poor' };

/** "12 days ago", "today", "never". */
export function daysAgo(days: number | null): string {
  if (days === null) return 'never';
  if (days === 0) return 'today';
  return `${days} day${days === 1 ? '' : 's'} ago`;
}

/** One date format everywhere: 3 Mar 2025. */
export function formatDate(day: string | null | undefined): string {
  if (!day) return '—';
  const [y, m, d] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** A moment in the browser's time zone, in the same style: 3 Mar 2025, 14:05. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export const money = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : v.toLocaleString('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** Today as YYYY-MM-DD in the browser's time zone. */
export const todayLocal = (now = new Date()): string =>
  `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
