// What Citus does with Diplomat's queries, shown by EXPLAIN on the benchmark's cluster: a member's
// reads go to one shard on one worker (router), the ledger-wide ones fan out to every shard in
// parallel, and the scorecard reads the cube, a reference table, on the coordinator.
import { writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from '../src/db/connect.js';

const QUERIES: Record<string, string> = {
  "one member's actions (the member page, a recording's checks)": `SELECT * FROM actions WHERE member_id = 'M0000001' ORDER BY occurred_at DESC LIMIT 20`,
  'actions per type in a month (a ledger-wide aggregate: every shard, in parallel)': `SELECT action_type, count(*) FROM actions WHERE occurred_at >= '2025-06-01' AND occurred_at < '2025-07-01' GROUP BY action_type`,
  'members with their enrollment (a co-located join: each shard joins its own members)': `SELECT m.risk_tier, count(*) FROM members m JOIN enrollments e ON e.member_id = m.member_id WHERE e.enrolled_to IS NULL GROUP BY m.risk_tier`,
  'a scorecard cell (the cube, a reference table)': `SELECT * FROM scorecard_cube WHERE period = '2025-06' AND segment = 'all'`,
};

export async function explainPlacement(db: Db, file: string): Promise<void> {
  const out: string[] = [];
  for (const [title, query] of Object.entries(QUERIES)) {
    const { rows } = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (COSTS OFF) ${sql.raw(query)}`.execute(db.kysely);
    out.push(`-- ${title}`, query, ...rows.map((r) => r['QUERY PLAN']), '');
  }
  writeFileSync(file, out.join('\n'));
  console.log(`\nwhere Citus runs the work: ${file}\n${out.join('\n')}`);
}
