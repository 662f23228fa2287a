// A partner tries to undo small-cell suppression. It requests, through the HTTP API, every
// scorecard of a year it can see (every period, the whole plan and each segment), then recovers
// what it can: any sum with a single unknown — a segment value as the whole plan minus the other
// values, a month as its quarter minus the other months, a quarter as its year minus the others —
// is solved, and solving repeats with what was learnt until nothing changes. The test fails if a
// hidden count comes back, if a small count is shown, or if a rate or per-1,000 figure gives a
// hidden count away. The same attack against primary suppression alone must succeed, so the
// attack is known to work.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { generateSyntheticPlan } from '../../src/domain/synth/synth.service.js';
import { appWith, bearerFor } from '../http/api-fixture.js';
import { testTargets } from '../support/db-targets.js';

type Json = Record<string, unknown>;
interface Row {
  metric: string;
  principle: number;
  tier: string | null;
  period: string;
  segment: string;
  segment_value: string;
  numerator: number | string | null;
  denominator: number | string | null;
  value: number | null;
  per_1000: number | null;
}
interface MetricInfo {
  id: string;
  principle: number;
  suppressed_for_partners: { numerator: boolean; denominator: boolean };
  counts: { numerator: string; denominator: string | null };
}

const YEAR = '2025';
const SEGMENTS = ['line_of_business', 'product', 'risk_tier', 'county', 'age_band', 'sex', 'race', 'ethnicity', 'language'];
const PERIODS = [
  ...Array.from({ length: 12 }, (_, i) => `${YEAR}-${String(i + 1).padStart(2, '0')}`),
  ...[1, 2, 3, 4].map((q) => `${YEAR}-Q${q}`),
  YEAR,
];
// Counts of events add up over time; counts of members (distinct people) do not.
const EVENTS = new Set(['actions', 'renewals']);

/** A published count: its place and, where shown, its value. */
interface Cell {
  column: string;
  period: string;
  segment: string;
  value: string;
  shown: number | null;
  truth: number;
  unit: string;
}

const monthsOf = (period: string): string[] => {
  if (/^\d{4}-Q\d$/.test(period)) {
    const q = Number(period.slice(6));
    return [1, 2, 3].map((i) => `${period.slice(0, 4)}-${String((q - 1) * 3 + i).padStart(2, '0')}`);
  }
  return [1, 2, 3, 4].map((q) => `${period}-Q${q}`);
};

/** The attack: solve every sum with one unknown until nothing changes; the recovered cells. */
function recover(cells: Cell[], additiveColumns: Set<string>): Cell[] {
  const at = new Map(cells.map((c) => [`${c.column}|${c.period}|${c.segment}|${c.value}`, c]));
  const known = new Map(cells.filter((c) => c.shown !== null).map((c) => [c, c.shown!]));
  const sums: { total: Cell; parts: Cell[] }[] = [];
  const bySegment = new Map<string, Cell[]>();
  for (const c of cells) {
    const place = `${c.column}|${c.period}|${c.segment}`;
    bySegment.set(place, [...(bySegment.get(place) ?? []), c]);
  }
  for (const c of cells) {
    // Segment values sum to the whole plan.
    if (c.segment === 'all')
      for (const segment of SEGMENTS) {
        const parts = bySegment.get(`${c.column}|${c.period}|${segment}`);
        if (parts) sums.push({ total: c, parts });
      }
    // Events of months sum to their quarter, of quarters to their year.
    if (additiveColumns.has(c.column) && !/^\d{4}-\d{2}$/.test(c.period)) {
      const parts = monthsOf(c.period)
        .map((p) => at.get(`${c.column}|${p}|${c.segment}|${c.value}`))
        .filter((x): x is Cell => x !== undefined);
      sums.push({ total: c, parts });
    }
  }
  for (let progress = true; progress;) {
    progress = false;
    for (const { total, parts } of sums) {
      const unknown = [total, ...parts].filter((c) => !known.has(c));
      if (unknown.length !== 1) continue;
      const [u] = unknown as [Cell];
      const partsKnown = parts.filter((p) => p !== u).reduce((s, p) => s + known.get(p)!, 0);
      known.set(u, u === total ? partsKnown : known.get(total)! - partsKnown);
      progress = true;
    }
  }
  return cells.filter((c) => c.shown === null && known.get(c) === c.truth);
}

for (const target of testTargets()) {
  describe(`small-cell suppression against differencing (${target.name})`, () => {
    let db: Db;
    let app: FastifyInstance;
    let dir: string | undefined;
    const rows: Record<'partner' | 'manager', Row[]> = { partner: [], manager: [] };
    let metrics: MetricInfo[] = [];

    beforeAll(async () => {
      db = await target.open();
      dir = mkdtempSync(join(tmpdir(), 'diplomat-disclosure-'));
      await generateSyntheticPlan({ members: 400, outDir: dir, seed: 11, through: `${YEAR}-12` });
      await importPaths(db, [dir], { reportDir: join(dir, 'report') });
      app = await appWith(db);
      const bearer = { partner: await bearerFor(db, 'partner', 'P0001'), manager: await bearerFor(db, 'manager') };
      const get = async (who: 'partner' | 'manager', url: string): Promise<Json> => {
        const res = await app.inject({ method: 'GET', url, headers: { authorization: bearer[who] } });
        expect(res.statusCode, url).toBe(200);
        return res.json();
      };
      metrics = ((await get('manager', '/api/metrics')).metrics as MetricInfo[]) ?? [];
      for (const who of ['partner', 'manager'] as const)
        for (const period of PERIODS)
          for (const by of [null, ...SEGMENTS])
            rows[who].push(...((await get(who, `/api/scorecard?period=${period}${by ? `&by=${by}` : ''}`)).rows as Row[]));
    }, 600_000);
    afterAll(async () => {
      await app?.close();
      await db?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const keyOf = (r: Row): string => `${r.metric}|${r.principle}|${r.tier}|${r.period}|${r.segment}|${r.segment_value}`;
    const infoOf = (r: Row): MetricInfo => metrics.find((m) => m.id === r.metric && m.principle === r.principle)!;

    /** The suppressible counts of the year, as the partner saw them and as they are. */
    function cellsSeen(seen: (truth: Row, shown: Row) => { n: number | null; d: number | null }): Cell[] {
      const truth = new Map(rows.manager.map((r) => [keyOf(r), r]));
      const cells: Cell[] = [];
      for (const shown of rows.partner) {
        const t = truth.get(keyOf(shown))!;
        const info = infoOf(shown);
        const place = { period: shown.period, segment: shown.segment, value: shown.segment_value };
        const column = `${shown.metric}|${shown.principle}|${shown.tier}`;
        const v = seen(t, shown);
        if (info.suppressed_for_partners.numerator && typeof t.numerator === 'number')
          cells.push({ ...place, column: `${column}|n`, shown: v.n, truth: t.numerator, unit: info.counts.numerator });
        if (info.suppressed_for_partners.denominator && typeof t.denominator === 'number')
          cells.push({ ...place, column: `${column}|d`, shown: v.d, truth: t.denominator, unit: info.counts.denominator! });
      }
      return cells;
    }
    const additive = (cells: Cell[]): Set<string> => new Set(cells.filter((c) => EVENTS.has(c.unit)).map((c) => c.column));

    it('asked every scorecard of the year, a partner recovers no hidden count by subtraction', () => {
      const cells = cellsSeen((_, shown) => ({
        n: typeof shown.numerator === 'number' ? shown.numerator : null,
        d: typeof shown.denominator === 'number' ? shown.denominator : null,
      }));
      expect(cells.filter((c) => c.shown === null).length, 'some counts are hidden').toBeGreaterThan(50);
      const recovered = recover(cells, additive(cells));
      expect(recovered.map((c) => `${c.column} ${c.period} ${c.segment}=${c.value}: ${c.truth}`)).toEqual([]);
    });

    it('shows no small count, no small complement, and no rate or per-1,000 figure built on a hidden count', () => {
      for (const r of rows.partner) {
        const info = infoOf(r);
        const months = /^\d{4}-\d{2}$/.test(r.period) ? 1 : /Q/.test(r.period) ? 3 : 12;
        const people = (n: number, unit: string | undefined): number => (unit === 'member_months' ? Math.ceil(n / months) : n);
        if (info.suppressed_for_partners.numerator && typeof r.numerator === 'number')
          expect(people(r.numerator, info.counts.numerator), keyOf(r)).not.toSatisfy((n: number) => n > 0 && n < 11);
        if (info.suppressed_for_partners.denominator && typeof r.denominator === 'number')
          expect(people(r.denominator, info.counts.denominator ?? undefined), keyOf(r)).not.toSatisfy((n: number) => n > 0 && n < 11);
        if (
          info.suppressed_for_partners.numerator &&
          typeof r.numerator === 'number' &&
          typeof r.denominator === 'number' &&
          info.counts.numerator === info.counts.denominator
        )
          expect(r.denominator - r.numerator, `complement ${keyOf(r)}`).not.toSatisfy((n: number) => n > 0 && n < 11);
        if (r.numerator === 'suppressed' || r.denominator === 'suppressed') expect([r.value, r.per_1000], keyOf(r)).toEqual([null, null]);
      }
    });

    it('the same attack recovers counts hidden by primary suppression alone (the attack works)', () => {
      const small = (n: number | string | null): number | null => (typeof n === 'number' && (n === 0 || n >= 11) ? n : null);
      const cells = cellsSeen((truth) => ({ n: small(truth.numerator), d: small(truth.denominator) }));
      expect(recover(cells, additive(cells)).length).toBeGreaterThan(0);
    });
  });
}
