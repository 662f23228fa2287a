// Benchmark steps through the HTTP API on a loopback port: an increment through the import
// endpoint, one recorded action then the scorecard, each worklist's first page, and the API under
// load (autocannon).
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { createApiToken, createUser } from '../src/domain/auth/users.service.js';
import { buildApp } from '../src/http/app.js';
import type { BenchContext } from './import-steps.js';
import { WORKLISTS } from '../src/domain/worklists/worklists.definitions.js';
import { fmt, median, timed } from './measure.js';
import { increment } from './plan-files.js';

interface Api {
  url: string;
  authorization: string;
  /** A member enrolled all year, so every action recorded for them counts in every 2025 period. */
  member: string;
  /** Settles when the latest import job has finished. */
  jobDone: () => Promise<void>;
  close: () => Promise<void>;
}

async function startApi(ctx: BenchContext): Promise<Api> {
  let jobDone: Promise<void> = Promise.resolve();
  const app = await buildApp({ db: ctx.db, onImportJob: (done) => void (jobDone = done) });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const user = await createUser(ctx.db, { email: `bench-${Date.now()}@bench.local`, role: 'manager', password: 'bench password 123' });
  const authorization = `Bearer ${(await createApiToken(ctx.db, user.user_id, 'bench', 1)).token}`;
  // Not simply M0000001: in a small plan that member may leave mid-year, and actions recorded
  // after that count in no scorecard (the check below would then report a false mismatch).
  const { rows } = await sql<{ member_id: string }>`
    SELECT member_id FROM enrollments WHERE enrolled_from <= '2025-01-01' AND (enrolled_to IS NULL OR enrolled_to >= '2025-12-31')
    ORDER BY member_id LIMIT 1`.execute(ctx.db.kysely);
  const member = rows[0]?.member_id ?? 'M0000001';
  return { url, authorization, member, jobDone: () => jobDone, close: () => app.close() };
}

async function incrementViaApi(ctx: BenchContext, api: Api, rows: number): Promise<void> {
  const file = await increment(ctx.dir, rows, 'API');
  const { ms } = await timed(async () => {
    const form = new FormData();
    form.append('file', new Blob([readFileSync(file)]), 'actions.csv');
    const res = await fetch(`${api.url}/api/imports`, { method: 'POST', body: form, headers: { authorization: api.authorization } });
    if (res.status !== 202) throw new Error(`upload answered ${res.status}`);
    await api.jobDone();
    const card = await fetch(`${api.url}/api/scorecard?period=2025-12`, { headers: { authorization: api.authorization } });
    if (card.status !== 200) throw new Error(`scorecard answered ${card.status}`);
  });
  ctx.results.add(ctx.name, `${fmt(rows)} new actions through the API's import until the scorecard shows them (s)`, fmt(ms / 1000, 2));
  ctx.results.record(`${ctx.name}.incrementApi`, { rows, ms });
}

/**
 * One action recorded through the API, then the scorecard read that shows it: the first in this
 * server process (its request schemas and statements met for the first time), then the median of
 * five more, one after another.
 */
async function oneAction(ctx: BenchContext, api: Api): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const { ms } = await timed(async () => {
      const body = JSON.stringify({
        member_id: api.member,
        action_type: 'transportation',
        occurred_at: '2025-12-29T10:00:00Z',
        outcome: 'scheduled',
      });
      const headers = {
        authorization: api.authorization,
        'content-type': 'application/json',
        'idempotency-key': `bench-one-${Date.now()}-${i}`,
      };
      const res = await fetch(`${api.url}/api/actions`, { method: 'POST', body, headers });
      if (res.status !== 201) throw new Error(`record answered ${res.status}`);
      await fetch(`${api.url}/api/scorecard?period=2025-12`, { headers: { authorization: api.authorization } });
    });
    times.push(ms);
  }
  const [first, ...next] = times as [number, ...number[]];
  ctx.results.add(
    ctx.name,
    'one action through the API, then the scorecard showing it: first / median of the next 5 (ms)',
    `${fmt(first, 1)} / ${fmt(median(next), 1)}`,
  );
  ctx.results.record(`${ctx.name}.oneAction`, { ms: median(next), firstMs: first });
}

/**
 * Each worklist's first page (50 rows) on a day of 2025, warm, the median of three: in the API's
 * default sort, and ranked by priority as the web app opens a member list ("who to call first"),
 * which ranks every entry before cutting the page.
 */
async function worklists(ctx: BenchContext, api: Api): Promise<void> {
  for (const ranked of [false, true]) {
    const figures: Record<string, { ms: number; total: number }> = {};
    for (const w of WORKLISTS) {
      if (ranked && !w.sorts.includes('priority')) continue;
      const url = `${api.url}/api/worklists/${w.id}?as_of=2025-06-20${ranked ? '&sort=priority' : ''}`;
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 4; i++) {
        const { result, ms } = await timed(() => fetch(url, { headers: { authorization: api.authorization } }));
        if (result.status !== 200) throw new Error(`${w.id} answered ${result.status}`);
        total = ((await result.json()) as { total: number }).total;
        if (i > 0) times.push(ms);
      }
      figures[w.id] = { ms: median(times), total };
    }
    const line = Object.entries(figures).map(([id, f]) => `${id} ${fmt(f.ms)} (${fmt(f.total)})`);
    const how = ranked ? 'by priority, as the web app opens them' : 'default sort';
    ctx.results.add(ctx.name, `worklists, first page warm, ${how} (ms, and members or staff on the list)`, line.join(' · '));
    ctx.results.record(`${ctx.name}.worklists${ranked ? 'Ranked' : ''}`, figures);
  }
}

/** The plan's actions in 2025-06 as the scorecard counts them: every principle's actions. */
async function actionsCounted(api: Api): Promise<number> {
  const res = await fetch(`${api.url}/api/scorecard?period=2025-06`, { headers: { authorization: api.authorization } });
  const { rows } = (await res.json()) as { rows: { metric: string; numerator: number | null }[] };
  return rows.filter((r) => r.metric === 'principle_actions').reduce((n, r) => n + (r.numerator ?? 0), 0);
}

const CONNECTIONS = 4;

type Load = { rps: number; p50: number; p99: number; errors: number; ok: number };
const loadOf = (r: autocannon.Result): Load => ({
  ok: r['2xx'],
  rps: r.requests.average,
  p50: r.latency.p50,
  p99: r.latency.p99,
  errors: r.errors + r.non2xx,
});
const describe = (l: Load): string => `${fmt(l.rps, 1)}, ${l.p50}/${l.p99}, ${l.errors}`;

async function underLoad(ctx: BenchContext, api: Api, seconds: number): Promise<void> {
  const { authorization } = api;
  const scorecard = loadOf(
    await autocannon({
      url: `${api.url}/api/scorecard?period=2025-06`,
      duration: seconds,
      connections: CONNECTIONS,
      headers: { authorization },
    }),
  );
  ctx.results.add(ctx.name, `API GET scorecard month: req/s, p50/p99 ms, errors`, describe(scorecard));
  let seq = 0;
  const body = JSON.stringify({ member_id: api.member, action_type: 'outreach', occurred_at: '2025-06-03T14:00:00Z', outcome: 'reached' });
  const countedBefore = await actionsCounted(api);
  const record = loadOf(
    await autocannon({
      url: `${api.url}/api/actions`,
      duration: seconds,
      connections: CONNECTIONS,
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      requests: [
        { setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'idempotency-key': `bench-${Date.now()}-${++seq}` }, body }) },
      ],
    }),
  );
  // Every acknowledged recording is in the scorecard that follows it.
  const shown = (await actionsCounted(api)) - countedBefore;
  const raw = await rawInsertRate(ctx, seconds);
  ctx.results.add(
    ctx.name,
    `API POST action: req/s, p50/p99 ms, errors`,
    describe(record),
    `${fmt(raw, 0)}/s one-row INSERTs`,
    `${fmt(record.rps / raw, 2)}×`,
  );
  // A request still in flight when the load stops is recorded but not counted by autocannon.
  const verdict = shown >= record.ok && shown <= record.ok + CONNECTIONS ? 'all there' : 'MISMATCH';
  ctx.results.add(
    ctx.name,
    `  recordings the next scorecard shows (acknowledged + in flight at the end)`,
    `${fmt(shown)} (${fmt(record.ok)} + ≤ ${CONNECTIONS}): ${verdict}`,
  );
  ctx.results.record(`${ctx.name}.api`, { scorecard, recordAction: record, rawInsertsPerSecond: raw });
}

/**
 * The baseline for recording: what the same database does with one-row INSERTs into a bare
 * table, each its own transaction, from as many connections as the API load has clients.
 */
async function rawInsertRate(ctx: BenchContext, seconds: number): Promise<number> {
  const db = ctx.db.kysely;
  await sql`CREATE TABLE bench_raw_insert (member_id text, action_type text, occurred_at timestamptz, outcome text)`.execute(db);
  try {
    let n = 0;
    const until = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < until) {
          await sql`INSERT INTO bench_raw_insert VALUES ('M0000001', 'outreach', '2025-06-03T14:00:00Z', 'reached')`.execute(db);
          n++;
        }
      }),
    );
    return n / ((performance.now() - started) / 1000);
  } finally {
    await sql`DROP TABLE bench_raw_insert`.execute(db);
  }
}

export async function benchApi(ctx: BenchContext, opts: { incrementRows: number | null; seconds: number }): Promise<void> {
  const api = await startApi(ctx);
  try {
    if (opts.incrementRows !== null) await incrementViaApi(ctx, api, opts.incrementRows);
    await oneAction(ctx, api);
    await worklists(ctx, api);
    await underLoad(ctx, api, opts.seconds);
  } finally {
    await api.close();
  }
}
