// The database targets every suite runs against: embedded PGlite always, PostgreSQL and Citus when
// the global setup provided them. Each call gives a fresh, migrated, empty database.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDb, type Db } from '../../src/db/connect.js';
import { createCitusDatabase, type CitusCluster } from './throwaway-citus.js';

export interface TestTarget {
  name: 'pglite' | 'postgres' | 'citus';
  open(): Promise<Db>;
}

const freshName = (): string => `diplomat_test_${randomBytes(6).toString('hex')}`;

/** A new empty database on a PostgreSQL server; its URL. */
export async function createPostgresDatabase(serverUrl: string): Promise<string> {
  const name = freshName();
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export function testTargets(): TestTarget[] {
  const targets: TestTarget[] = [{ name: 'pglite', open: () => openDb({ kind: 'pglite', dir: 'memory://' }) }];
  const url = inject('postgresUrl');
  if (url) targets.push({ name: 'postgres', open: async () => openDb({ kind: 'postgres', url: await createPostgresDatabase(url) }) });
  const citus = inject('citusCluster');
  if (citus) {
    const cluster = JSON.parse(citus) as CitusCluster;
    targets.push({
      name: 'citus',
      open: async () => openDb({ kind: 'postgres', url: await createCitusDatabase(cluster, freshName()) }),
    });
  }
  // DIPLOMAT_TEST_ONLY=citus (say) runs one target's suites while working on it.
  const only = process.env.DIPLOMAT_TEST_ONLY;
  return only ? targets.filter((t) => t.name === only) : targets;
}
