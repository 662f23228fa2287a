// Parsers for the cell types of SPEC.md §1. Each returns the value as COPY should receive it,
// or throws a ValueError whose message is the reason shown to the user.

export class ValueError extends Error {}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-](\d{2})(?::?(\d{2}))?)?$/i;
const INT_RE = /^\d+$/;
const MAX_INT = 2_147_483_647;
export const MAX_ID_LENGTH = 64;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
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
