// Helpers of the fault tests: the real `diplomat` command as a child process (to kill -9), a
// synthetic plan, and a digest of everything an import writes, to compare a recovered database
// with a clean one.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../../src/db/connect.js';
import { FILE_NAMES, FILE_SPECS } from '../../src/domain/import/file-specs.js';

const BIN = resolve(import.meta.dirname, '../../bin/diplomat.js');

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export function synthPlan(dir: string, members: number): void {
  execFileSync(process.execPath, [BIN, 'synth', '--members', String(members), '--out', dir], { stdio: 'ignore' });
}

/** `diplomat --db <db> <args…>` in the background; its output is kept for a failing test to show. */
export function diplomat(db: string, args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, '--db', db, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

export async function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** `diplomat serve` on a loopback port, once it answers its health check. */
export async function serve(db: string): Promise<{ url: string; pid: number; kill: () => Promise<void>; output: () => string }> {
  const port = await freePort();
  const proc = diplomat(db, ['serve', '--port', String(port)]);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`serve exited: ${proc.output()}`);
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`serve did not start: ${proc.output()}`);
    await sleep(100);
  }
  return {
    url,
    pid: proc.child.pid!,
    output: proc.output,
    kill: async () => {
      proc.child.kill('SIGKILL');
      await proc.exited;
    },
  };
}

/** What the import writes, table by table: every import file's table, and the rollups. */
const TABLES = [...FILE_NAMES.map((f) => FILE_SPECS[f].table), 'rollup_years', 'scorecard_cube', 'caseload_cube', 'member_facts'];

/** Per table: its row count and an order-independent digest of its rows. */
export async function digest(db: Db): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of TABLES) {
    const { rows } = await sql<{ n: number; d: string | null }>`
      SELECT count(*)::int AS n, md5(string_agg(r, '|' ORDER BY r)) AS d
      FROM (SELECT (to_jsonb(t) - 'created_at' - 'updated_at')::text AS r FROM ${sql.table(table)} t) x`.execute(db.kysely);
    out[table] = `${rows[0]!.n} ${rows[0]!.d ?? ''}`;
  }
  return out;
}

/** Whether an import staging table holding rows of the given table's file exists and has rows. */
export async function stagingRowsOf(db: Db, column: string): Promise<number> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid
    WHERE c.relname LIKE 'import\\_stage\\_%' AND a.attname = ${column}`.execute(db.kysely);
  let n = 0;
  for (const { name } of rows) {
    const counted = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(name)}`.execute(db.kysely).catch(() => null);
    n += counted?.rows[0]?.n ?? 0;
  }
  return n;
}

export async function stagingTableCount(db: Db): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'import\\_stage\\_%'`.execute(
    db.kysely,
  );
  return rows[0]!.n;
}
