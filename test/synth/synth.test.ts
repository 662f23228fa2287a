// The synthetic plan: same seed → byte-identical files; every row imports cleanly on both
// databases; and the plan shows what the dashboard needs (differences between lines of business).
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../src/domain/import/import.service.js';
import { computeScorecard } from '../../src/domain/scorecard/scorecard.service.js';
import { generateSyntheticPlan } from '../../src/domain/synth/synth.service.js';
import { testTargets } from '../support/db-targets.js';

const root = mkdtempSync(join(tmpdir(), 'diplomat-synth-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function digest(dir: string): string {
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex');
}

describe('synthetic plan', () => {
  it('is byte-identical for the same seed and differs for another', async () => {
    await generateSyntheticPlan({ members: 800, outDir: join(root, 'a'), seed: 5 });
    await generateSyntheticPlan({ members: 800, outDir: join(root, 'b'), seed: 5 });
    await generateSyntheticPlan({ members: 800, outDir: join(root, 'c'), seed: 6 });
    expect(digest(join(root, 'a'))).toBe(digest(join(root, 'b')));
    expect(digest(join(root, 'a'))).not.toBe(digest(join(root, 'c')));
    expect(readdirSync(join(root, 'a')).sort()).toEqual(
      [
        'actions',
        'attributions',
        'campaigns',
        'care_programs',
        'caseload',
        'contract_measures',
        'contracts',
        'enrollments',
        'follow_ups',
        'measure_results',
        'member_activity',
        'members',
        'partners',
        'renewals',
        'staff',
        'touchpoints',
      ].map((f) => `${f}.csv`),
    );
  });

  for (const target of testTargets()) {
    it(`imports without a rejected row and shows differences (${target.name})`, async () => {
      const dir = join(root, `plan-${target.name}`);
      await generateSyntheticPlan({ members: 1500, outDir: dir, seed: 9, through: '2025-12' });
      const db = await target.open();
      try {
        const report = await importPaths(db, [dir], { reportDir: join(dir, 'report') });
        expect(report.failedFiles).toBe(0);
        expect(report.totals.rejected).toBe(0);
        const rows = await computeScorecard(db, { period: '2025', by: 'line_of_business' });
        const contact = rows.filter((r) => r.metric === 'contact_rate');
        expect(new Set(contact.map((r) => r.segment_value))).toEqual(new Set(['medicaid', 'commercial', 'dual', 'medicare']));
        const values = contact.map((r) => r.value!);
        expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(0.05);
        const medicaid = contact.find((r) => r.segment_value === 'medicaid')!;
        expect(medicaid.value).toBeGreaterThan(0.2);
        expect(medicaid.value).toBeLessThan(0.45);
        // Every metric has something to show for the year.
        const all = await computeScorecard(db, { period: '2025' });
        for (const r of all) if (r.metric !== 'members_per_case_manager') expect(r.numerator, r.metric).toBeGreaterThan(0);
      } finally {
        await db.close();
      }
    });
  }
});
