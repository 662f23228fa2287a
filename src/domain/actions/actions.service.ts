// The action ledger over the API. Recording runs the importer on one row (import's recordRows),
// so a recorded action obeys exactly the rules of an imported one. Changes are corrections or
// voids: each is a row of action_corrections written in the same transaction as the change —
// never a silent edit.
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../../db/connect.js';
import type { Database } from '../../db/database.js';
import { DomainError, RejectedError } from '../errors.js';
import { FILE_SPECS } from '../import/file-specs.js';
import { recordRows } from '../import/import.service.js';
import { withUpkeep } from '../rollups/rollups.service.js';
import { getSetting } from '../settings/settings.service.js';
import { toApiAction } from './api-action.js';
import { KeyAnsweredMeanwhile, recordBatched } from './record-batch.js';
import {
  actionTouches,
  correctionsOf,
  findAction,
  findIdempotency,
  insertCorrection,
  markVoided,
  queryActions,
  saveIdempotency,
} from './actions.queries.js';
import type { Action, ActionDetail, ActionInput, ActionKey, ActionQuery, CorrectionInput } from './actions.schema.js';

const ACTION_COLUMNS = FILE_SPECS.actions.columns.map((c) => c.name);

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

type MergeCounts = { accepted: number; updated: number; duplicates: number };

/** Runs one action row through the importer; `check` runs inside the merge transaction. */
async function importOne(
  db: Db,
  row: Record<string, string>,
  check: (trx: Kysely<Database>, counts: MergeCounts) => Promise<void>,
): Promise<void> {
  const { report, rejects } = await recordRows(db, 'actions', [row], {
    extendRollupYears: false,
    // A rejected row reaches the merge as nothing at all: then there is nothing to check.
    afterMerge: async (trx, r) => (r.accepted + r.updated + r.duplicates > 0 ? check(trx, r) : undefined),
  });
  if (report.rejected > 0) {
    throw new RejectedError(
      'The action breaks a rule of the ledger.',
      rejects.map((r) => ({ column: r.column, reason: r.reason })),
    );
  }
  if (report.error) throw new Error(report.error);
}

export interface RecordOutcome {
  /** A new action (false: the same action was recorded before). */
  created: boolean;
  /** The answer of an earlier request with the same idempotency key. */
  replayed: boolean;
  body: { outcome: 'accepted' | 'duplicate'; action: Action };
}

export async function recordAction(db: Db, input: ActionInput, idempotencyKey: string | undefined): Promise<RecordOutcome> {
  if (!idempotencyKey)
    throw new DomainError('idempotency_key_required', 'Send an Idempotency-Key header so a retried request records the action once.');
  const requestHash = stableHash(input);
  const replayOf = async (): Promise<RecordOutcome | undefined> => {
    const previous = await findIdempotency(db.kysely, idempotencyKey);
    if (!previous) return undefined;
    if (previous.request_hash !== requestHash) throw new DomainError('conflict', 'This Idempotency-Key was used for a different request.');
    return { created: previous.created, replayed: true, body: previous.response as RecordOutcome['body'] };
  };
  if (!input.action_id) {
    // A new id cannot clash with a stored action: such requests are written in groups
    // (record-batch.ts). The batch reads their keys, so a request does not read its own first (a
    // round trip less for each new recording); a repeated key is answered from what it stored.
    const row = toCsvRow(input, `api-${randomUUID()}`);
    let stored;
    try {
      stored = await recordBatched(db, { row, idempotencyKey, requestHash });
    } catch (error) {
      if (error instanceof KeyAnsweredMeanwhile) {
        const replay = await replayOf();
        if (replay) return replay;
      }
      throw error;
    }
    return { created: true, replayed: false, body: { outcome: 'accepted', action: toApiAction(stored) } };
  }
  const replay = await replayOf();
  if (replay) return replay;
  const actionId = input.action_id;
  let result: RecordOutcome | undefined;
  await importOne(db, toCsvRow(input, actionId), async (trx, counts) => {
    // An existing action with other content is changed only by a correction, never by a re-post.
    if (counts.updated > 0) throw new DomainError('conflict', `Action ${actionId} exists with other content: record a correction instead.`);
    const stored = await findAction(trx, actionId);
    const created = counts.accepted > 0;
    const body = { outcome: created ? ('accepted' as const) : ('duplicate' as const), action: toApiAction(stored!) };
    await saveIdempotency(trx, { key: idempotencyKey, request_hash: requestHash, created, response: JSON.stringify(body) });
    result = { created, replayed: false, body };
  });
  return result!;
}

export interface ActionPage {
  items: Action[];
  /** Where the next page starts; null on the last page. */
  next: ActionKey | null;
}

export async function listActions(db: Db, q: Omit<ActionQuery, 'cursor'>, after?: ActionKey): Promise<ActionPage> {
  const limit = q.limit ?? 50;
  const timezone = await getSetting(db, 'timezone');
  const rows = await queryActions(db.kysely, q, timezone, after, limit + 1);
  const items = rows.slice(0, limit).map(toApiAction);
  const last = items[items.length - 1];
  return { items, next: rows.length > limit && last ? { t: last.occurred_at, id: last.action_id } : null };
}

export async function getAction(db: Db, actionId: string): Promise<ActionDetail> {
  const action = await findAction(db.kysely, actionId);
  if (!action) throw new DomainError('not_found', 'no such action');
  const corrections = await correctionsOf(db.kysely, actionId);
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

export async function correctAction(db: Db, actionId: string, input: CorrectionInput, actor: string): Promise<ActionDetail> {
  const current = await findAction(db.kysely, actionId);
  if (!current) throw new DomainError('not_found', 'no such action');
  if (current.voided_at) throw new DomainError('conflict', 'The action is voided.');
  const before = toApiAction(current);
  const merged = { ...before, member_id: before.member_id ?? '', ...input.changes };
  await importOne(db, toCsvRow(merged, actionId), async (trx, counts) => {
    if (counts.updated === 0) throw new DomainError('validation_failed', 'The correction changes nothing.');
    const after = toApiAction((await findAction(trx, actionId))!);
    await insertCorrection(trx, {
      member_id: after.member_id ?? '',
      correction_id: randomUUID(),
      action_id: actionId,
      kind: 'correct',
      before: JSON.stringify(before),
      after: JSON.stringify(after),
      reason: input.reason,
      corrected_by: actor,
    });
  });
  return getAction(db, actionId);
}

export async function voidAction(db: Db, actionId: string, reason: string, actor: string): Promise<ActionDetail> {
  await db.kysely.transaction().execute(async (trx) => {
    const current = await findAction(trx, actionId);
    if (!current) throw new DomainError('not_found', 'no such action');
    if (current.voided_at) throw new DomainError('conflict', 'The action is already voided.');
    await withUpkeep(trx, { touched: actionTouches(actionId, current.member_id), caseload: false }, async () => {
      await markVoided(trx, actionId, current.member_id);
      await insertCorrection(trx, {
        member_id: current.member_id,
        correction_id: randomUUID(),
        action_id: actionId,
        kind: 'void',
        before: JSON.stringify(toApiAction(current)),
        after: null,
        reason,
        corrected_by: actor,
      });
    });
  });
  return getAction(db, actionId);
}
