// Cross-sector partnerships on both databases: the charter's SMART goals and scope (changed only
// by a decision), the plan's dependency rules, measures and their assessment calendar, decision
// follow-ups, what a partner account sees and changes — and area-bound population measures
// against an independent computation (the reference scorecard restricted to the area's members).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { SYSTEM, type Principal } from '../../src/domain/auth/permissions.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { parsePeriod } from '../../src/domain/metrics/periods.js';
import { completeFollowUp } from '../../src/domain/partners/relationships.service.js';
import { recordDecision } from '../../src/domain/partnerships/partnership-decisions.service.js';
import { putActivity, putPhase } from '../../src/domain/partnerships/partnership-plan.service.js';
import { putMeasure, putResult } from '../../src/domain/partnerships/partnership-results.service.js';
import type { MeasureInput, PartnershipInput } from '../../src/domain/partnerships/partnerships.schema.js';
import {
  getWorkspace,
  listPartnershipSummaries,
  putCommitment,
  putMember,
  putPartnership,
} from '../../src/domain/partnerships/partnerships.service.js';
import { setSetting } from '../../src/domain/settings/settings.service.js';
import { testTargets } from '../support/db-targets.js';
import { generateEdgePlan, writePlan } from '../support/edge-plan.js';
import { referenceScorecard } from '../support/reference-scorecard.js';

const TZ = 'America/Chicago';
const partnerAccount = (partnerId: string): Principal => ({
  userId: `u-${partnerId}`,
  email: 'p@x.test',
  role: 'partner',
  partnerId,
  via: 'token',
});

const charter = {
  purpose: 'Healthy births in the valley',
  impact: 'Fewer preterm births',
  vision: 'Every mother supported',
  values: ['equity', 'trust'],
  goals: [],
  scope_in: ['prenatal outreach'],
  scope_out: ['hospital billing'],
};
const input: PartnershipInput = {
  name: 'Valley maternal health coalition',
  starts_on: '2025-01-01',
  ends_on: null,
  area: { counties: ['Yakima'], zips: [] },
  charter,
};
const measure = (over: Partial<MeasureInput> = {}): MeasureInput => ({
  level: 'partnership',
  partner_id: null,
  name: 'Mothers enrolled',
  unit: 'mothers',
  direction: 'higher',
  baseline: 10,
  target: 50,
  cycle: 'quarter',
  due_days: 30,
  metric_key: null,
  ...over,
});

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'diplomat-partnerships-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

for (const target of testTargets()) {
  describe(`partnerships (${target.name})`, () => {
    let db: Db;
    const plan = generateEdgePlan(5, 90);
    beforeAll(async () => {
      db = await target.open();
      await setSetting(db, 'timezone', TZ);
      await importPaths(db, [writePlan(plan, join(root, `plan-${target.name}`))], { reportDir: join(root, `report-${target.name}`) });
      await putPartnership(db, 'PS1', input, SYSTEM);
      const partners = plan.partners!.map((p) => p.partner_id!);
      for (const [i, id] of partners.slice(0, 3).entries()) {
        await putMember(
          db,
          'PS1',
          id,
          { stage: i < 2 ? 'committed' : 'approached', strengths: 's', cannot_do_alone: '', contributes: '', goals: '' },
          SYSTEM,
        );
      }
    });
    afterAll(async () => db?.close());
    const [A, B, C] = [0, 1, 2].map((i) => generateEdgePlan(5, 90).partners![i]!.partner_id!) as [string, string, string];

    it('refuses a SMART goal without a measure, a date or a measure of its own', async () => {
      const goal = { goal_id: 'G1', statement: 'More mothers enrolled', measure_id: null, baseline: 10, target: 50, by: '2026-12-31' };
      const withGoal = (g: object) => ({ ...input, charter: { ...charter, goals: [{ ...goal, ...g }] } });
      await expect(putPartnership(db, 'PS1', withGoal({}), SYSTEM)).rejects.toMatchObject({
        errors: [{ column: 'charter.goals[0].measure_id', reason: expect.stringContaining('not measurable') }],
      });
      await expect(putPartnership(db, 'PS1', withGoal({ measure_id: 'M1', by: null }), SYSTEM)).rejects.toThrow(/needs a date/);
      await expect(putPartnership(db, 'PS1', withGoal({ measure_id: 'M1' }), SYSTEM)).rejects.toThrow(/add the measure first/);
      await putMeasure(db, 'PS1', 'M1', measure(), SYSTEM);
      await putPartnership(db, 'PS1', withGoal({ measure_id: 'M1' }), SYSTEM);
      expect((await getWorkspace(db, 'PS1', SYSTEM)).charter.goals).toHaveLength(1);
    });

    it('changes scope only through a recorded decision, with its follow-ups', async () => {
      const current = await getWorkspace(db, 'PS1', SYSTEM);
      const widened = { ...input, charter: { ...current.charter, scope_in: [...current.charter.scope_in, 'housing'] } };
      await expect(putPartnership(db, 'PS1', widened, SYSTEM)).rejects.toThrow(/only through a recorded decision/);
      const decision = {
        decided_on: '2025-03-01',
        summary: 'Add doula support; billing stays out',
        scope_change: { add_in: ['doula support'], remove_in: [], add_out: [], remove_out: [] },
        follow_ups: [{ title: 'Draft the doula referral path', partner_id: A, owner_staff_id: null, due_on: '2025-04-01' }],
      };
      await expect(
        recordDecision(db, 'PS1', 'D0', { ...decision, follow_ups: [{ ...decision.follow_ups[0]!, partner_id: 'NOPE' }] }, SYSTEM),
      ).rejects.toThrow(/NOPE, which is not a member/);
      await expect(
        recordDecision(
          db,
          'PS1',
          'D0',
          { ...decision, scope_change: { ...decision.scope_change, add_in: [], remove_in: ['nothing'] } },
          SYSTEM,
        ),
      ).rejects.toThrow(/"nothing" is not in scope_in/);
      await recordDecision(db, 'PS1', 'D1', decision, SYSTEM);
      const after = await getWorkspace(db, 'PS1', SYSTEM);
      expect(after.charter.scope_in).toEqual(['prenatal outreach', 'doula support']);
      const [fu] = after.decisions.find((d) => d.decision_id === 'D1')!.follow_ups;
      expect(fu).toMatchObject({ partner_id: A, overdue: true, done_on: null });
      // The same follow-ups as partner relationships: done through the relationship route.
      await completeFollowUp(db, fu!.follow_up_id, '2025-03-30', SYSTEM);
      const done = (await getWorkspace(db, 'PS1', SYSTEM)).decisions.find((d) => d.decision_id === 'D1')!.follow_ups[0];
      expect(done).toMatchObject({ done_on: '2025-03-30', overdue: false });
      await expect(recordDecision(db, 'PS1', 'D1', decision, SYSTEM)).rejects.toThrow(/already in the log/);
    });

    it('keeps the plan free of impossible dependencies and flags overdue milestones', async () => {
      await putPhase(db, 'PS1', 'Y1', { ordinal: 1, name: 'Year 1', starts_on: '2025-01-01', ends_on: '2025-12-31' }, SYSTEM);
      await putPhase(db, 'PS1', 'Y2', { ordinal: 2, name: 'Year 2', starts_on: '2026-01-01', ends_on: '2026-12-31' }, SYSTEM);
      const activity = {
        phase_id: 'Y1',
        title: 'Referral path',
        integrated: true,
        milestone: true,
        owner_partner_id: A,
        starts_on: '2025-02-01',
        due_on: '2025-06-30',
        done_on: null,
        depends_on: [],
      };
      await putActivity(db, 'PS1', 'A1', activity, SYSTEM);
      await putActivity(
        db,
        'PS1',
        'A2',
        { ...activity, phase_id: 'Y2', milestone: false, depends_on: ['A1'], starts_on: '2026-01-05', due_on: '2099-01-01' },
        SYSTEM,
      );
      await expect(putActivity(db, 'PS1', 'A1', { ...activity, depends_on: ['A1'] }, SYSTEM)).rejects.toThrow(/cannot depend on itself/);
      await expect(putActivity(db, 'PS1', 'A1', { ...activity, depends_on: ['A2'] }, SYSTEM)).rejects.toThrow(/later phase \(Y2\)/);
      await putActivity(db, 'PS1', 'A3', { ...activity, milestone: false, depends_on: ['A1'] }, SYSTEM);
      await expect(putActivity(db, 'PS1', 'A1', { ...activity, depends_on: ['A3'] }, SYSTEM)).rejects.toThrow('A1 → A3 → A1');
      await expect(putActivity(db, 'PS1', 'A4', { ...activity, owner_partner_id: 'NOPE' }, SYSTEM)).rejects.toThrow(/not a member/);
      const w = await getWorkspace(db, 'PS1', SYSTEM);
      expect(w.activities.filter((a) => a.overdue).map((a) => a.activity_id)).toEqual(['A1', 'A3']);
      expect((await listPartnershipSummaries(db, SYSTEM))[0]).toMatchObject({ overdue_milestones: 1, members: 2 });
    });

    it("takes results only for periods of a measure's cycle, and lists the overdue ones", async () => {
      await expect(putResult(db, 'PS1', 'M1', '2025-03', { value: 12, note: null }, SYSTEM)).rejects.toMatchObject({
        errors: [{ column: 'period', reason: 'period 2025-03 is a month; this measure is assessed every quarter' }],
      });
      await expect(putResult(db, 'PS1', 'M1', '2024-Q4', { value: 12, note: null }, SYSTEM)).rejects.toThrow(
        /before the partnership began/,
      );
      await expect(putResult(db, 'PS1', 'M1', '2099-Q1', { value: 12, note: null }, SYSTEM)).rejects.toThrow(/not over yet/);
      await putResult(db, 'PS1', 'M1', '2025-Q1', { value: 30, note: 'first count' }, SYSTEM);
      const w = await getWorkspace(db, 'PS1', SYSTEM);
      const m1 = w.measures.find((m) => m.measure_id === 'M1')!;
      expect(m1).toMatchObject({ latest: { period: '2025-Q1', value: 30 }, progress: 0.5 });
      const calendar = w.calendar.filter((c) => c.measure_id === 'M1');
      expect(calendar[0]).toMatchObject({ period: '2025-Q1', due_on: '2025-04-30', status: 'reported' });
      expect(calendar[1]).toMatchObject({ period: '2025-Q2', due_on: '2025-07-30', status: 'overdue' });
    });

    it('refuses organization measures without a member organization and bad metric bindings', async () => {
      await expect(putMeasure(db, 'PS1', 'M2', measure({ level: 'organization' }), SYSTEM)).rejects.toThrow(
        /belongs to one member organization/,
      );
      await expect(putMeasure(db, 'PS1', 'M2', measure({ level: 'organization', partner_id: 'NOPE' }), SYSTEM)).rejects.toThrow(
        /not a member/,
      );
      await expect(putMeasure(db, 'PS1', 'M3', measure({ level: 'population', metric_key: 'nope' }), SYSTEM)).rejects.toThrow(
        /not a scorecard metric/,
      );
      await expect(
        putMeasure(db, 'PS1', 'M3', measure({ level: 'population', metric_key: 'members_per_case_manager' }), SYSTEM),
      ).rejects.toThrow(/split by risk tier/);
      await expect(putMeasure(db, 'PS1', 'M3', measure({ metric_key: 'contact_rate' }), SYSTEM)).rejects.toThrow(/not population-level/);
    });

    it('computes a bound population measure for the area and the rest of the plan, as the reference does', async () => {
      await putMeasure(
        db,
        'PS1',
        'POP',
        measure({ level: 'population', name: 'Contact rate', unit: '%', metric_key: 'contact_rate', baseline: null, target: 0.5 }),
        SYSTEM,
      );
      const w = await getWorkspace(db, 'PS1', SYSTEM);
      const pop = w.measures.find((m) => m.measure_id === 'POP')!;
      expect(pop.results.length).toBeGreaterThanOrEqual(7);
      const inArea = new Set(plan.members!.filter((m) => m.county === 'Yakima').map((m) => m.member_id));
      let compared = 0;
      for (const r of pop.results) {
        const p = parsePeriod(r.period);
        const area = referenceScorecard(plan, p, null, TZ, (id) => inArea.has(id)).find((x) => x.metric === 'contact_rate')!;
        const rest = referenceScorecard(plan, p, null, TZ, (id) => !inArea.has(id)).find((x) => x.metric === 'contact_rate')!;
        expect([r.period, r.value]).toEqual([r.period, area.value]);
        expect([r.period, r.rest_of_plan]).toEqual([r.period, rest.value]);
        if (area.value !== null) compared++;
      }
      expect(compared).toBeGreaterThan(0);
      // Segments narrow the area: Spanish speakers in Yakima, against everyone else.
      await putPartnership(db, 'PS2', { ...input, area: { counties: ['Yakima'], zips: [], segments: { language: ['es'] } } }, SYSTEM);
      await putMeasure(
        db,
        'PS2',
        'POP',
        measure({ level: 'population', unit: '%', metric_key: 'contact_rate', baseline: null, target: 0.5 }),
        SYSTEM,
      );
      const narrow = new Set(plan.members!.filter((m) => m.county === 'Yakima' && m.language === 'es').map((m) => m.member_id));
      for (const r of (await getWorkspace(db, 'PS2', SYSTEM)).measures[0]!.results) {
        const p = parsePeriod(r.period);
        const area = referenceScorecard(plan, p, null, TZ, (id) => narrow.has(id)).find((x) => x.metric === 'contact_rate')!;
        const rest = referenceScorecard(plan, p, null, TZ, (id) => !narrow.has(id)).find((x) => x.metric === 'contact_rate')!;
        expect([r.period, r.value, r.rest_of_plan]).toEqual([r.period, area.value, rest.value]);
      }
      await expect(putResult(db, 'PS1', 'POP', '2025-Q1', { value: 1, note: null }, SYSTEM)).rejects.toThrow(/takes no entered results/);
      expect(w.calendar.filter((c) => c.measure_id === 'POP').every((c) => c.status === 'computed')).toBe(true);
    });

    it('shows a partner only the partnerships it committed to, and lets it change only its own', async () => {
      expect((await listPartnershipSummaries(db, partnerAccount(A))).map((p) => p.partnership_id)).toEqual(['PS1']);
      expect(await listPartnershipSummaries(db, partnerAccount(C))).toEqual([]); // approached, not committed
      await expect(getWorkspace(db, 'PS1', partnerAccount(C))).rejects.toThrow(/no such partnership/);
      const seen = await getWorkspace(db, 'PS1', partnerAccount(A));
      expect(seen.members.map((m) => m.partner_id).sort()).toEqual([A, B].sort()); // not the prospect
      const commitment = {
        partner_id: A,
        what: 'Two nurses, four hours a week',
        resources: 'staff',
        cost: 12000,
        borne_by: A,
        status: 'agreed' as const,
        due_on: null,
      };
      await putCommitment(db, 'PS1', 'C1', commitment, partnerAccount(A));
      await putCommitment(db, 'PS1', 'C2', { ...commitment, partner_id: B }, SYSTEM);
      await expect(
        putCommitment(db, 'PS1', 'C2', { ...commitment, partner_id: B, status: 'withdrawn' }, partnerAccount(A)),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await expect(putCommitment(db, 'PS1', 'C1', { ...commitment, partner_id: B }, partnerAccount(A))).rejects.toMatchObject({
        code: 'forbidden',
      });
      await putMeasure(db, 'PS1', 'ORG', measure({ level: 'organization', partner_id: A, name: 'Nurse visits' }), SYSTEM);
      await putResult(db, 'PS1', 'ORG', '2025-Q1', { value: 20, note: null }, partnerAccount(A));
      await expect(putResult(db, 'PS1', 'M1', '2025-Q2', { value: 20, note: null }, partnerAccount(A))).rejects.toMatchObject({
        code: 'forbidden',
      });
      expect((await getWorkspace(db, 'PS1', SYSTEM)).commitments.map((c) => [c.commitment_id, c.cost])).toEqual([
        ['C1', 12000],
        ['C2', 12000],
      ]);
    });
  });
}
