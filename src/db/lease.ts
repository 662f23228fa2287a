// Leases: a process marks work as its own (an import job, a staging table) with an advisory lock
// held for as long as the work lasts (Db.withLease, on a connection of the process's own outside
// the pool). PostgreSQL releases it the moment that connection drops — the process killed with
// SIGKILL included — so another process can tell abandoned work from work in progress at once,
// with no timeout. The embedded database has one connection and one process: there the caller's
// own in-memory record of its work is the lease.
import { sql, type QueryExecutorProvider } from 'kysely';

/** Advisory-lock namespaces (the first key); the second is the hashed name of the work. */
export const LEASE = { importJob: 7_245_002, importStage: 7_245_003 } as const;

type Namespace = (typeof LEASE)[keyof typeof LEASE];

/**
 * Whether nobody holds the lease, taking it until the end of the caller's transaction (so the
 * caller may clean up the abandoned work before anyone else claims the name). Its own statement:
 * Citus refuses a volatile function inside an UPDATE's WHERE.
 */
export async function takeAbandonedLease(trx: QueryExecutorProvider, namespace: Namespace, name: string): Promise<boolean> {
  const { rows } = await sql<{ free: boolean }>`SELECT pg_try_advisory_xact_lock(${namespace}, hashtext(${name})) AS free`.execute(trx);
  return Boolean(rows[0]?.free);
}
