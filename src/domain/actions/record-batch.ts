// Group commit for actions recorded through the API. Recording one action costs a few dozen
// statements under the rollups' lock (staging, checks, merge, the cube's delta) whatever the
// number of rows, so requests that arrive while a recording is in flight are written together in
// the next one: one import of N rows, one transaction, one delta. A request still returns only
// once its action is committed, so the next read shows it; a row that breaks a rule is refused on
// its own (its line), and the others in its batch are recorded.
import type { Db } from '../../db/connect.js';
import { RejectedError } from '../errors.js';
import { recordRows, reservedStageName } from '../import/import.service.js';
import type { RejectedRow } from '../import/rejects-writer.js';
import { findActions, idempotencyKeysIn, saveIdempotencies } from './actions.queries.js';
import { toApiAction } from './api-action.js';

export interface PendingRecord {
  /** The action as an import row; its action_id is new (generated for this request). */
  row: Record<string, string>;
  idempotencyKey: string;
  requestHash: string;
}

/** What a recorded row returns: the stored action, to answer with. */
type Stored = Awaited<ReturnType<typeof findActions>>[number];

interface Waiting extends PendingRecord {
  resolve: (stored: Stored) => void;
  reject: (error: unknown) => void;
}

/**
 * The request's idempotency key got an answer while it waited (a retry of a request in an earlier
 * batch): the caller answers from that instead.
 */
export class KeyAnsweredMeanwhile extends Error {}

/** Rows per batch: bounded, so one batch's transaction stays short under any load. */
const MAX_BATCH = 256;

/**
 * How long a batch may wait for the requests its predecessor's clients are sending next. An
 * answered client's next request reaches the batcher a few milliseconds later (HTTP, its token;
 * when this was measured, also its idempotency read): without a wait the first to arrive started a
 * batch alone and the rest waited for the one after, so four clients made batches of 1 and 3, or
 * 2 and 2, each costing nearly what a batch of 4 costs. Through the API, 4 clients, 20,000
 * members (npm run bench, 10 s each, one machine): no wait 177 recordings/s, 2 ms 142 (batches of
 * 2), 5 ms 265–282 (batches of 4), 10 ms 273. One client alone never waits (its last batch had
 * one request).
 */
const GATHER_MS = 5;

/**
 * On a slower database (Citus, where a batch of four costs about 115 ms, or any server under
 * load) the next requests take longer to come too (their token reads are slower),
 * and each batch they miss costs more: a batch waits up to this share of the last batch's write,
 * capped. CI's Citus suite, on a loaded machine, made 12 batches of 24 recordings from four
 * clients with 5 ms. Reproduced with three busy loops beside that test: 5 ms, 12 batches in 3 runs
 * of 3; an eighth of the write up to 40 ms, 10 or 12 in 2 of 3; a quarter up to 100 ms, at most 9
 * in 4 of 4. On single-node PostgreSQL a batch writes in about 14 ms, so 5 ms still applies.
 */
const GATHER_SHARE = 1 / 4;
const GATHER_MAX_MS = 100;

class RecordBatcher {
  private queue: Waiting[] = [];
  private running = false;
  /** One staging table for all of this batcher's batches (they run one at a time). */
  private readonly stage = reservedStageName();
  /** The last batch's rows and the requests that came while it ran: the clients likely to send next. */
  private expected = 1;
  /** How long the last batch took to write (ms). */
  private lastWriteMs = 0;
  /** Set while a batch gathers: called on each arrival. */
  private arrived: (() => void) | undefined;

  constructor(private readonly db: Db) {}

  submit(pending: PendingRecord): Promise<Stored> {
    return new Promise<Stored>((resolve, reject) => {
      this.queue.push({ ...pending, resolve, reject });
      if (this.arrived) this.arrived();
      else if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0) {
        await this.gather();
        const batch = this.takeBatch();
        const started = performance.now();
        await this.write(batch);
        this.lastWriteMs = performance.now() - started;
        // Its clients are sending their next requests; those that came meanwhile are clients too.
        this.expected = Math.min(MAX_BATCH, batch.length + this.queue.length);
      }
    } finally {
      this.running = false;
    }
  }

  /**
   * Group commit: waits up to GATHER_MS (more on a slow database) for as many requests as are
   * expected.
   */
  private async gather(): Promise<void> {
    const target = Math.min(MAX_BATCH, Math.max(this.expected, this.queue.length));
    if (this.queue.length >= target) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.arrived = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.min(GATHER_MAX_MS, Math.max(GATHER_MS, this.lastWriteMs * GATHER_SHARE)));
      this.arrived = () => {
        if (this.queue.length >= target) done();
      };
    });
  }

  /** The next batch: in arrival order, at most one request per idempotency key (a repeat waits for the next). */
  private takeBatch(): Waiting[] {
    const batch: Waiting[] = [];
    const keys = new Set<string>();
    const rest: Waiting[] = [];
    for (const w of this.queue) {
      if (batch.length < MAX_BATCH && !keys.has(w.idempotencyKey)) {
        batch.push(w);
        keys.add(w.idempotencyKey);
      } else rest.push(w);
    }
    this.queue = rest;
    return batch;
  }

  private async write(waiting: Waiting[]): Promise<void> {
    const stored = new Map<string, Stored>();
    let batch = waiting;
    try {
      // Batches run one after another, so an earlier batch's answers are visible here.
      const answered = await idempotencyKeysIn(
        this.db.kysely,
        waiting.map((w) => w.idempotencyKey),
      );
      for (const w of waiting) if (answered.has(w.idempotencyKey)) w.reject(new KeyAnsweredMeanwhile());
      batch = waiting.filter((w) => !answered.has(w.idempotencyKey));
      if (batch.length === 0) return;
      const { report, rejects } = await recordRows(
        this.db,
        'actions',
        batch.map((w) => w.row),
        {
          extendRollupYears: false,
          stage: this.stage,
          fewMembers: true,
          afterMerge: async (trx) => {
            // The rows that passed are in the ledger now; a refused row never reaches it.
            const ids = batch.map((w) => w.row.action_id!);
            for (const a of await findActions(trx, ids)) stored.set(a.action_id, a);
            const kept = batch.filter((w) => stored.has(w.row.action_id!));
            if (kept.length === 0) return;
            await saveIdempotencies(
              trx,
              kept.map((w) => ({
                key: w.idempotencyKey,
                request_hash: w.requestHash,
                response: JSON.stringify({ outcome: 'accepted', action: toApiAction(stored.get(w.row.action_id!)!) }),
              })),
            );
          },
        },
      );
      if (report.error) throw new Error(report.error);
      settle(batch, rejects, stored);
    } catch (error) {
      for (const w of batch) w.reject(error);
    }
  }
}

/** Answers each request of a written batch: its stored action, or the rules its row broke. */
function settle(batch: Waiting[], rejects: RejectedRow[], stored: Map<string, Stored>): void {
  batch.forEach((w, i) => {
    const broken = rejects.filter((r) => r.line === i + 2);
    const action = stored.get(w.row.action_id!);
    if (broken.length > 0) {
      w.reject(
        new RejectedError(
          'The action breaks a rule of the ledger.',
          broken.map((r) => ({ column: r.column, reason: r.reason })),
        ),
      );
    } else if (action) w.resolve(action);
    else w.reject(new Error(`action ${w.row.action_id!} was not recorded`));
  });
}

const batchers = new WeakMap<Db, RecordBatcher>();

function batcherOf(db: Db): RecordBatcher {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = new RecordBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher;
}

/** Records a new action through the database's batcher; resolves once it is committed. */
export function recordBatched(db: Db, pending: PendingRecord): Promise<Stored> {
  return batcherOf(db).submit(pending);
}
