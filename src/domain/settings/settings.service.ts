// Plan-level settings kept in the database, so every process (CLI, server) sees the same values.
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/database.js';
import { DomainError } from '../errors.js';
import { allSettingRows, settingValue, timezoneKnown, upsertSetting } from './settings.queries.js';

export const SETTING_KEYS = ['timezone', 'priority.1', 'priority.2', 'priority.3', 'priority.4'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

const DEFAULTS: Record<SettingKey, string> = {
  timezone: 'UTC',
  'priority.1': 'medium',
  'priority.2': 'medium',
  'priority.3': 'medium',
  'priority.4': 'medium',
};

/** A setting's stored value (null when never set) or its default. */
export function settingOrDefault(key: SettingKey, stored: string | null | undefined): string {
  return stored ?? DEFAULTS[key];
}

export function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key);
}

async function validate(db: Db, key: SettingKey, value: string): Promise<string> {
  if (key === 'timezone') {
    if (!(await timezoneKnown(db.kysely, value)))
      throw new DomainError('invalid_setting', `unknown time zone "${value}" (use an IANA name such as America/Chicago)`);
    return value;
  }
  if (!['low', 'medium', 'high'].includes(value)) {
    throw new DomainError('invalid_setting', `${key} must be low, medium or high`);
  }
  return value;
}

export async function getSetting(db: Db, key: SettingKey): Promise<string> {
  return readSetting(db.kysely, key);
}

/** A setting read inside a transaction (or any Kysely handle). */
export async function readSetting(db: Kysely<Database>, key: SettingKey): Promise<string> {
  return settingOrDefault(key, await settingValue(db, key));
}

export async function getAllSettings(db: Db): Promise<Record<SettingKey, string>> {
  const rows = await allSettingRows(db.kysely);
  const result = { ...DEFAULTS };
  for (const row of rows) if (isSettingKey(row.key)) result[row.key] = row.value;
  return result;
}

export async function setSetting(db: Db, key: SettingKey, value: string): Promise<void> {
  const checked = await validate(db, key, value);
  await upsertSetting(db.kysely, key, checked);
}

/** Today's date in the plan's time zone: the default day of worklists and caseloads. */
export function todayIn(timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}
