// The only SQL of the actions area: finding and listing actions, their corrections, voids and
// the idempotency record of API recordings.
import { sql, type Kysely, type RawBuilder, type Selectable } from 'kysely';
import type { ActionCorrectionsTable, ActionsTable, Database } from '../../db/database.js';
import { actionReach } from '../metrics/facts.sql.js';
import type { ActionKey, ActionQuery } from './actions.schema.js';

type Q = Kysely<Database>;

export async function findAction(db: Q, actionId: string): Promise<Selectable<ActionsTable> | undefined> {
  return db.selectFrom('actions').selectAll().where('action_id', '=', actionId).executeTakeFirst();
}

export async function findActions(db: Q, actionIds: readonly string[]): Promise<Selectable<ActionsTable>[]> {
  return db.selectFrom('actions').selectAll().where('action_id', 'in', actionIds).execute();
}

// The stored answer keeps the HTTP status it was given (201 created, 200 already recorded).
export async function findIdempotency(
  db: Q,
  key: string,
): Promise<{ request_hash: string; created: boolean; response: unknown } | undefined> {
  const row = await db.selectFrom('api_idempotency').selectAll().where('key', '=', key).executeTakeFirst();
  return row && { request_hash: row.request_hash, created: row.status === 201, response: row.response };
}

export async function saveIdempotency(
  db: Q,
  row: { key: string; request_hash: string; created: boolean; response: string },
): Promise<void> {
  const { created, ...rest } = row;
  await db
    .insertInto('api_idempotency')
    .values({ ...rest, status: created ? 201 : 200 })
    .execute();
}

/** Which of these idempotency keys have a stored answer. */
export async function idempotencyKeysIn(db: Q, keys: readonly string[]): Promise<Set<string>> {
  const rows = await db.selectFrom('api_idempotency').select('key').where('key', 'in', keys).execute();
  return new Set(rows.map((r) => r.key));
}

/** The answers of a batch of new recordings (record-batch.ts), in one statement. */
export async function saveIdempotencies(db: Q, rows: readonly { key: string; request_hash: string; response: string }[]): Promise<void> {
  await db
    .insertInto('api_idempotency')
    .values(rows.map((r) => ({ ...r, status: 201 })))
    .execute();
}

/** Newest first; `after` is the last (occurred_at, action_id) of the previous page. */
export async function queryActions(
  db: Q,
  q: Omit<ActionQuery, 'cursor' | 'limit'>,
  timezone: string,
  after: ActionKey | undefined,
  limit: number,
): Promise<Selectable<ActionsTable>[]> {
  let query = db.selectFrom('actions').selectAll().orderBy('occurred_at', 'desc').orderBy('action_id', 'desc').limit(limit);
  if (q.member_id) query = query.where('member_id', '=', q.member_id);
  if (q.action_type) query = query.where('action_type', '=', q.action_type);
  if (q.staff_id) query = query.where('staff_id', '=', q.staff_id);
  if (!q.include_voided) query = query.where('voided_at', 'is', null);
  // Dates are calendar dates in the plan's time zone, as everywhere in the ledger.
  if (q.from) query = query.where(sql<boolean>`occurred_at >= (${q.from}::date::timestamp AT TIME ZONE ${timezone}::text)`);
  if (q.to) query = query.where(sql<boolean>`occurred_at < ((${q.to}::date + 1)::timestamp AT TIME ZONE ${timezone}::text)`);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('occurred_at', '<', new Date(after.t)),
        eb.and([eb('occurred_at', '=', new Date(after.t)), eb('action_id', '<', after.id)]),
      ]),
    );
  }
  return query.execute();
}

export async function correctionsOf(db: Q, actionId: string): Promise<Selectable<ActionCorrectionsTable>[]> {
  return db.selectFrom('action_corrections').selectAll().where('action_id', '=', actionId).orderBy('corrected_at').execute();
}

export interface CorrectionRow {
  member_id: string;
  correction_id: string;
  action_id: string;
  kind: 'correct' | 'void';
  before: string;
  after: string | null;
  reason: string;
  corrected_by: string;
}

export async function insertCorrection(db: Q, row: CorrectionRow): Promise<void> {
  await db.insertInto('action_corrections').values(row).execute();
}

export async function markVoided(db: Q, actionId: string, memberId: string): Promise<void> {
  await db
    .updateTable('actions')
    .set({ voided_at: new Date() })
    .where('action_id', '=', actionId)
    .where('member_id', '=', memberId)
    .execute();
}

/** For rollup upkeep: the member of an action and the local dates it can change facts for. */
export function actionTouches(actionId: string, memberId: string): (timezone: string) => RawBuilder<unknown> {
  return (timezone) => {
    const { lo, hi } = actionReach('a', sql`${timezone}::text`);
    return sql`SELECT a.member_id, ${lo}, ${hi} FROM actions a WHERE a.action_id = ${actionId} AND a.member_id = ${memberId}`;
  };
}
