// What every command shares: opening the database named by --db / DATABASE_URL, exit codes,
// and turning errors into one clear line (never a stack trace, never row data).
import { describeTarget, openDb, resolveTarget, type Db } from '../db/connect.js';
import { DatabaseInUse } from '../db/embedded-lock.js';
import { DomainError } from '../domain/errors.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, rejected: 3 } as const;

export class UsageError extends Error {}

const USAGE_CODES = new Set(['invalid_period', 'invalid_segment', 'invalid_setting', 'unknown_file', 'validation_failed']);

export async function withDb<T>(dbOption: string | undefined, fn: (db: Db) => Promise<T>): Promise<T> {
  const target = resolveTarget(dbOption);
  let db: Db;
  try {
    db = await openDb(target);
  } catch (error) {
    if (error instanceof DatabaseInUse) throw error; // names the database already
    throw new Error(`cannot open ${describeTarget(target)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Runs a command's action and sets the process exit code from its outcome. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<number | void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      process.exitCode = (await fn(...args)) ?? EXIT.ok;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`diplomat: ${message}\n`);
      const usage = error instanceof UsageError || (error instanceof DomainError && USAGE_CODES.has(error.code));
      process.exitCode = usage ? EXIT.usage : EXIT.failure;
    }
  };
}
