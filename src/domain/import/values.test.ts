import { describe, expect, it } from 'vitest';
import {
  parseBoolean,
  parseDate,
  parseEnum,
  parseId,
  parseIdList,
  parseTimestamp,
  parseWholeNumber,
  timestampHasOffset,
  ValueError,
} from './values.js';

const reason = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValueError) return e.message;
    throw e;
  }
  return 'accepted';
};

describe('cell values', () => {
  it('accepts real calendar dates only', () => {
    expect(parseDate('2024-02-29')).toBe('2024-02-29');
    expect(reason(() => parseDate('2025-02-29'))).toBe('is not a real calendar date');
    // Centuries are leap years only every 400 years; months end on their own day.
    expect(parseDate('2000-02-29')).toBe('2000-02-29');
    expect(reason(() => parseDate('2100-02-29'))).toBe('is not a real calendar date');
    expect(parseDate('2025-12-31')).toBe('2025-12-31');
    expect(reason(() => parseDate('2025-04-31'))).toBe('is not a real calendar date');
    expect(reason(() => parseDate('2025-2-1'))).toBe('must be a date YYYY-MM-DD');
  });

  it('accepts ISO 8601 timestamps with or without an offset, and refuses impossible times', () => {
    for (const ok of ['2025-03-04T14:05:00Z', '2025-03-04 14:05', '2025-03-04T14:05:00.123456-05:00', '2025-03-04T14:05:00+0530'])
      expect(parseTimestamp(ok), ok).toBe(ok);
    expect(reason(() => parseTimestamp('2025-03-04T24:00:00Z'))).toBe('is not a real time of day');
    expect(reason(() => parseTimestamp('2025-03-04T10:00:00+16:00'))).toBe('has an impossible UTC offset');
    expect(reason(() => parseTimestamp('04/03/2025'))).toMatch(/^must be an ISO 8601 timestamp/);
  });

  it('tells a timestamp that names its offset from one read in the plan time zone', () => {
    for (const zoned of [
      '2025-03-04T14:05:00Z',
      '2025-03-04t14:05z',
      '2025-03-04T14:05:00.5-05:00',
      '2025-03-04 14:05+0530',
      '2025-03-04T14:05-03',
    ])
      expect(timestampHasOffset(zoned), zoned).toBe(true);
    for (const local of ['2025-03-04T14:05:00', '2025-03-04 14:05', '2025-12-31T23:59:59.999999'])
      expect(timestampHasOffset(local), local).toBe(false);
  });

  it('refuses moments before 1900 or more than a day ahead', () => {
    expect(reason(() => parseTimestamp('1899-12-31T23:59:00Z'))).toBe('is before 1900');
    const soon = new Date(Date.now() + 20 * 3_600_000).toISOString();
    const later = new Date(Date.now() + 40 * 3_600_000).toISOString();
    expect(reason(() => parseTimestamp(soon))).toBe('accepted');
    expect(reason(() => parseTimestamp(later))).toBe('is more than a day in the future');
  });

  it('bounds ids, whole numbers and booleans', () => {
    expect(parseId('x'.repeat(64))).toHaveLength(64);
    expect(reason(() => parseId('x'.repeat(65)))).toBe('is longer than 64 characters');
    expect(parseWholeNumber('007')).toBe('7');
    expect(reason(() => parseWholeNumber('-1'))).toBe('must be a whole number ≥ 0');
    expect(reason(() => parseWholeNumber('2147483648'))).toBe('must be a whole number ≥ 0');
    expect(parseBoolean('TRUE')).toBe('true');
    expect(reason(() => parseBoolean('yes'))).toBe('must be true or false');
  });

  it('matches listed values case-insensitively and names the allowed ones', () => {
    const allowed = new Set(['high', 'low']);
    expect(parseEnum('High', allowed)).toBe('high');
    expect(reason(() => parseEnum('medium', allowed))).toBe('must be one of high, low');
  });

  it('writes id lists as array literals, quoting what needs it', () => {
    expect(parseIdList('P1; P2;;')).toBe('{"P1","P2"}');
    expect(parseIdList('a"b')).toBe('{"a\\"b"}');
    expect(parseIdList('')).toBe('{}');
  });
});
