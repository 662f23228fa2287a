// The action ledger over the API. Recording runs the importer on one row, so a recorded action
// obeys exactly the rules of an imported one. Changes are corrections or voids: each is a row of
// action_corrections written in the same transaction as the change — never a silent edit.
import { createHash, randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { ActionsTable, Database } from '../../db/database.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { DomainError, RejectedError } from '../errors.js';
import { FILE_SPECS } from '../import/file-specs.js';
import { importSource } from '../import/import.service.js';
import { rowsSource } from '../import/record-source.js';
import { MemoryRejects } from '../import/rejects-writer.js';
import { beginUpkeep } from '../rollups/rollups.service.js';
import { getSetting } from '../settings/settings.service.js';
import type { Action, ActionInput, ActionQuery, CorrectionInput } from './actions.schema.js';

const ACTION_COLUMNS = FILE_SPECS.actions.columns.map((c) => c.name);

export function toApiAction(a: Selectable<ActionsTable>): Action {
  return {
    action_id: a.action_id,
    member_id: a.member_id === '' ? null : a.member_id,
    action_type: a.action_type,
    occurred_at: new Date(a.occurred_at).toISOString(),
    staff_id: a.staff_id,
    channel: a.channel,
    outcome: a.outcome,
    personalized: a.personalized,
    campaign_id: a.campaign_id,
    partner_id: a.partner_id,
    minutes: a.minutes,
    voided_at: a.voided_at ? new Date(a.voided_at).toISOString() : null,
  };
}

function toCsvRow(input: Record<string, unknown>, actionId: string): Record<string, string> {
  const text = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
  return Object.fromEntries(ACTION_COLUMNS.map((c) => [c, c === 'action_id' ? actionId : text(input[c])]));
}

function stableHash(value: unknown): string {
  const sorted = JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
  return createHash('sha256').update(sorted).digest('hex');
}

async function findAction(db: Kysely<Database>, actionId: string): Promise<Selectable<ActionsTable> | undefined> {
  return db.selectFrom('actions').selectAll().where('action_id', '=', actionId).executeTakeFirst();
}

/** Runs one action row through the importer; `check` runs inside the merge transaction. */
async function importOne(
  db: Db,
  row: Record<string, string>,
  check: (trx: Kysely<Database>, counts: { accepted: number; updated: number; duplicates: number }) => Promise<void>,
): Promise<void> {
  const rejects = new MemoryRejects();
  const timezone = await getSetting(db, 'timezone');
  const report = await importSource(db, FILE_SPECS.actions, rowsSource('request', ACTION_COLUMNS, [row]), () => rejects, timezone, {
    extendRollupYears: false,
    // A rejected row reaches the merge as nothing at all: then there is nothing to check.
    afterMerge: async (trx, r) => (r.accepted + r.updated + r.duplicates > 0 ? check(trx, r) : undefined),
  });
  if (report.rejected > 0) {
    throw new RejectedError(
      'The action breaks a rule of the ledger.',
      rejects.rows.map((r) => ({ column: r.column, reason: r.reason })),
    );
  }
  if (report.error) throw new Error(report.error);
}

export interface RecordOutcome {
  status: 200 | 201;
  replayed: boolean;
  body: { outcome: 'accepted' | 'duplicate'; action: Action };
}

export async function recordAction(db: Db, input: ActionInput, idempotencyKey: string | undefined): Promise<RecordOutcome> {
  if (!idempotencyKey)
    throw new DomainError('idempotency_key_required', 'Send an Idempotency-Key header so a retried request records the action once.');
  const requestHash = stableHash(input);
  const previous = await db.kysely.selectFrom('api_idempotency').selectAll().where('key', '=', idempotencyKey).executeTakeFirst();
  if (previous) {
    if (previous.request_hash !== requestHash) throw new DomainError('conflict', 'This Idempotency-Key was used for a different request.');
    return { status: previous.status as 200 | 201, replayed: true, body: previous.response as RecordOutcome['body'] };
  }
  const actionId = input.action_id ?? `api-${randomUUID()}`;
  let result: RecordOutcome | undefined;
  await importOne(db, toCsvRow(input, actionId), async (trx, counts) => {
    // An existing action with other content is changed only by a correction, never by a re-post.
    if (counts.updated > 0) throw new DomainError('conflict', `Action ${actionId} exists with other content: record a correction instead.`);
    const stored = await findAction(trx, actionId);
    const body = { outcome: counts.accepted > 0 ? ('accepted' as const) : ('duplicate' as const), action: toApiAction(stored!) };
    const status = counts.accepted > 0 ? 201 : 200;
    await trx
      .insertInto('api_idempotency')
      .values({ key: idempotencyKey, request_hash: requestHash, status, response: JSON.stringify(body) })
      .execute();
    result = { status, replayed: false, body };
  });
  return result!;
}

export async function listActions(db: Db, q: ActionQuery): Promise<{ items: Action[]; next_cursor: string | null }> {
  const limit = q.limit ?? 50;
  const timezone = await getSetting(db, 'timezone');
  let query = db.kysely
    .selectFrom('actions')
    .selectAll()
    .orderBy('occurred_at', 'desc')
    .orderBy('action_id', 'desc')
    .limit(limit + 1);
  if (q.member_id) query = query.where('member_id', '=', q.member_id);
  if (q.action_type) query = query.where('action_type', '=', q.action_type);
  if (q.staff_id) query = query.where('staff_id', '=', q.staff_id);
  if (!q.include_voided) query = query.where('voided_at', 'is', null);
  // Dates are calendar dates in the plan's time zone, as everywhere in the ledger.
  if (q.from) query = query.where(sql<boolean>`occurred_at >= (${q.from}::date::timestamp AT TIME ZONE ${timezone}::text)`);
  if (q.to) query = query.where(sql<boolean>`occurred_at < ((${q.to}::date + 1)::timestamp AT TIME ZONE ${timezone}::text)`);
  const after = decodeCursor<{ t: string; id: string }>(q.cursor);
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('occurred_at', '<', new Date(after.t)),
        eb.and([eb('occurred_at', '=', new Date(after.t)), eb('action_id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query.execute();
  const items = rows.slice(0, limit).map(toApiAction);
  const last = items[items.length - 1];
  return { items, next_cursor: rows.length > limit && last ? encodeCursor({ t: last.occurred_at, id: last.action_id }) : null };
}

export async function getAction(db: Db, actionId: string) {
  const action = await findAction(db.kysely, actionId);
  if (!action) throw new DomainError('not_found', 'no such action');
  const corrections = await db.kysely
    .selectFrom('action_corrections')
    .selectAll()
    .where('action_id', '=', actionId)
    .orderBy('corrected_at')
    .execute();
  return {
    action: toApiAction(action),
    corrections: corrections.map((c) => ({
      correction_id: c.correction_id,
      kind: c.kind,
      before: c.before,
      after: c.after,
      reason: c.reason,
      corrected_at: new Date(c.corrected_at).toISOString(),
      corrected_by: c.corrected_by,
    })),
  };
}

export async function correctAction(db: Db, actionId: string, input: CorrectionInput, actor: string) {
  const current = await findAction(db.kysely, actionId);
  if (!current) throw new DomainError('not_found', 'no such action');
  if (current.voided_at) throw new DomainError('conflict', 'The action is voided.');
  const before = toApiAction(current);
  const merged = { ...before, member_id: before.member_id ?? '', ...input.changes };
  await importOne(db, toCsvRow(merged, actionId), async (trx, counts) => {
    if (counts.updated === 0) throw new DomainError('validation_failed', 'The correction changes nothing.');
    const after = toApiAction((await findAction(trx, actionId))!);
    await trx
      .insertInto('action_corrections')
      .values({
        member_id: after.member_id ?? '',
        correction_id: randomUUID(),
        action_id: actionId,
        kind: 'correct',
        before: JSON.stringify(before),
        after: JSON.stringify(after),
        reason: input.reason,
        corrected_by: actor,
      })
      .execute();
  });
  return getAction(db, actionId);
}

export async function voidAction(db: Db, actionId: string, reason: string, actor: string) {
  await db.kysely.transaction().execute(async (trx) => {
    const current = await findAction(trx, actionId);
    if (!current) throw new DomainError('not_found', 'no such action');
    if (current.voided_at) throw new DomainError('conflict', 'The action is already voided.');
    const finishUpkeep = await beginUpkeep(trx, {
      touched: (tz) => sql`SELECT member_id, (occurred_at AT TIME ZONE ${tz}::text)::date,
          (occurred_at AT TIME ZONE ${tz}::text)::date + CASE WHEN action_type = 'renewal_guidance' THEN 90 ELSE 0 END
        FROM actions WHERE action_id = ${actionId} AND member_id = ${current.member_id}`,
      caseload: false,
    });
    await trx
      .updateTable('actions')
      .set({ voided_at: new Date() })
      .where('action_id', '=', actionId)
      .where('member_id', '=', current.member_id)
      .execute();
    await trx
      .insertInto('action_corrections')
      .values({
        member_id: current.member_id,
        correction_id: randomUUID(),
        action_id: actionId,
        kind: 'void',
        before: JSON.stringify(toApiAction(current)),
        after: null,
        reason,
        corrected_by: actor,
      })
      .execute();
    await finishUpkeep();
  });
  return getAction(db, actionId);
}
