// The benchmark at a tiny size: it runs end to end, prints the side-by-side table and writes its
// results file (the real sizes are for `npm run bench`, never for CI).
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..');

describe('npm run bench (smoke size)', () => {
  it('prints diplomat next to its baselines and writes the results', async () => {
    const before = new Set(readdirSync(join(ROOT, 'bench/results')).filter((f) => f.endsWith('.json')));
    const { stdout } = await run(
      process.execPath,
      [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'bench/run.ts', '--members', '300', '--seconds', '1', '--target', 'pglite'],
      { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stdout).toMatch(/target\s+measure\s+diplomat\s+baseline\s+ratio/);
    expect(stdout).toMatch(/pglite\s+import actions\.csv \(rows\/s\)\s+[\d,]+\s+[\d,]+ raw COPY\s+[\d.]+×/);
    expect(stdout).toMatch(/pglite\s+scorecard 2025, whole plan: cold \/ warm \(ms\)\s+[\d.,]+ \/ [\d.,]+\s+[\d,]+ DuckDB/);
    expect(stdout).toMatch(/new actions through the API's import until the scorecard shows them \(s\)\s+[\d.]+/);
    expect(stdout).toMatch(/API GET scorecard month: req\/s, p50\/p99 ms, errors\s+[\d.,]+, \d+\/\d+, 0/);
    expect(stdout).toMatch(/API POST action: req\/s, p50\/p99 ms, errors\s+[\d.,]+, \d+\/\d+, 0\s+[\d,]+\/s one-row INSERTs\s+[\d.]+×/);
    expect(stdout).toMatch(
      /pglite\s+FHIR import, 1,000-patient bulk NDJSON \(2,814 resources → 2,814 rows\), median s\s+[\d.]+ \([\d,]+\/s\)\s+[\d.]+ CSV of the rows/,
    );
    const after = readdirSync(join(ROOT, 'bench/results')).filter((f) => f.endsWith('.json') && !before.has(f));
    expect(after).toHaveLength(1);
  });
});
