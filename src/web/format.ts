// How the web app shows numbers: rates as percentages, ratios with two decimals, counts grouped.
import type { Row } from './api';

const RATIOS = new Set(['members_per_case_manager', 'contact_attempts_per_member_month']);

export function formatValue(row: Pick<Row, 'metric' | 'value' | 'denominator'>): string {
  if (row.value === null) return '—';
  if (row.metric === 'principle_staff_hours') return row.value.toLocaleString('en-US', { maximumFractionDigits: 1 });
  if (row.denominator === null) return row.value.toLocaleString('en-US');
  if (RATIOS.has(row.metric)) return row.value.toFixed(2);
  return `${(row.value * 100).toFixed(1)}%`;
}

export function formatBenchmark(row: Pick<Row, 'metric' | 'benchmark'>): string | null {
  const b = row.benchmark;
  if (!b) return null;
  const f = (v: number): string => (RATIOS.has(row.metric) ? String(v) : `${+(v * 100).toFixed(1)}%`);
  const range = b.low === b.high ? f(b.low) : `${f(b.low)}–${f(b.high)}`;
  return `${range}${b.per === 'year' ? ' a year' : ''}${b.applies_to ? ` (${b.applies_to})` : ''}`;
}

export const STATUS_COLOR: Record<string, string> = { below: 'red', within: 'green', above: 'orange' };

export const PRINCIPLE_NAMES: Record<number, string> = {
  1: 'Establish a lasting rapport',
  2: 'Create a coalition',
  3: 'Provide safe passage',
  4: 'Deploy power selectively',
};

export const SEGMENTS = ['line_of_business', 'product', 'risk_tier', 'county', 'age_band', 'sex', 'race', 'ethnicity', 'language'] as const;

export const label = (s: string): string => s.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** The month before the current one: demo data runs through it. */
export function lastFullMonth(now = new Date()): string {
  const idx = now.getFullYear() * 12 + now.getMonth() - 1;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}

export type PeriodKind = 'month' | 'quarter' | 'year';

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

export function kindOf(period: string): PeriodKind {
  return /Q/i.test(period) ? 'quarter' : period.length === 4 ? 'year' : 'month';
}
