// A disposable Citus cluster for the tests and the benchmark: a coordinator and two workers, each
// a throwaway PostgreSQL 15 server (throwaway-postgres.ts) on its own loopback port with the citus
// library preloaded. Citus is installed by scripts/install-citus.sh (CI runs it).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { postgresAvailable, startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres.js';

export interface CitusCluster {
  coordinator: string;
  workers: string[];
}

export interface ThrowawayCitus extends CitusCluster {
  stop(): void;
}

export function citusAvailable(): boolean {
  if (!postgresAvailable()) return false;
  try {
    const libdir = execFileSync('pg_config', ['--pkglibdir']).toString().trim();
    return existsSync(join(libdir, 'citus.so'));
  } catch {
    return false;
  }
}

/**
 * `shardCount`: shards per distributed table. The tests use 4 (they create hundreds of small
 * databases, and each distributed table's shards are created on the workers); the benchmark
 * uses Citus's default of 32.
 */
export async function startThrowawayCitus(options: { shardCount?: number } = {}): Promise<ThrowawayCitus> {
  const settings = {
    shared_preload_libraries: 'citus',
    // Reference-table writes commit on every node with two-phase commit.
    max_prepared_transactions: '200',
    'citus.shard_count': String(options.shardCount ?? 4),
  };
  const nodes: ThrowawayPostgres[] = [];
  try {
    for (let i = 0; i < 3; i++) nodes.push(await startThrowawayPostgres({ settings }));
  } catch (error) {
    for (const node of nodes) node.stop();
    throw error;
  }
  const [coordinator, ...workers] = nodes as [ThrowawayPostgres, ...ThrowawayPostgres[]];
  return {
    coordinator: coordinator.url,
    workers: workers.map((w) => w.url),
    stop() {
      for (const node of nodes) node.stop();
    },
  };
}

function withDatabase(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A new database on every node with the citus extension, the workers registered with the
 * coordinator's copy: what an operator does once per plan database (docs/citus.md). Returns the
 * coordinator's URL for it; Diplomat's migrations then place the tables.
 */
export async function createCitusDatabase(cluster: CitusCluster, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe database name ${name}`);
  const nodes = [cluster.coordinator, ...cluster.workers];
  await Promise.all(
    nodes.map(async (node) => {
      await onServer(node, [`CREATE DATABASE ${name}`]);
      await onServer(withDatabase(node, name), ['CREATE EXTENSION citus']);
    }),
  );
  const url = withDatabase(cluster.coordinator, name);
  const port = (u: string): number => Number(new URL(u).port);
  await onServer(url, [
    `SELECT citus_set_coordinator_host('127.0.0.1', ${port(cluster.coordinator)})`,
    ...cluster.workers.map((w) => `SELECT citus_add_node('127.0.0.1', ${port(w)})`),
  ]);
  return url;
}
