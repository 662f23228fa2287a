// Periods of SPEC.md §3: a month `2025-03`, a quarter `2025-Q1` or a year `2025`.
import { DomainError } from '../errors.js';

export type PeriodKind = 'month' | 'quarter' | 'year';

export interface Period {
  label: string;
  kind: PeriodKind;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day (inclusive), YYYY-MM-DD. */
  end: string;
  months: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const ymd = (y: number, m: number, d: number): string => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

function span(label: string, kind: PeriodKind, year: number, firstMonth: number, months: number): Period {
  const lastMonth = firstMonth + months - 1;
  return { label, kind, start: ymd(year, firstMonth, 1), end: ymd(year, lastMonth, lastDay(year, lastMonth)), months };
}

const YEARS = 'years 0001 to 9999';

export function parsePeriod(text: string): Period {
  const t = text.trim().toUpperCase();
  if (t.startsWith('0000')) throw new DomainError('invalid_period', `"${text}" is not a period: ${YEARS}`);
  let m = /^(\d{4})-(\d{2})$/.exec(t);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return span(t, 'month', Number(m[1]), Number(m[2]), 1);
  m = /^(\d{4})-Q([1-4])$/.exec(t);
  if (m) return span(t, 'quarter', Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 3);
  m = /^(\d{4})$/.exec(t);
  if (m) return span(t, 'year', Number(m[1]), 1, 12);
  throw new DomainError('invalid_period', `"${text}" is not a period: use a month 2025-03, a quarter 2025-Q1 or a year 2025`);
}

/** The period `count` steps before (negative) or after this one, of the same kind. */
export function shiftPeriod(period: Period, steps: number): Period {
  const [y, mo] = period.start.split('-').map(Number) as [number, number];
  const monthIndex = y * 12 + (mo - 1) + steps * period.months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  if (year < 1 || year > 9999) throw new DomainError('invalid_period', `${steps} periods from ${period.label} leaves ${YEARS}`);
  const y4 = pad(year, 4);
  if (period.kind === 'year') return parsePeriod(y4);
  if (period.kind === 'quarter') return parsePeriod(`${y4}-Q${(month - 1) / 3 + 1}`);
  return parsePeriod(`${y4}-${pad(month)}`);
}
