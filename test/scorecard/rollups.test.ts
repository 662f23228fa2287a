// The rollups behind the scorecard: kept up to date by every kind of change, equal to a
// rebuild from scratch, equal to the raw ledger, and actually what the scorecard reads.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { correctAction, recordAction, voidAction } from '../../src/domain/actions/actions.service.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { periodsOfYear } from '../../src/domain/rollups/cube.sql.js';
import type { ImportHooks, ImportReport } from '../../src/domain/import/import-report.js';
import { completeRollups } from '../../src/domain/rollups/build-in-steps.js';
import { rebuild, rebuildIfStale } from '../../src/domain/rollups/rebuild-beside.js';
import { lockRollups as lockRollupsForTest } from '../../src/domain/rollups/rollups.queries.js';
import { coverage, rebuildRollups } from '../../src/domain/rollups/rollups.service.js';
import { createApiToken, createUser } from '../../src/domain/auth/users.service.js';
import { buildApp } from '../../src/http/app.js';
import { computeScorecard, populationAggregates, type ScorecardRow } from '../../src/domain/scorecard/scorecard.service.js';
import { parsePeriod } from '../../src/domain/metrics/periods.js';
import { SEGMENTS } from '../../src/domain/metrics/segments.js';
import { setSetting } from '../../src/domain/settings/settings.service.js';
import { testTargets } from '../support/db-targets.js';
import { generateEdgePlan, writePlan, type Plan, type Row } from '../support/edge-plan.js';

async function cubeSnapshot(db: Db): Promise<unknown[]> {
  const { rows: cube } = await sql`SELECT * FROM scorecard_cube ORDER BY period, segment, segment_value`.execute(db.kysely);
  const { rows: caseload } = await sql`SELECT * FROM caseload_cube ORDER BY period, segment, segment_value`.execute(db.kysely);
  const { rows: facts } = await sql`SELECT * FROM member_facts ORDER BY label, member_id`.execute(db.kysely);
  return [cube, caseload, facts];
}

const actionsIn = (rows: ScorecardRow[], principle: number): number =>
  rows.find((r) => r.metric === 'principle_actions' && r.principle === principle)!.numerator!;

for (const target of testTargets()) {
  describe(`scorecard rollups (${target.name})`, () => {
    let db: Db;
    let dir: string;
    let step = 0;
    const load = async (files: Plan, hooks: ImportHooks = {}): Promise<void> => {
      const report = await importPaths(db, [writePlan(files, join(dir, `step-${++step}`))], {
        reportDir: join(dir, `report-${step}`),
        ...hooks,
      });
      expect(report.files.filter((f) => f.error).map((f) => `${f.file}: ${f.error}`)).toEqual([]);
      expect(report.totals.rejected).toBe(0);
    };
    beforeAll(async () => {
      db = await target.open();
      dir = mkdtempSync(join(tmpdir(), 'diplomat-rollups-'));
      await setSetting(db, 'timezone', 'America/Chicago');
    });
    afterAll(async () => {
      await db?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('every kind of change keeps the cube equal to a rebuild from scratch and to the raw ledger', async () => {
      const plan = generateEdgePlan(5, 70);
      const half = Math.floor(plan.actions!.length / 2);
      const indexes = async (): Promise<unknown[]> =>
        (
          await sql`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename NOT LIKE '%_cube' AND tablename <> 'member_facts' ORDER BY indexname`.execute(
            db.kysely,
          )
        ).rows;
      const before = await indexes();
      // A first load into empty tables takes the bulk path (indexes dropped and built again).
      await load(
        { ...plan, actions: plan.actions!.slice(0, half), member_activity: plan.member_activity!.slice(0, 20) },
        { tuning: { bulkLoadMinRows: 1 } },
      );
      expect(await indexes()).toEqual(before);
      let cov = await coverage(db.kysely);
      expect(cov.fresh).toBe(true);
      // Renewal guidance up to 90 days before a February due date falls in 2024.
      expect([...cov.years].sort()).toEqual([2024, 2025]);

      // More actions and activity for members already counted: deltas, not a rebuild — here
      // one period at a time and through a semi-join, as for a large increment.
      await load(
        { actions: plan.actions!.slice(half), member_activity: plan.member_activity!.slice(20) },
        { rollupTuning: { perPeriodFrom: 1, probeMembersUpTo: 0 } },
      );
      // Attribution changes move members between partner segments (SPEC §7.2): open spans end
      // on June 30 and a new partner takes over on July 1, as deltas.
      const reattributed = plan
        .attributions!.filter((a) => a.attributed_to === '')
        .flatMap((a, i) =>
          i % 2 === 0
            ? [
                { ...a, attributed_to: '2025-06-30' },
                { ...a, partner_id: 'P-PAY', attributed_from: '2025-07-01' },
              ]
            : [],
        );
      expect(reattributed.length).toBeGreaterThan(4);
      await load({ attributions: reattributed });
      // Attributes that move members between segments, tiers and E(P); a staff role; caseloads.
      const members = plan.members!.map((m, i) =>
        i % 4 === 0 ? { ...m, risk_tier: m.risk_tier === 'high' ? 'low' : 'high', county: 'Spokane' } : m,
      );
      const enrollments = plan.enrollments!.map((e, i) =>
        i % 6 === 0 ? { ...e, line_of_business: 'medicaid', enrolled_to: '2025-05-31' } : e,
      );
      const staff = plan.staff!.map((s) => (s.staff_id === 'SW1' ? { ...s, role: 'case_manager' } : s));
      const caseload = plan.caseload!.map((c, i) => (i % 3 === 0 ? { ...c, unassigned_on: '2025-02-14' } : c));
      // A change touching a large share of the members rebuilds instead of applying deltas: here
      // the members file (a quarter of them change) with the threshold lowered to a fifth.
      const builtAt = async (): Promise<number> =>
        new Date((await db.kysely.selectFrom('rollup_state').select('built_at').executeTakeFirstOrThrow()).built_at).getTime();
      const builtBefore = await builtAt();
      await load(
        {
          members,
          enrollments,
          staff,
          caseload,
          care_programs: [{ member_id: 'M0003', program: 'asthma', enrolled_on: '2025-05-01', disenrolled_on: '' }],
          renewals: [{ member_id: 'M0004', due_on: '2025-08-31' }],
        },
        { rollupTuning: { rebuildShare: 0.2, rebuildMinMembers: 0 } },
      );
      expect(await builtAt()).toBeGreaterThan(builtBefore);

      // The API: record (reflected in the very next read), correct to another member and date, void.
      const julyActions = actionsIn(await computeScorecard(db, { period: '2025-07' }), 3);
      await recordAction(
        db,
        { member_id: 'M0000', action_type: 'transportation', occurred_at: '2025-07-04T09:00:00', minutes: 30 },
        'rollups-test-1',
      );
      expect(actionsIn(await computeScorecard(db, { period: '2025-07' }), 3)).toBe(julyActions + 1);
      const moved = plan.actions!.find((a) => a.member_id !== '' && a.member_id !== 'M0007')!;
      await correctAction(
        db,
        moved.action_id!,
        { changes: { member_id: 'M0007', occurred_at: '2025-11-30T23:30:00' }, reason: 'wrong member' },
        'test',
      );
      await voidAction(db, plan.actions![10]!.action_id!, 'entered twice', 'test');

      // Actions in a year not covered yet extend the cube to it.
      await load({ actions: [{ ...plan.actions![5]!, action_id: 'NEXT-1', occurred_at: '2026-01-01T00:30:00' }] });
      cov = await coverage(db.kysely);
      expect([...cov.years].sort()).toEqual([2024, 2025, 2026]);
      // …and leaves the planner member_facts' new size, as a rebuild does: the next changes' plans
      // depend on it. (On Citus the coordinator's table holds no rows to count.)
      if (target.name !== 'citus') {
        const { rows } = await sql<{ estimated: number; counted: number }>`
          SELECT (SELECT reltuples FROM pg_class WHERE oid = 'member_facts'::regclass)::int AS estimated,
            (SELECT count(*) FROM member_facts)::int AS counted`.execute(db.kysely);
        expect(rows[0]!.estimated).toBe(rows[0]!.counted);
      }

      // New actions are added to the stored facts without reading history, except renewal
      // guidance, which counts for renewals due up to 90 days later: guidance dated in July
      // guides a renewal due in August, a period the action itself is not in.
      const guided = async (period = '2025-08'): Promise<number> =>
        (await computeScorecard(db, { period })).find((r) => r.metric === 'guided_renewal_rate')!.numerator!;
      await load({
        members: [{ ...plan.members![1]!, member_id: 'M-RN' }],
        enrollments: [{ ...plan.enrollments![0]!, member_id: 'M-RN', enrolled_from: '2025-01-01', enrolled_to: '' }],
        renewals: [
          { member_id: 'M-RN', due_on: '2025-08-31' },
          { member_id: 'M-RN', due_on: '2025-12-15' },
        ],
      });
      const guidedInDecember = await guided('2025-12');
      const guidedBefore = await guided();
      await load({
        actions: [
          {
            ...plan.actions![5]!,
            action_id: 'RN-1',
            member_id: 'M-RN',
            action_type: 'renewal_guidance',
            occurred_at: '2025-07-10T10:00:00',
          },
          { ...plan.actions![6]!, action_id: 'RN-2', occurred_at: '2025-07-11T10:00:00' },
        ],
      });
      expect(await guided()).toBe(guidedBefore + 1);
      // Guidance for a renewal guided already adds nothing; two for one renewal add it once.
      const guidance = (id: string, day: string): Row => ({
        ...plan.actions![5]!,
        action_id: id,
        member_id: 'M-RN',
        action_type: 'renewal_guidance',
        occurred_at: `${day}T10:00:00`,
      });
      await load({ actions: [guidance('RN-3', '2025-08-01'), guidance('RN-4', '2025-10-01'), guidance('RN-5', '2025-10-02')] });
      expect(await guided()).toBe(guidedBefore + 1);
      expect(await guided('2025-12')).toBe(guidedInDecember + 1);

      // New actions alone add to their members' stored facts: one member's in three months of a
      // quarter and twice in one month, so a month's facts are its own counts and the quarter's and
      // the year's the sums of several months.
      const someone = plan.actions!.find((a) => a.member_id !== '')!;
      await load({
        actions: ['2025-04-03', '2025-05-20', '2025-06-28', '2025-06-29'].map((day, i) => ({
          ...someone,
          action_id: `MONTHS-${i}`,
          occurred_at: `${day}T10:00:00`,
        })),
      });

      const labels = [...periodsOfYear(2025), ...periodsOfYear(2026)].map((p) => p.label);
      const scorecards = async (live: boolean): Promise<ScorecardRow[][]> => {
        const all: ScorecardRow[][] = [];
        for (const period of labels) for (const by of [null, ...SEGMENTS]) all.push(await computeScorecard(db, { period, by }, { live }));
        return all;
      };
      const incremental = await cubeSnapshot(db);
      const fromCube = await scorecards(false);
      expect(fromCube).toEqual(await scorecards(true));

      // On PostgreSQL the rebuild runs beside the live cube on several connections (rebuild-beside.ts).
      await rebuild(db);
      expect(await cubeSnapshot(db)).toEqual(incremental);
      expect(await scorecards(false)).toEqual(fromCube);
    });

    it.skipIf(target.name !== 'postgres')(
      'a rebuild on PostgreSQL leaves readers the previous cube until it swaps in the new one',
      async () => {
        const before = await computeScorecard(db, { period: '2025-03' });
        // Behind the rollups' back (never done by Diplomat): the ledger now says otherwise, so the
        // rebuilt cube differs from the one readers have.
        await sql`UPDATE actions SET minutes = coalesce(minutes, 0) + 500 WHERE occurred_at >= '2025-03-01' AND occurred_at < '2025-03-25'`.execute(
          db.kysely,
        );
        const live = await computeScorecard(db, { period: '2025-03' }, { live: true });
        expect(live).not.toEqual(before);
        const events: string[] = [];
        let during: Promise<ScorecardRow[]> | undefined;
        const rebuilt = rebuild(db, () => {
          // While the builders work: a rebuild in one transaction would hold this read until it ends.
          during ??= computeScorecard(db, { period: '2025-03' }).finally(() => events.push('read'));
        }).finally(() => events.push('rebuilt'));
        await rebuilt;
        expect(await during).toEqual(before);
        expect(events).toEqual(['read', 'rebuilt']);
        expect(await computeScorecard(db, { period: '2025-03' })).toEqual(live);
        const { rows } = await sql<{ name: string }>`
        SELECT relname AS name FROM pg_class WHERE relname LIKE '%\_next%' ORDER BY 1`.execute(db.kysely);
        expect(rows, 'the tables it built in are the live ones now, keys included').toEqual([]);

        // Two rebuilds at once (two operators): the second waits for the first instead of taking
        // the tables it builds in.
        const cube = await cubeSnapshot(db);
        await Promise.all([rebuild(db), rebuild(db)]);
        expect(await cubeSnapshot(db)).toEqual(cube);
      },
    );

    it.skipIf(target.name !== 'postgres')('two imports of the same new action at once count it once', async () => {
      const { rows } = await sql<Record<string, string | null>>`
        SELECT member_id, action_type, to_char(occurred_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS occurred_at, staff_id, channel, outcome
        FROM actions WHERE voided_at IS NULL AND occurred_at >= '2025-03-01' ORDER BY action_id LIMIT 1`.execute(db.kysely);
      const action = { ...rows[0]!, action_id: 'TWICE-1' };
      const files = (n: number): string => writePlan({ actions: [action] }, join(dir, `twice-${n}`));
      const [one, two] = [files(1), files(2)];
      // The rollups' lock held elsewhere, so both imports are staged and waiting before either writes.
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let locked!: () => void;
      const taken = new Promise<void>((resolve) => (locked = resolve));
      const holder = db.kysely.transaction().execute(async (trx) => {
        await lockRollupsForTest(trx);
        locked();
        await held;
      });
      await taken;
      const imports = [one, two].map((path, i) => importPaths(db, [path], { reportDir: join(dir, `twice-report-${i}`) }));
      for (let waiting = 0, tries = 0; waiting < 2; tries++) {
        expect(tries, 'both imports wait for the lock').toBeLessThan(500);
        await new Promise((r) => setTimeout(r, 20));
        const { rows: w } = await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`.execute(db.kysely);
        waiting = w[0]!.n;
      }
      release();
      await holder;
      const reports = await Promise.all(imports);
      // Before the lock came ahead of the check, both found the action new and both added it.
      const incremental = await cubeSnapshot(db);
      await rebuild(db);
      expect(await cubeSnapshot(db)).toEqual(incremental);
      expect(reports.map((r) => [r.totals.accepted, r.totals.duplicates]).sort()).toEqual([
        [0, 1],
        [1, 0],
      ]);
    });

    it('adds minute totals beyond a 32-bit integer (counts are stored as integers, minutes are not)', async () => {
      const { rows } = await sql<{ member_id: string }>`
        SELECT member_id FROM member_facts WHERE label = '2025-03' ORDER BY member_id LIMIT 1`.execute(db.kysely);
      const big = (n: number): Record<string, string> => ({
        action_id: `BIG-MINUTES-${n}`,
        member_id: rows[0]!.member_id,
        action_type: 'hra_call',
        occurred_at: '2025-03-10T15:00:00Z',
        minutes: '2000000000',
      });
      await load({ actions: [big(1), big(2)] });
      const incremental = await cubeSnapshot(db);
      await rebuild(db);
      expect(await cubeSnapshot(db)).toEqual(incremental);
      const { rows: facts } = await sql<{ m: string }>`
        SELECT max(principle_minutes_1 + principle_minutes_2 + principle_minutes_3 + principle_minutes_4)::text AS m
        FROM member_facts WHERE label = '2025'`.execute(db.kysely);
      expect(BigInt(facts[0]!.m)).toBeGreaterThanOrEqual(4_000_000_000n);
    });

    it('the scorecard reads the cube, not the raw actions; a new time zone falls back to the ledger until rebuilt', async () => {
      const cubeRows = await computeScorecard(db, { period: '2025-03' });
      // Behind the rollups' back (never done by Diplomat): the cube no longer matches the ledger.
      await sql`UPDATE actions SET minutes = coalesce(minutes, 0) + 1000 WHERE occurred_at >= '2025-03-10' AND occurred_at < '2025-03-20'`.execute(
        db.kysely,
      );
      expect(await computeScorecard(db, { period: '2025-03' })).toEqual(cubeRows);
      expect(await computeScorecard(db, { period: '2025-03' }, { live: true })).not.toEqual(cubeRows);

      await setSetting(db, 'timezone', 'UTC');
      expect((await coverage(db.kysely)).fresh).toBe(false);
      const live = await computeScorecard(db, { period: '2025-03' }, { live: true });
      expect(await computeScorecard(db, { period: '2025-03' })).toEqual(live);
      expect(await rebuildIfStale(db)).toBe(true);
      expect((await coverage(db.kysely)).fresh).toBe(true);
      expect(await computeScorecard(db, { period: '2025-03' })).toEqual(live);
    });

    it('built in steps while serving: the scorecard answers 503 meanwhile; a change mid-way starts the year again; equal to a rebuild', async () => {
      const app = await buildApp({ db });
      const user = await createUser(db, { email: 'steps@test.local', role: 'manager', password: 'steps test password 123' });
      const authorization = `Bearer ${(await createApiToken(db, user.user_id, 'steps', 1)).token}`;
      // A new time zone leaves the cube stale: the build empties it and builds every year in steps.
      await setSetting(db, 'timezone', 'America/Chicago');
      let steps = 0;
      let during: Promise<{ status: number; code: unknown; retryAfter: unknown }> | undefined;
      let narrower: Promise<unknown> | undefined;
      let change: Promise<unknown> | undefined;
      const { years } = await completeRollups(db.kysely, () => {
        steps++;
        during ??= app
          .inject({ method: 'GET', url: '/api/scorecard?period=2025-03', headers: { authorization } })
          .then((r) => ({ status: r.statusCode, code: r.json<{ code: unknown }>().code, retryAfter: r.headers['retry-after'] }));
        // A population narrower than a cube cell (a contract's partner and line of business) is
        // always computed live: it does not wait.
        narrower ??= populationAggregates(db, parsePeriod('2025-03'), null, [{ segment: 'line_of_business', value: 'medicaid' }]);
        // A recording while 2026 (built first) is half done.
        if (steps === 5) {
          change = recordAction(
            db,
            { member_id: 'M0000', action_type: 'outreach', occurred_at: '2026-01-02T09:00:00', outcome: 'reached' },
            'steps-test-1',
          );
        }
      });
      await change;
      await app.close();
      expect(years).toEqual([2024, 2025, 2026]);
      expect(await during).toEqual({ status: 503, code: 'unavailable', retryAfter: '5' });
      expect(await narrower).toHaveLength(1);
      // The recording changed the ledger between two steps: the year's periods were built again.
      expect(steps).toBeGreaterThan(3 * 17);
      const inSteps = await cubeSnapshot(db);
      await rebuildRollups(db.kysely);
      expect(await cubeSnapshot(db)).toEqual(inSteps);
      expect(await computeScorecard(db, { period: '2026-01' })).toEqual(await computeScorecard(db, { period: '2026-01' }, { live: true }));
    });

    // Not on Citus, which refuses triggers on distributed tables: it builds in the merge's transaction, as the embedded database does.
    it.skipIf(target.name === 'citus')(
      'the years an import brings: built after its commit on a server (a failed build keeps the rows and warns), in its transaction elsewhere',
      async () => {
        const fresh = await target.open();
        try {
          await setSetting(fresh, 'timezone', 'America/Chicago');
          const plan = generateEdgePlan(11, 30);
          const files = join(dir, `years-${target.name}`);
          const importInto = async (p: Plan, at: string): Promise<ImportReport> =>
            importPaths(fresh, [writePlan(p, join(files, at))], { reportDir: join(files, `${at}-report`) });
          await importInto({ ...plan, actions: [] }, 'plan');
          // The builds fail wherever they run: at the first period's member facts.
          await sql`CREATE FUNCTION refuse_facts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no facts today'; END $$`.execute(
            fresh.kysely,
          );
          await sql`CREATE TRIGGER refuse_facts BEFORE INSERT ON member_facts EXECUTE FUNCTION refuse_facts()`.execute(fresh.kysely);
          const failed = await importInto({ actions: plan.actions! }, 'failed');
          const actionsKept = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM actions`.execute(fresh.kysely)).rows[0]!.n);
          if (target.name === 'postgres') {
            // Built after the commit, on the builders' connections: the rows stay, the years wait.
            expect(failed.files[0]!.error).toBeNull();
            expect(failed.files[0]!.accepted).toBeGreaterThan(100);
            expect(failed.files[0]!.warnings).toEqual([
              expect.stringMatching(/rollups of their new year could not be built \(no facts today\)/),
            ]);
            expect(actionsKept).toBe(failed.files[0]!.accepted);
            expect([...(await coverage(fresh.kysely)).years]).toEqual([]);
            expect(await computeScorecard(fresh, { period: '2025-03' })).toEqual(
              await computeScorecard(fresh, { period: '2025-03' }, { live: true }),
            );
          } else {
            // In the merge's transaction: the file is refused as a whole.
            expect(failed.files[0]!.error).toMatch(/no facts today/);
            expect(actionsKept).toBe(0);
          }
          await sql`DROP TRIGGER refuse_facts ON member_facts`.execute(fresh.kysely);
          // What an interrupted build of a year left behind goes before the year is built.
          await sql`INSERT INTO member_facts (label, member_id) VALUES ('2025-03', 'M0000')`.execute(fresh.kysely);
          const again = await importInto({ actions: plan.actions! }, 'again');
          expect(again.files[0]!.warnings).toEqual([]);
          expect([...(await coverage(fresh.kysely)).years].sort()).toEqual([2024, 2025]);
          const built = await cubeSnapshot(fresh);
          await rebuildRollups(fresh.kysely);
          expect(await cubeSnapshot(fresh)).toEqual(built);
        } finally {
          await fresh.close();
        }
      },
    );

    it('a build in steps over a ledger without actions still leaves member_facts keyed', async () => {
      const empty = await target.open();
      try {
        expect((await coverage(empty.kysely)).fresh).toBe(false);
        expect((await completeRollups(empty.kysely)).years).toEqual([]);
        expect((await coverage(empty.kysely)).fresh).toBe(true);
        const { rows } = await sql<{ n: number }>`
          SELECT count(*)::int AS n FROM pg_constraint WHERE conrelid = 'member_facts'::regclass AND contype = 'p'`.execute(empty.kysely);
        expect(rows[0]!.n).toBe(1);
      } finally {
        await empty.close();
      }
    });
  });
}
