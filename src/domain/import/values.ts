// Parsers for the cell types of SPEC.md §1. Each returns the value as COPY should receive it,
// or throws a ValueError whose message is the reason shown to the user.

export class ValueError extends Error {}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-](\d{2})(?::?(\d{2}))?)?$/i;
const INT_RE = /^\d+$/;
const MAX_INT = 2_147_483_647;
export const MAX_ID_LENGTH = 64;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** In the proleptic Gregorian calendar, as PostgreSQL counts; arithmetic, where a Date per row cost 0.5 µs. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

function checkCalendarDate(y: string, m: string, d: string): void {
  const year = Number(y);
  const month = Number(m);
  const day = Number(d);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new ValueError('is not a real calendar date');
  }
}

export function parseDate(raw: string): string {
  const m = DATE_RE.exec(raw);
  if (!m) throw new ValueError('must be a date YYYY-MM-DD');
  checkCalendarDate(m[1]!, m[2]!, m[3]!);
  return raw;
}

/** Whether a valid timestamp (parseTimestamp) names its offset; one without is read in the plan's time zone by COPY. */
export function timestampHasOffset(value: string): boolean {
  // Past the date (10 characters) a valid timestamp has a sign or a Z only in its offset; no
  // second regex match per row on the import's hot path.
  const last = value.charCodeAt(value.length - 1);
  return last === 90 || last === 122 || value.indexOf('+', 10) > 0 || value.indexOf('-', 10) > 0;
}

/** ISO 8601 timestamp; one without an offset is read in the plan's time zone by COPY. */
export function parseTimestamp(raw: string): string {
  const m = TIMESTAMP_RE.exec(raw);
  if (!m) throw new ValueError('must be an ISO 8601 timestamp like 2025-03-04T14:05:00Z');
  checkCalendarDate(m[1]!, m[2]!, m[3]!);
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || (m[6] !== undefined && Number(m[6]) > 59)) {
    throw new ValueError('is not a real time of day');
  }
  if (m[8] !== undefined && (Number(m[8]) > 15 || (m[9] !== undefined && Number(m[9]) > 59))) {
    throw new ValueError('has an impossible UTC offset');
  }
  checkPlausibleMoment(m);
  return raw;
}

/**
 * Something the plan did or a member did happened between 1900 and now: a later timestamp (beyond
 * a day, time zones included) is a typo or a clock error, and would count in periods to come.
 */
function checkPlausibleMoment(m: RegExpExecArray): void {
  if (Number(m[1]) < 1900) throw new ValueError('is before 1900');
  // Read as UTC: an offset-less time is in the plan's zone, at most 14 hours from UTC.
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (utc > Date.now() + (24 + 14) * 3_600_000) throw new ValueError('is more than a day in the future');
}

export function parseId(raw: string): string {
  if (raw.length > MAX_ID_LENGTH) throw new ValueError(`is longer than ${MAX_ID_LENGTH} characters`);
  return raw;
}

export function parseWholeNumber(raw: string): string {
  if (!INT_RE.test(raw) || Number(raw) > MAX_INT) throw new ValueError('must be a whole number ≥ 0');
  return String(Number(raw));
}

export function parseBoolean(raw: string): string {
  const v = raw.toLowerCase();
  if (v !== 'true' && v !== 'false') throw new ValueError('must be true or false');
  return v;
}

/** Listed values match case-insensitively and are stored in their canonical lower case. */
export function parseEnum(raw: string, allowed: ReadonlySet<string>): string {
  const v = raw.toLowerCase();
  if (!allowed.has(v)) throw new ValueError(`must be one of ${[...allowed].join(', ')}`);
  return v;
}

/** `;`-separated ids, as a PostgreSQL array literal for COPY. */
export function parseIdList(raw: string): string {
  const ids = raw
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const id of ids) parseId(id);
  return `{${ids.map((id) => `"${id.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A decimal number (a target, a weight, a dollar amount, a reported value), optionally bounded
 * below: `min` inclusive, or strictly above `min` when `exclusive`.
 */
export function parseDecimal(raw: string, min?: number, exclusive = false): string {
  const v = Number(raw);
  if (!DECIMAL_RE.test(raw) || !Number.isFinite(v)) throw new ValueError('must be a number');
  if (min !== undefined && (exclusive ? v <= min : v < min)) throw new ValueError(`must be ${exclusive ? '>' : '≥'} ${min}`);
  return String(v);
}

/** A calendar year 1900–9999 (a contract measure set's year). */
export function parseYear(raw: string): string {
  if (!/^\d{4}$/.test(raw) || Number(raw) < 1900) throw new ValueError('must be a calendar year like 2025');
  return raw;
}

/** A period of SPEC.md §3, stored in its canonical spelling: 2025-03, 2025-Q1 or 2025. */
export function parsePeriodText(raw: string): string {
  const t = raw.toUpperCase();
  const month = /^(\d{4})-(\d{2})$/.exec(t);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12 && Number(month[1]) >= 1900) return t;
  const other = /^(\d{4})(-Q[1-4])?$/.exec(t);
  if (other && Number(other[1]) >= 1900) return t;
  throw new ValueError('must be a period: a month 2025-03, a quarter 2025-Q1 or a year 2025');
}
