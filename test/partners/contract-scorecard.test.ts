// The contract scorecard (SPEC.md §7.3) and relationship health (§7.4) against an independent
// reading of the SPEC, on both databases, over the edge-case plan (attributions switching
// mid-month, spans ending on a quarter's last day, gaps) with contracts restricted to a line of
// business, threshold equal to target, lower-is-better and tier-split measures, and missing
// reported values; health with a follow-up done exactly on the date asked about.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { computeContractScorecard } from '../../src/domain/contracts/contract-scorecard.service.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { SYSTEM } from '../../src/domain/auth/permissions.js';
import { partnersHealth } from '../../src/domain/partners/relationships.service.js';
import { setSetting } from '../../src/domain/settings/settings.service.js';
import { testTargets } from '../support/db-targets.js';
import { generateEdgePlan, writePlan, type Plan, type Row } from '../support/edge-plan.js';
import { referenceScorecard } from '../support/reference-scorecard.js';

const TZ = 'America/Chicago';

const contracts: Row[] = [
  {
    contract_id: 'C-PROV',
    partner_id: 'P-PROV',
    name: 'Hospital shared savings',
    arrangement: 'shared_savings',
    starts_on: '2024-01-01',
    ends_on: '2025-12-31',
    line_of_business: '',
    max_incentive: '100000',
    renewal_notice_days: '',
  },
  {
    contract_id: 'C-COMM',
    partner_id: 'P-COMM',
    name: 'Food bank P4P (Medicaid)',
    arrangement: 'pay_for_performance',
    starts_on: '2025-02-01',
    ends_on: '',
    line_of_business: 'medicaid',
    max_incentive: '',
    renewal_notice_days: '',
  },
  {
    contract_id: 'C-OLD',
    partner_id: 'P-PH',
    name: 'Ended',
    arrangement: 'mou',
    starts_on: '2023-01-01',
    ends_on: '2024-12-31',
    line_of_business: '',
    max_incentive: '',
    renewal_notice_days: '',
  },
  {
    contract_id: 'C-NONE',
    partner_id: 'P-PAY',
    name: 'No measures',
    arrangement: 'capitation',
    starts_on: '2025-01-01',
    ends_on: '',
    line_of_business: '',
    max_incentive: '',
    renewal_notice_days: '',
  },
];
const m = (
  contract: string,
  year: string,
  id: string,
  source: string,
  metric: string,
  tier: string,
  direction: string,
  threshold: string,
  target: string,
  weight: string,
): Row => ({
  contract_id: contract,
  year,
  measure_id: id,
  name: id,
  source,
  metric,
  tier,
  direction,
  threshold,
  target,
  weight,
});
const measures: Row[] = [
  m('C-PROV', '2025', 'CR', 'scorecard', 'contact_rate', '', 'higher', '0.1', '0.3', '2'),
  m('C-PROV', '2025', 'ATT', 'scorecard', 'contact_attempts_per_member_month', 'high', 'higher', '0.2', '1', '1'),
  m('C-PROV', '2025', 'CM', 'scorecard', 'members_per_case_manager', 'low', 'lower', '3', '1', '1'),
  m('C-PROV', '2025', 'TR', 'scorecard', 'transportation_count', '', 'higher', '1', '1', '1'),
  m('C-PROV', '2025', 'ED', 'reported', '', '', 'lower', '60', '40', '1'),
  m('C-COMM', '2025', 'HRA', 'scorecard', 'hra_call_rate', '', 'higher', '0.05', '0.2', '1'),
  m('C-COMM', '2025', 'P3', 'scorecard', 'principle_actions_3', '', 'higher', '1', '10', '0.5'),
  m('C-OLD', '2024', 'X', 'reported', '', '', 'higher', '1', '2', '1'),
];
const results: Row[] = [
  { contract_id: 'C-PROV', measure_id: 'ED', period: '2025', value: '52', numerator: '', denominator: '', reported_on: '' },
  { contract_id: 'C-PROV', measure_id: 'ED', period: '2025-Q1', value: '65', numerator: '', denominator: '', reported_on: '' },
];

interface RefPeriodFull {
  label: string;
  start: string;
  end: string;
  months: number;
  kind: 'month' | 'quarter' | 'year';
}

const PERIODS: RefPeriodFull[] = [
  { label: '2025-01', start: '2025-01-01', end: '2025-01-31', months: 1, kind: 'month' },
  { label: '2025-02', start: '2025-02-01', end: '2025-02-28', months: 1, kind: 'month' },
  { label: '2025-04', start: '2025-04-01', end: '2025-04-30', months: 1, kind: 'month' },
  { label: '2025-Q1', start: '2025-01-01', end: '2025-03-31', months: 3, kind: 'quarter' },
  { label: '2025-Q2', start: '2025-04-01', end: '2025-06-30', months: 3, kind: 'quarter' },
  { label: '2025', start: '2025-01-01', end: '2025-12-31', months: 12, kind: 'year' },
];

/** SPEC §7.3 read independently: one pass per contract, from the reference plan scorecard. */
function referenceContracts(plan: Plan, p: RefPeriodFull): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const year = Number(p.label.slice(0, 4));
  for (const c of [...contracts].sort((a, b) => a.contract_id!.localeCompare(b.contract_id!))) {
    if (c.starts_on! > p.end || (c.ends_on && c.ends_on < p.start)) continue;
    // Measures in measure_id order, as the output lists them.
    const mine = measures
      .filter((x) => x.contract_id === c.contract_id && Number(x.year) === year)
      .sort((a, b) => a.measure_id!.localeCompare(b.measure_id!));
    if (mine.length === 0) continue;
    const rows = referenceScorecard(plan, p, 'partner', TZ, (_, lob) => !c.line_of_business || lob === c.line_of_business).filter(
      (r) => r.segment_value === c.partner_id,
    );
    const population = rows.find((r) => r.metric === 'contact_rate')?.denominator ?? 0;
    const achieved: { weight: number; a: number | null }[] = [];
    for (const x of mine) {
      let value: number | null;
      let numerator: number | null = null;
      let denominator: number | null = null;
      if (x.source === 'reported') {
        const r = results.find((y) => y.contract_id === c.contract_id && y.measure_id === x.measure_id && y.period === p.label);
        value = r ? Number(r.value) : null;
      } else {
        const [metric, principle] = /^principle_actions_(\d)$/.test(x.metric!)
          ? ['principle_actions', Number(x.metric!.slice(-1))]
          : [x.metric!, null];
        const row = rows.find((r) => r.metric === metric && (principle === null || r.principle === principle) && (r.tier ?? '') === x.tier);
        const isCount = metric.endsWith('_count') || metric === 'principle_actions';
        value = row ? row.value : isCount ? 0 : null;
        numerator = row ? row.numerator : isCount ? 0 : 0;
        denominator = row ? row.denominator : isCount ? null : 0;
      }
      const t = Number(x.threshold);
      const g = Number(x.target);
      let a: number | null = null;
      if (value !== null) {
        if (t === g) a = (x.direction === 'higher' ? value >= g : value <= g) ? 1 : 0;
        else a = Math.min(1, Math.max(0, x.direction === 'higher' ? (value - t) / (g - t) : (t - value) / (t - g)));
      }
      achieved.push({ weight: Number(x.weight), a });
      out.push({ contract_id: c.contract_id, measure_id: x.measure_id, value, numerator, denominator, achievement: a });
    }
    const all = achieved.reduce((s, x) => s + x.weight, 0);
    const scored = achieved.filter((x) => x.a !== null).reduce((s, x) => s + x.weight, 0);
    const earned = achieved.reduce((s, x) => s + x.weight * (x.a ?? 0), 0);
    out.push({
      contract_id: c.contract_id,
      measure_id: null,
      score: scored > 0 ? earned / scored : null,
      coverage: scored / all,
      earned_incentive: p.kind === 'year' && c.max_incentive ? (Number(c.max_incentive) * earned) / all : null,
      population,
    });
  }
  return out;
}

const close = (v: unknown): unknown => (typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v);
const pick = (r: Record<string, unknown>): Record<string, unknown> =>
  r.measure_id === null
    ? {
        contract_id: r.contract_id,
        measure_id: null,
        score: close(r.score),
        coverage: close(r.coverage),
        earned_incentive: close(r.earned_incentive),
        population: r.population,
      }
    : {
        contract_id: r.contract_id,
        measure_id: r.measure_id,
        value: close(r.value),
        numerator: close(r.numerator),
        denominator: close(r.denominator),
        achievement: close(r.achievement),
      };

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'diplomat-contracts-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

for (const target of testTargets()) {
  describe(`contract scorecard and relationship health (${target.name})`, () => {
    let db: Db;
    const plan = generateEdgePlan(11, 90);
    beforeAll(async () => {
      db = await target.open();
      await setSetting(db, 'timezone', TZ);
      const files: Plan = {
        ...plan,
        contracts,
        contract_measures: measures,
        measure_results: results,
        touchpoints: [
          {
            touchpoint_id: 'T1',
            partner_id: 'P-PROV',
            occurred_on: '2025-03-01',
            kind: 'formal',
            type: 'scorecard_review',
            contract_id: 'C-PROV',
            staff_ids: 'CM1',
            summary: '',
            next_step: '',
          },
          {
            touchpoint_id: 'T2',
            partner_id: 'P-PROV',
            occurred_on: '2025-05-20',
            kind: 'informal',
            type: 'call',
            contract_id: '',
            staff_ids: '',
            summary: '',
            next_step: '',
          },
          {
            touchpoint_id: 'T3',
            partner_id: 'P-COMM',
            occurred_on: '2025-06-15',
            kind: 'informal',
            type: 'email',
            contract_id: '',
            staff_ids: '',
            summary: '',
            next_step: '',
          },
          // After the date asked about: does not count.
          {
            touchpoint_id: 'T4',
            partner_id: 'P-PH',
            occurred_on: '2025-07-01',
            kind: 'formal',
            type: 'meeting',
            contract_id: '',
            staff_ids: '',
            summary: '',
            next_step: '',
          },
        ],
        follow_ups: [
          // Done exactly on the date asked about: not overdue.
          {
            follow_up_id: 'F1',
            partner_id: 'P-PROV',
            touchpoint_id: 'T1',
            title: 'Send data',
            owner_staff_id: 'CM1',
            due_on: '2025-06-01',
            done_on: '2025-06-30',
          },
          {
            follow_up_id: 'F2',
            partner_id: 'P-COMM',
            touchpoint_id: '',
            title: 'Call back',
            owner_staff_id: '',
            due_on: '2025-06-01',
            done_on: '',
          },
          // Due on the date: not yet overdue.
          {
            follow_up_id: 'F3',
            partner_id: 'P-PH',
            touchpoint_id: '',
            title: 'Due today',
            owner_staff_id: '',
            due_on: '2025-06-30',
            done_on: '',
          },
        ],
      };
      const dir = join(root, target.name);
      const report = await importPaths(db, [writePlan(files, join(dir, 'in'))], { reportDir: join(dir, 'report') });
      expect(report.files.filter((f) => f.rejected > 0 || f.error).map((f) => f.file)).toEqual([]);
    });
    afterAll(async () => db?.close());

    for (const p of PERIODS) {
      it(`matches the reference for ${p.label}`, async () => {
        const rows = await computeContractScorecard(db, { period: p.label });
        const expected = referenceContracts(plan, p);
        expect(expected.length).toBeGreaterThan(0);
        expect(rows.map((r) => pick(r as unknown as Record<string, unknown>))).toEqual(expected.map(pick));
      });
    }

    it('is the same for one contract asked alone, and nothing for a contract outside its term', async () => {
      const all = await computeContractScorecard(db, { period: '2025-Q1' });
      expect(await computeContractScorecard(db, { period: '2025-Q1', contract: 'C-PROV' })).toEqual(
        all.filter((r) => r.contract_id === 'C-PROV'),
      );
      expect(await computeContractScorecard(db, { period: '2025-01', contract: 'C-COMM' })).toEqual([]);
      expect(await computeContractScorecard(db, { period: '2025', contract: 'C-OLD' })).toEqual([]);
    });

    it('relationship health on 2025-06-30', async () => {
      const rows = await partnersHealth(db, { on: '2025-06-30' }, SYSTEM);
      const by = new Map(rows.map((r) => [r.partner_id, r]));
      // P-PROV: formal 121 days ago (> 90), informal 41 days ago (> 30), F1 done on the day: poor.
      expect(by.get('P-PROV')).toMatchObject({ days_since_formal: 121, days_since_informal: 41, overdue_follow_ups: 0, status: 'poor' });
      // P-COMM: no formal touchpoint, informal 15 days ago, F2 overdue: poor, two reasons.
      expect(by.get('P-COMM')).toMatchObject({ days_since_formal: null, days_since_informal: 15, overdue_follow_ups: 1, status: 'poor' });
      expect(by.get('P-COMM')!.reasons).toEqual(['no formal touchpoint yet (cadence every 90 days)', '1 follow-up overdue']);
      // P-PH: its formal meeting is after the date; F3 due that day is not overdue.
      expect(by.get('P-PH')).toMatchObject({ days_since_formal: null, days_since_informal: null, overdue_follow_ups: 0, status: 'poor' });
      const onFirstOfJuly = await partnersHealth(db, { on: '2025-07-02' }, SYSTEM);
      expect(onFirstOfJuly.find((r) => r.partner_id === 'P-PH')).toMatchObject({
        days_since_formal: 1,
        overdue_follow_ups: 1,
        status: 'poor',
      });
      // One problem only: at risk.
      const early = await partnersHealth(db, { on: '2025-03-20' }, SYSTEM);
      expect(early.find((r) => r.partner_id === 'P-PROV')).toMatchObject({
        days_since_formal: 19,
        days_since_informal: null,
        status: 'at_risk',
      });
    });
  });
}
