// The database targets every suite runs against: embedded PGlite always, PostgreSQL when the
// global setup provided a server. Each call gives a fresh, migrated, empty database.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDb, type Db } from '../../src/db/connect.js';

export interface TestTarget {
  name: 'pglite' | 'postgres';
  open(): Promise<Db>;
}

async function freshPostgresDatabase(serverUrl: string): Promise<Db> {
  const name = `diplomat_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return openDb({ kind: 'postgres', url: url.toString() });
}

export function testTargets(): TestTarget[] {
  const targets: TestTarget[] = [{ name: 'pglite', open: () => openDb({ kind: 'pglite', dir: 'memory://' }) }];
  const url = inject('postgresUrl');
  if (url) targets.push({ name: 'postgres', open: () => freshPostgresDatabase(url) });
  return targets;
}
