// Vitest global setup: unless DIPLOMAT_TEST_POSTGRES=off, every suite also runs against a real
// PostgreSQL server. TEST_DATABASE_URL names an existing server (its databases are created and
// dropped per suite); otherwise a throwaway cluster is started when initdb is installed. With
// DIPLOMAT_TEST_CITUS=on every suite runs on a throwaway Citus cluster as well (the extension is
// installed by scripts/install-citus.sh); not yet by default: see docs/citus.md for what passes.
import type { TestProject } from 'vitest/node';
import { citusAvailable, startThrowawayCitus, type ThrowawayCitus } from './throwaway-citus.js';
import { postgresAvailable, startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres.js';

let server: ThrowawayPostgres | undefined;
let citus: ThrowawayCitus | undefined;

export async function setup(project: TestProject): Promise<void> {
  let url = process.env.TEST_DATABASE_URL;
  if (!url && process.env.DIPLOMAT_TEST_POSTGRES !== 'off') {
    if (postgresAvailable()) {
      server = await startThrowawayPostgres();
      url = server.url;
    } else if (process.env.CI) {
      throw new Error('CI must test real PostgreSQL, but initdb/pg_ctl are not on PATH');
    } else {
      console.warn('initdb not found: testing the embedded database only');
    }
  }
  project.provide('postgresUrl', url ?? '');

  // TEST_CITUS_CLUSTER='{"coordinator":"postgres://…","workers":["postgres://…",…]}' names a running cluster.
  let cluster = process.env.TEST_CITUS_CLUSTER ?? '';
  if (!cluster && process.env.DIPLOMAT_TEST_CITUS === 'on') {
    if (!citusAvailable()) throw new Error('DIPLOMAT_TEST_CITUS=on, but the citus extension is not installed (scripts/install-citus.sh)');
    citus = await startThrowawayCitus();
    cluster = JSON.stringify({ coordinator: citus.coordinator, workers: citus.workers });
  }
  project.provide('citusCluster', cluster);
}

export async function teardown(): Promise<void> {
  server?.stop();
  citus?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
    citusCluster: string;
  }
}
