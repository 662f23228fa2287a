// The scorecard baseline: the SQL a careful analyst would write over the plan's CSV files in
// DuckDB (in-process, columnar, all cores) — E(P) with the latest enrollment's line of business,
// per-member counts of the period's actions and activity, care programs, guided renewals and
// caseloads, then the member-level metrics by segment. Used only by the benchmark.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { join } from 'node:path';
import { CONTACT_ATTEMPT_TYPES, PRINCIPLES, SUCCESSFUL_OUTCOMES, actionTypesOf } from '../src/domain/ledger/vocabulary.js';
import type { Period } from '../src/domain/metrics/periods.js';

const inList = (xs: readonly string[]): string => `(${xs.map((x) => `'${x}'`).join(', ')})`;
const SEGMENT: Record<string, string> = {
  all: `'all'`,
  line_of_business: 'em.lob',
  product: 'em.product',
  risk_tier: 'm.risk_tier',
  county: `coalesce(m.county, 'unknown')`,
  partner: `coalesce(pa.partner_id, 'unattributed')`,
  sex: `coalesce(m.sex, 'unknown')`,
  race: `coalesce(m.race, 'unknown')`,
  ethnicity: `coalesce(m.ethnicity, 'unknown')`,
  language: `coalesce(m.language, 'unknown')`,
  age_band: `CASE WHEN m.birth_date IS NULL OR m.birth_date > DATE '{pe}' THEN 'unknown'
    WHEN date_diff('year', m.birth_date, DATE '{pe}') < 18 THEN '0-17' WHEN date_diff('year', m.birth_date, DATE '{pe}') < 45 THEN '18-44'
    WHEN date_diff('year', m.birth_date, DATE '{pe}') < 65 THEN '45-64' ELSE '65+' END`,
};

export class DuckDbBaseline {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
  ) {}

  /** Loads the plan's CSV files into in-memory tables (timestamps are the synthetic files' UTC). */
  static async load(dir: string): Promise<DuckDbBaseline> {
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    // Identifiers and timestamps read as text: ids like 00123 keep their zeros, 'Z' is dropped below.
    const text: Record<string, string[]> = {
      members: ['member_id', 'zip'],
      enrollments: ['member_id'],
      staff: ['staff_id', 'partner_id'],
      care_programs: ['member_id'],
      caseload: ['member_id', 'staff_id'],
      renewals: ['member_id'],
      attributions: ['member_id', 'partner_id'],
      actions: ['member_id', 'staff_id', 'partner_id', 'occurred_at'],
      member_activity: ['member_id', 'occurred_at'],
    };
    const csv = (file: string): string =>
      `read_csv('${join(dir, `${file}.csv`).replaceAll("'", "''")}', header = true, types = {${text[file]!.map((c) => `'${c}': 'VARCHAR'`).join(', ')}})`;
    for (const file of ['members', 'enrollments', 'staff', 'care_programs', 'caseload', 'renewals', 'attributions'])
      await conn.run(`CREATE TABLE ${file} AS SELECT * FROM ${csv(file)}`);
    for (const file of ['actions', 'member_activity']) {
      await conn.run(
        `CREATE TABLE ${file} AS SELECT * REPLACE (CAST(left(occurred_at, 19) AS TIMESTAMP) AS occurred_at) FROM ${csv(file)}`,
      );
    }
    return new DuckDbBaseline(instance, conn);
  }

  /** The member-level scorecard of one period by one segment ('all' for the whole plan). */
  async scorecard(period: Period, segment: string): Promise<number> {
    const ps = period.start;
    const pe = period.end;
    const seg = SEGMENT[segment]!.replaceAll('{pe}', pe);
    const principle = PRINCIPLES.map(
      (p) => `count(*) FILTER (WHERE a.action_type IN ${inList(actionTypesOf(p))}) AS act_${p},
      coalesce(sum(a.minutes) FILTER (WHERE a.action_type IN ${inList(actionTypesOf(p))}), 0) AS min_${p}`,
    ).join(',\n');
    const principleSums = PRINCIPLES.map((p) => `sum(coalesce(act_${p}, 0)), sum(coalesce(min_${p}, 0)) / 60.0`).join(', ');
    const reader = await this.conn.runAndReadAll(`
      WITH em AS (
        SELECT member_id, arg_max(line_of_business, enrolled_from) AS lob, arg_max(product, enrolled_from) AS product
        FROM enrollments WHERE enrolled_from <= DATE '${pe}' AND (enrolled_to IS NULL OR enrolled_to >= DATE '${ps}')
        GROUP BY member_id
      ), a AS (
        SELECT a.member_id,
          count(*) FILTER (WHERE a.action_type IN ${inList(CONTACT_ATTEMPT_TYPES)}) AS attempts,
          count(*) FILTER (WHERE a.action_type IN ${inList(CONTACT_ATTEMPT_TYPES)} AND a.outcome IN ${inList(SUCCESSFUL_OUTCOMES)}) AS contacts,
          count(*) FILTER (WHERE a.action_type = 'hra_call') AS hra,
          count(*) FILTER (WHERE a.action_type = 'outreach' AND a.personalized
            AND coalesce(a.outcome, '') NOT IN ('wrong_number', 'undeliverable')) AS personalized,
          count(*) FILTER (WHERE a.action_type = 'transportation') AS transportation,
          count(*) FILTER (WHERE a.action_type = 'cost_guidance') AS cost_guidance,
          count(*) FILTER (WHERE a.action_type = 'pcp_appointment') AS pcp,
          count(*) FILTER (WHERE a.action_type = 'in_person_visit' AND s.staff_id IS NOT NULL AND s.partner_id IS NULL) AS visits,
          count(*) FILTER (WHERE a.action_type = 'claim_dispute_resolved' AND s.role = 'social_worker') AS disputes,
          ${principle}
        FROM actions a LEFT JOIN staff s ON s.staff_id = a.staff_id
        WHERE a.occurred_at >= TIMESTAMP '${ps}' AND a.occurred_at < DATE '${pe}' + INTERVAL 1 DAY AND a.member_id IS NOT NULL
        GROUP BY a.member_id
      ), x AS (
        SELECT member_id, count(*) FILTER (WHERE activity_type = 'portal_login') AS logins, count(*) FILTER (WHERE activity_type = 'online_tool_use') AS tools
        FROM member_activity WHERE occurred_at >= TIMESTAMP '${ps}' AND occurred_at < DATE '${pe}' + INTERVAL 1 DAY GROUP BY member_id
      ), cp AS (
        SELECT DISTINCT member_id FROM care_programs WHERE enrolled_on <= DATE '${pe}' AND (disenrolled_on IS NULL OR disenrolled_on >= DATE '${ps}')
      ), rn AS (
        SELECT r.member_id, count(*) AS due, count(*) FILTER (WHERE EXISTS (SELECT 1 FROM actions g WHERE g.member_id = r.member_id
          AND g.action_type = 'renewal_guidance' AND g.occurred_at >= r.due_on - INTERVAL 90 DAY AND g.occurred_at < r.due_on + INTERVAL 1 DAY)) AS guided
        FROM renewals r WHERE r.due_on BETWEEN DATE '${ps}' AND DATE '${pe}' GROUP BY r.member_id
      ), f AS (
        SELECT em.member_id, ${seg} AS seg, m.risk_tier, em.product, m.pcp_assignment, a.*, x.logins, x.tools,
          cp.member_id IS NOT NULL AS in_program, coalesce(rn.due, 0) AS due, coalesce(rn.guided, 0) AS guided
        FROM em JOIN members m ON m.member_id = em.member_id
          LEFT JOIN (SELECT member_id, arg_max(partner_id, attributed_from) AS partner_id FROM attributions
            WHERE attributed_from <= DATE '${pe}' AND (attributed_to IS NULL OR attributed_to >= DATE '${ps}') GROUP BY member_id) pa
            ON pa.member_id = em.member_id
          LEFT JOIN a ON a.member_id = em.member_id LEFT JOIN x ON x.member_id = em.member_id
          LEFT JOIN cp ON cp.member_id = em.member_id LEFT JOIN rn ON rn.member_id = em.member_id
      ), c AS (
        SELECT DISTINCT k.member_id, k.staff_id FROM caseload k
        WHERE k.assigned_on <= DATE '${pe}' AND (k.unassigned_on IS NULL OR k.unassigned_on > DATE '${pe}')
          AND EXISTS (SELECT 1 FROM enrollments e WHERE e.member_id = k.member_id
            AND e.enrolled_from <= DATE '${pe}' AND (e.enrolled_to IS NULL OR e.enrolled_to >= DATE '${pe}'))
      ), cl AS (
        SELECT f.seg, count(DISTINCT c.member_id) FILTER (WHERE f.risk_tier = 'high') AS hm,
          count(DISTINCT c.staff_id) FILTER (WHERE f.risk_tier = 'high') AS hs,
          count(DISTINCT c.member_id) FILTER (WHERE f.risk_tier = 'low') AS lm, count(DISTINCT c.staff_id) FILTER (WHERE f.risk_tier = 'low') AS ls
        FROM c JOIN f ON f.member_id = c.member_id GROUP BY f.seg
      )
      SELECT f.seg, count(*) AS members,
        count(*) FILTER (WHERE contacts > 0), count(*) FILTER (WHERE logins > 0), count(*) FILTER (WHERE tools > 0),
        count(*) FILTER (WHERE hra > 0), count(*) FILTER (WHERE personalized > 0),
        sum(coalesce(attempts, 0)) FILTER (WHERE risk_tier = 'high'), count(*) FILTER (WHERE risk_tier = 'high'),
        sum(coalesce(attempts, 0)) FILTER (WHERE risk_tier = 'low'), count(*) FILTER (WHERE risk_tier = 'low'),
        count(*) FILTER (WHERE in_program), sum(coalesce(transportation, 0)), count(*) FILTER (WHERE cost_guidance > 0),
        sum(guided), sum(due), count(*) FILTER (WHERE product = 'hmo' AND pcp_assignment = 'auto'), count(*) FILTER (WHERE product = 'hmo'),
        sum(coalesce(pcp, 0)), sum(coalesce(visits, 0)), sum(coalesce(disputes, 0)), ${principleSums},
        any_value(cl.hm), any_value(cl.hs), any_value(cl.lm), any_value(cl.ls)
      FROM f LEFT JOIN cl ON cl.seg = f.seg GROUP BY f.seg ORDER BY f.seg`);
    return reader.getRows().length;
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }
}
