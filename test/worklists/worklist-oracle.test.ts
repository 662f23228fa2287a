// Cross-checks every worklist against the independent reading in test/support/reference-worklists.ts
// on the generated edge-case plan: several days (month and quarter ends, a day mid-month), the
// lists' parameters, and a time zone that moves actions across midnight. The lists are computed
// live from the ledger and rewritten for speed at scale; this keeps each rewrite honest.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { setSetting } from '../../src/domain/settings/settings.service.js';
import { runWorklist, type WorklistEntry, type WorklistQuery } from '../../src/domain/worklists/worklists.service.js';
import { testTargets } from '../support/db-targets.js';
import { generateEdgePlan, writePlan } from '../support/edge-plan.js';
import { referenceWorklists } from '../support/reference-worklists.js';

const TZ = 'America/Chicago';
const DAYS = ['2025-03-31', '2025-04-30', '2025-06-15', '2025-12-31'];
const plan = generateEdgePlan(23, 400);

/** An entry as the reference writes it: the subject and the detail that puts it on the list. */
const DETAIL: Record<string, (e: WorklistEntry) => (string | number | null | undefined)[]> = {
  high_risk_no_contact: (e) => [e.details.line_of_business, e.details.last_attempt ?? ''],
  renewal_due_no_guidance: (e) => [e.details.due_on],
  care_management_no_hra: (e) => [e.details.program, e.details.program_since],
  not_reached: (e) => [e.details.attempts],
  caseload_outside_benchmark: (e) => [e.details.high_risk, e.details.low_risk],
};

async function lines(db: Db, id: string, q: WorklistQuery): Promise<string[]> {
  const run = await runWorklist(db, id, { ...q, limit: 10_000 });
  expect(run.total, `${id} total`).toBe(run.items.length);
  return run.items.map((e) => [e.id, ...DETAIL[id]!(e)].join('|')).sort();
}

for (const target of testTargets()) {
  describe(`worklists match the reference reading (${target.name})`, () => {
    let db: Db;
    let dir: string;
    beforeAll(async () => {
      db = await target.open();
      await setSetting(db, 'timezone', TZ);
      dir = mkdtempSync(join(tmpdir(), 'diplomat-worklists-'));
      const report = await importPaths(db, [writePlan(plan, join(dir, 'plan'))], { reportDir: join(dir, 'report') });
      expect(report.totals.rejected).toBe(0);
    });
    afterAll(async () => {
      await db?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('every list on every day, with its default parameters and others', async () => {
      for (const asOf of DAYS) {
        const variants: { q: WorklistQuery; attempts?: number; days?: number }[] = [
          { q: {} },
          { q: { attempts: 2, days: 120 }, attempts: 2, days: 120 },
        ];
        for (const v of variants) {
          const expected = referenceWorklists(plan, { asOf, tz: TZ, attempts: v.attempts, days: v.days });
          for (const [id, want] of Object.entries(expected)) {
            expect(await lines(db, id, { as_of: asOf, ...v.q }), `${id} on ${asOf} ${JSON.stringify(v.q)}`).toEqual(want);
          }
        }
      }
    });

    it('ranks an entry the same whether the page is cut before or after ranking', async () => {
      for (const id of Object.keys(DETAIL).filter((k) => k !== 'caseload_outside_benchmark')) {
        const q = { as_of: '2025-04-30', attempts: 2 };
        const all = await runWorklist(db, id, { ...q, sort: 'priority', limit: 10_000 });
        const score = new Map(all.items.map((e) => [e.id, JSON.stringify(e.priority)]));
        const top = await runWorklist(db, id, { ...q, sort: 'priority', limit: 5 });
        expect(
          top.items.map((e) => e.id),
          id,
        ).toEqual(all.items.slice(0, 5).map((e) => e.id));
        const byDefault = await runWorklist(db, id, { ...q, limit: 7 }, 3);
        expect(byDefault.total, id).toBe(all.total);
        expect(byDefault.items.length, id).toBe(Math.min(7, all.total - 3));
        for (const e of byDefault.items) expect(JSON.stringify(e.priority), `${id} ${e.id}`).toBe(score.get(e.id));
      }
    });

    it('the data puts someone on every list (a test that cannot fail is a defect)', () => {
      const seen = new Map<string, number>();
      for (const asOf of DAYS) {
        for (const [id, want] of Object.entries(referenceWorklists(plan, { asOf, tz: TZ })))
          seen.set(id, (seen.get(id) ?? 0) + want.length);
      }
      for (const [id, n] of seen) expect(n, id).toBeGreaterThan(2);
    });
  });
}
