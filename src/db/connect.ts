// Opens the system of record: embedded PostgreSQL (PGlite) in a directory, or a PostgreSQL
// server for a postgres:// URL. Same Kysely API, same migrations, same SQL on both.
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './database.js';
import { databaseTemplate } from './db-template.js';
import { lockEmbeddedDatabase } from './embedded-lock.js';
import { migrateToLatest } from './migrate.js';
import { ReusingClient } from './reused-plans.js';

export type DbTarget = { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };

export const DEFAULT_DB_DIR = './.diplomat/db';

export interface CopyOptions {
  /**
   * Session time zone while COPY parses timestamps: offset-less timestamps are read in it. null:
   * the data has none (every timestamp carries its offset), so the COPY runs on its own, without
   * the transaction that sets the zone (three round trips fewer for an API recording batch).
   */
  timezone: string | null;
}

export interface Db {
  readonly target: DbTarget;
  readonly kysely: Kysely<Database>;
  /** COPY a chunk of CSV text (no header; a string or its UTF-8 bytes) into a table, in one transaction. */
  copyCsv(table: string, columns: readonly string[], csv: string | Uint8Array, options: CopyOptions): Promise<void>;
  /** Runs `work` holding the lease (namespace, name): see src/db/lease.ts. */
  withLease<T>(namespace: number, name: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const OID_INT8 = 20;
const OID_DATE = 1082;
const OID_NUMERIC = 1700;

/** --db wins, then DATABASE_URL, then the embedded database in ./.diplomat/db. */
export function resolveTarget(db: string | undefined, env: NodeJS.ProcessEnv = process.env): DbTarget {
  const spec = db ?? env.DATABASE_URL ?? DEFAULT_DB_DIR;
  if (/^postgres(ql)?:\/\//i.test(spec)) return { kind: 'postgres', url: spec };
  return { kind: 'pglite', dir: spec };
}

/** A description of the target that is safe to print (no password). */
export function describeTarget(target: DbTarget): string {
  if (target.kind === 'pglite') return `embedded database ${target.dir}`;
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return `PostgreSQL ${url.toString()}`;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier ${name}`);
  return `"${name}"`;
}

function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `COPY ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FROM ${source} WITH (FORMAT csv)`;
}

async function openPglite(dir: string): Promise<Db> {
  const inMemory = dir.startsWith('memory://');
  const dataDir = inMemory ? dir : resolve(dir);
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  const release = inMemory ? () => undefined : lockEmbeddedDatabase(dataDir);
  // A new database starts from the packaged template rather than initdb (db-template.ts).
  const template = inMemory || !existsSync(join(dataDir, 'PG_VERSION')) ? databaseTemplate() : null;
  // Dates stay 'YYYY-MM-DD' strings and counts plain numbers, as with the pg driver below.
  const pglite = await PGlite.create(dataDir, {
    ...(template ? { loadDataDir: template } : {}),
    parsers: {
      [OID_DATE]: (v: string) => v,
      [OID_INT8]: (v: string) => Number(v),
      [OID_NUMERIC]: (v: string) => Number(v),
    },
  }).catch((error: unknown) => {
    release();
    throw error;
  });
  // Kysely lends PGlite's single connection to one caller at a time (its adapter declares no
  // multiple connections), and PGlite's transaction() is exclusive, so COPY below cannot interleave.
  const kysely = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    target: { kind: 'pglite', dir },
    kysely,
    async copyCsv(table, columns, csv, { timezone }) {
      // PGlite reads COPY input from an in-memory blob: callers feed it in bounded chunks.
      const copy = copyStatement(table, columns, `'/dev/blob'`);
      if (timezone === null) {
        await pglite.query(copy, [], { blob: new Blob([csv]) });
        return;
      }
      await pglite.transaction(async (tx) => {
        await tx.query(`SELECT set_config('TimeZone', $1, true)`, [timezone]);
        await tx.query(copy, [], { blob: new Blob([csv]) });
      });
    },
    // One process, one connection: the caller's in-memory record of its work is the lease.
    withLease: (_namespace, _name, work) => work(),
    async close() {
      try {
        await kysely.destroy();
      } finally {
        release();
      }
    },
  };
}

async function openPostgres(url: string): Promise<Db> {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === OID_DATE) return (v: string) => v;
      if (oid === OID_INT8 || oid === OID_NUMERIC) return (v: string) => Number(v);
      return pg.types.getTypeParser(oid, format);
    },
  };
  // connectionTimeoutMillis: while the server is down a request fails in seconds (a 503) rather
  // than waiting for the operating system's TCP timeout.
  const pool = new pg.Pool({ connectionString: url, max: 10, types, connectionTimeoutMillis: 5_000, Client: ReusingClient });
  // An idle connection whose server went away (restart, failover) emits 'error': without a
  // listener that would end the process. The pool drops the connection and opens a new one on the
  // next checkout, so there is nothing else to do; the next query reports the outage if it lasts.
  pool.on('error', () => undefined);
  // The same for a connection checked out but between queries (in a transaction awaiting other
  // work): the query in flight, or the next one, fails with the outage, and the pool discards the
  // broken connection when it is released.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const leases = leaseHolder(url);
  return {
    target: { kind: 'postgres', url },
    withLease: leases.withLease,
    kysely,
    async copyCsv(table, columns, csv, { timezone }) {
      const client = await pool.connect();
      const zoned = timezone !== null;
      try {
        if (zoned) {
          await client.query('BEGIN');
          await client.query(`SELECT set_config('TimeZone', $1, true)`, [timezone]);
        }
        const stream = client.query(copyFrom(copyStatement(table, columns, 'STDIN')));
        await pipeline(Readable.from([csv]), stream);
        if (zoned) await client.query('COMMIT');
      } catch (error) {
        if (zoned) await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async close() {
      await leases.close();
      await kysely.destroy();
    },
  };
}

/**
 * One connection of its own, outside the pool, holds this process's leases (session advisory
 * locks). Outside the pool so a lease never waits for, or starves, the connections its work
 * needs; one for all leases because a lock is cheap and the connection is what dies with the
 * process. If it drops (the server restarted), the next lease opens another.
 */
function leaseHolder(url: string): Pick<Db, 'withLease'> & { close(): Promise<void> } {
  let client: Promise<pg.Client> | null = null;
  const connection = (): Promise<pg.Client> =>
    (client ??= (async () => {
      const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
      c.on('error', () => (client = null));
      c.on('end', () => (client = null));
      await c.connect();
      return c;
    })().catch((error: unknown) => {
      client = null;
      throw error;
    }));
  return {
    async withLease(namespace, name, work) {
      const c = await connection();
      await c.query('SELECT pg_advisory_lock($1, hashtext($2))', [namespace, name]);
      try {
        return await work();
      } finally {
        await c.query('SELECT pg_advisory_unlock($1, hashtext($2))', [namespace, name]).catch(() => undefined);
      }
    },
    async close() {
      const c = await client?.catch(() => null);
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}

/** Opens the database and brings its schema to the latest migration. */
export async function openDb(target: DbTarget): Promise<Db> {
  const db = target.kind === 'pglite' ? await openPglite(target.dir) : await openPostgres(target.url);
  try {
    await migrateToLatest(db.kysely as Kysely<unknown>);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** A round trip to the database (the health check). */
export async function pingDatabase(db: Db): Promise<void> {
  await sql`SELECT 1`.execute(db.kysely);
}
