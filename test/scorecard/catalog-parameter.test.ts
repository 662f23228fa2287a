// The scorecard computes any catalog it is given: entries of the default catalog come from the
// rollups, a definition of one's own (a contract's measure) is computed live, and both agree with
// the raw ledger. Partner suppression follows what each metric's counts count.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import type { Principal } from '../../src/domain/auth/permissions.js';
import { METRICS, type MetricDefinition } from '../../src/domain/metrics/catalog.js';
import { rebuildRollups } from '../../src/domain/rollups/rollups.service.js';
import { computeScorecard } from '../../src/domain/scorecard/scorecard.service.js';
import { visibleTo } from '../../src/domain/scorecard/disclosure.service.js';
import { testTargets } from '../support/db-targets.js';
import { actionRow, createMember, createRows, staffRow } from '../support/factories.js';
import { truncateAll } from '../support/isolation.js';

const PARTNER: Principal = { userId: 'u', email: 'p@partner.test', role: 'partner', partnerId: 'P1', via: 'token' };
const byKey = (key: string): MetricDefinition => METRICS.find((m) => m.key === key)!;

for (const target of testTargets()) {
  describe(`a scorecard of a given catalog (${target.name})`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
    });
    beforeEach(async () => {
      await truncateAll(db);
      const staff = staffRow({ role: 'nurse' });
      await createRows(db, 'staff', [staff]);
      const members: string[] = [];
      for (let i = 0; i < 12; i++) members.push(await createMember(db, { risk_tier: i < 4 ? 'high' : 'low' }));
      // Three members reached in March, one of them twice; 60 minutes each.
      const actions = [0, 1, 2, 2].map((i) => actionRow(members[i]!, { staff_id: staff.staff_id!, minutes: '60' }));
      await createRows(db, 'actions', actions);
      await rebuildRollups(db.kysely);
    });
    afterAll(async () => db?.close());

    it('reads catalog entries from the rollups and computes an own definition live, with the same result', async () => {
      const contactRate = byKey('contact_rate');
      const fromCube = await computeScorecard(db, { period: '2025-03' }, { catalog: [contactRate] });
      expect(fromCube).toHaveLength(1);
      expect(fromCube[0]).toMatchObject({ metric: 'contact_rate', numerator: 3, denominator: 12 });
      // A contract's own measure: members reached at least twice.
      const reachedTwice: MetricDefinition = {
        ...contactRate,
        key: 'contract_reached_twice',
        numerator: 'count(*) FILTER (WHERE f.successful_contacts > 1)',
      };
      const live = await computeScorecard(db, { period: '2025-03' }, { catalog: [contactRate, reachedTwice] });
      expect(live.map((r) => r.numerator)).toEqual([3, 1]);
      expect(live[0]).toEqual(fromCube[0]);
      // Which path each took: behind the cube's back the ledger loses its actions; the catalog
      // entry still reads the cube, the own definition sees the change.
      await sql`DELETE FROM actions`.execute(db.kysely);
      expect((await computeScorecard(db, { period: '2025-03' }, { catalog: [contactRate] }))[0]!.numerator).toBe(3);
      expect((await computeScorecard(db, { period: '2025-03' }, { catalog: [reachedTwice] }))[0]!.numerator).toBe(0);
    });

    it('suppresses small counts of members and actions for partners, not staff hours', async () => {
      const rows = await visibleTo(db, PARTNER, await computeScorecard(db, { period: '2025-03' }));
      const find = (metric: string, principle = 1): (typeof rows)[number] =>
        rows.find((r) => r.metric === metric && r.principle === principle)!;
      expect(find('contact_rate')).toMatchObject({ numerator: 'suppressed', denominator: 12, value: null });
      expect(find('principle_actions')).toMatchObject({ numerator: 'suppressed', per_1000: null });
      expect(find('principle_staff_hours')).toMatchObject({ numerator: 4, value: 4 });
      const plan = await computeScorecard(db, { period: '2025-03' });
      expect(plan.find((r) => r.metric === 'contact_rate')).toMatchObject({ numerator: 3 });
    });
  });
}
