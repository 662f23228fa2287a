// The only SQL of plan settings, and the database's own list of time zones it knows.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

type Q = Kysely<Database>;

export async function settingValue(db: Q, key: string): Promise<string | undefined> {
  return (await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function allSettingRows(db: Q): Promise<{ key: string; value: string }[]> {
  return db.selectFrom('settings').select(['key', 'value']).execute();
}

export async function upsertSetting(db: Q, key: string, value: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() }))
    .execute();
}

/** The database does the time zone math, so it is the one to ask whether it knows a zone. */
export async function timezoneKnown(db: Q, name: string): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM pg_timezone_names WHERE name = ${name}`.execute(db);
  return Number(rows[0]?.n ?? 0) > 0;
}
