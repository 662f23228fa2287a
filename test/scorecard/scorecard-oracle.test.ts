// Cross-checks every metric of the scorecard against the independent reference computation on
// generated data full of edge cases: months, quarters and the year, every segment, two time zones.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { coverage } from '../../src/domain/rollups/rollups.service.js';
import { parsePeriod } from '../../src/domain/metrics/periods.js';
import { computeScorecard, type ScorecardRow } from '../../src/domain/scorecard/scorecard.service.js';
import { SEGMENTS } from '../../src/domain/metrics/segments.js';
import { setSetting } from '../../src/domain/settings/settings.service.js';
import { testTargets } from '../support/db-targets.js';
import { generateEdgePlan, writePlan } from '../support/edge-plan.js';
import { referenceScorecard, type RefRow } from '../support/reference-scorecard.js';

const PERIODS = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-12', '2025-Q1', '2025-Q2', '2025'];
const key = (r: { metric: string; principle: number; tier: string | null; segment_value: string }): string =>
  `${r.metric}|${r.principle}|${r.tier ?? ''}|${r.segment_value}`;

function compare(actual: ScorecardRow[], expected: RefRow[], context: string): void {
  const got = new Map(actual.map((r) => [key(r), r]));
  expect(new Set(got.keys()), `${context}: row set`).toEqual(new Set(expected.map(key)));
  for (const e of expected) {
    const a = got.get(key(e))!;
    const where = `${context} ${key(e)}`;
    expect(a.numerator, `${where} numerator`).toBeCloseTo(e.numerator ?? 0, 9);
    expect(a.denominator, `${where} denominator`).toBe(e.denominator);
    if (e.value === null) expect(a.value, `${where} value`).toBeNull();
    else expect(a.value, `${where} value`).toBeCloseTo(e.value, 9);
    if (e.per_1000 === null) expect(a.per_1000, `${where} per_1000`).toBeNull();
    else expect(a.per_1000, `${where} per_1000`).toBeCloseTo(e.per_1000, 9);
  }
}

const plan = generateEdgePlan(11, 90);

for (const target of testTargets()) {
  // The time zone is set before the import: offset-less timestamps are read in it when loaded.
  for (const tz of ['UTC', 'America/Chicago']) {
    describe(`scorecard matches the reference computation (${target.name}, ${tz})`, () => {
      let db: Db;
      let dir: string;
      beforeAll(async () => {
        db = await target.open();
        await setSetting(db, 'timezone', tz);
        dir = mkdtempSync(join(tmpdir(), 'diplomat-oracle-'));
        const report = await importPaths(db, [writePlan(plan, join(dir, 'plan'))], { reportDir: join(dir, 'report') });
        expect(report.totals.rejected).toBe(0);
        expect(report.failedFiles).toBe(0);
        // So the scorecard below is read from the rollups the import kept.
        expect((await coverage(db.kysely)).years.has(2025)).toBe(true);
      });
      afterAll(async () => {
        await db?.close();
        if (dir) rmSync(dir, { recursive: true, force: true });
      });

      it('every metric, period and segment', async () => {
        for (const label of PERIODS) {
          const period = parsePeriod(label);
          for (const segment of [null, ...SEGMENTS]) {
            const rows = await computeScorecard(db, { period: label, by: segment });
            compare(rows, referenceScorecard(plan, period, segment, tz), `${tz} ${label} ${segment ?? 'all'}`);
          }
        }
      });

      it('the data exercises every metric (a test that cannot fail is a defect)', async () => {
        const rows = await computeScorecard(db, { period: '2025-Q1' });
        const positive = new Set(rows.filter((r) => (r.numerator ?? 0) > 0).map((r) => r.metric));
        for (const metric of new Set(rows.map((r) => r.metric))) expect(positive, metric).toContain(metric);
      });
    });
  }

  it.skipIf(target.name !== 'pglite')('the time zone moves actions across month ends in this data', () => {
    const count = (tz: string): number =>
      referenceScorecard(plan, parsePeriod('2025-03'), null, tz)
        .filter((r) => r.metric === 'principle_actions')
        .reduce((s, r) => s + (r.value ?? 0), 0);
    expect(count('UTC')).not.toBe(count('America/Chicago'));
  });
}
