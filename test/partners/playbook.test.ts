// Playbooks with the CMS Star Ratings shipped in data/, on both databases: the load, a payer's
// contracts in its playbook, value-to-stars conversion, and the playbook's own rules.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { SYSTEM } from '../../src/domain/auth/permissions.js';
import { recordRows } from '../../src/domain/import/import.service.js';
import { EMPTY_PLAYBOOK, getPlaybook, putPlaybook } from '../../src/domain/partners/playbook.service.js';
import { convertToStars, loadStarRatings } from '../../src/domain/stars/stars.service.js';
import { testTargets } from '../support/db-targets.js';

const STARS = join(import.meta.dirname, '../../data/cms-star-ratings-2026');

for (const target of testTargets()) {
  describe(`playbooks and Star Ratings (${target.name})`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
      await recordRows(db, 'partners', [{ partner_id: 'PAY', name: 'Evergreen Health Plan', kind: 'payer' }]);
    });
    afterAll(async () => db?.close());

    it('loads a release, and loading it again replaces it', async () => {
      const first = await loadStarRatings(db, STARS);
      expect(first).toMatchObject({ contracts: 769, cutPoints: 280 });
      expect(await loadStarRatings(db, STARS)).toEqual(first);
      await expect(loadStarRatings(db, join(STARS, 'nope'))).rejects.toThrow(/no such directory/);
    });

    it("shows a payer's contracts in its playbook and turns values into stars", async () => {
      const saved = await putPlaybook(db, 'PAY', { ...EMPTY_PLAYBOOK, cms_contract_ids: ['H0028', 'H9999'] }, SYSTEM);
      expect(saved.star_contracts.map((c) => c.contract_id)).toEqual(['H0028']);
      const h0028 = saved.star_contracts[0]!;
      expect(h0028).toMatchObject({ overall: 3.5, marketing_name: 'Humana' });
      expect(h0028.measures.find((m) => m.measure_code === 'C01')).toMatchObject({ stars: 4, value: 76 });
      expect(await convertToStars(db, { measure_code: 'C01', value: 0.76 })).toMatchObject({
        stars: 4,
        measure_name: 'Breast Cancer Screening',
      });
      expect(await convertToStars(db, { measure_code: 'D02', value: 1.5 })).toMatchObject({ stars: 1, org_type: 'MA-PD' });
    });

    it('refuses an improvement of a gap that is not there, and one due before it starts', async () => {
      const improvement = {
        item_id: 'I1',
        gap_id: 'G9',
        title: 'x',
        owner_staff_id: null,
        starts_on: null,
        due_on: null,
        status: 'plan' as const,
        learned: '',
      };
      await expect(putPlaybook(db, 'PAY', { ...EMPTY_PLAYBOOK, improvements: [improvement] }, SYSTEM)).rejects.toThrow(/names gap G9/);
      const late = { ...improvement, gap_id: null, starts_on: '2026-05-01', due_on: '2026-04-01' };
      await expect(putPlaybook(db, 'PAY', { ...EMPTY_PLAYBOOK, improvements: [late] }, SYSTEM)).rejects.toThrow(/due before it starts/);
      const overdue = { ...improvement, gap_id: null, starts_on: '2020-01-01', due_on: '2020-02-01' };
      expect((await putPlaybook(db, 'PAY', { ...EMPTY_PLAYBOOK, improvements: [overdue] }, SYSTEM)).overdue_improvements).toBe(1);
      await expect(getPlaybook(db, 'NOPE', SYSTEM)).rejects.toThrow(/no such partner/);
    });
  });
}
