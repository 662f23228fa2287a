// The per-member facts of one or more periods, from which every `members`-grain metric is
// aggregated: E(P) with its segment attributes (SPEC.md §3) and, per member and period, the
// counts of the plan's actions and the member's activity that the metric catalog refers to.
// The live scorecard asks for one period; the rollups (../rollups) ask for many at once,
// optionally for a subset of members — both run this same SQL, so they cannot drift apart.
import { sql, type RawBuilder } from 'kysely';
import {
  assignedOn,
  enrolledOn,
  guidanceCountsFor,
  isContactAttempt,
  isSuccessfulOutcome,
  RENEWAL_GUIDANCE_WINDOW_DAYS,
  sqlList,
} from '../ledger/rules.js';
import { PRINCIPLES, actionTypesOf, type ActionType } from '../ledger/vocabulary.js';
import type { Period } from './periods.js';
import { CUBE_SEGMENTS, UNATTRIBUTED, type CubeSegment } from './segments.js';

/**
 * The facts whose value for a period depends on actions dated before it, with how far back they
 * look: a renewal due on day d counts renewal guidance dated from d − 90. Rollup upkeep derives
 * from this which periods a changed action can affect (actionReach), so a rule changed here
 * changes the upkeep with it. New actions add to each such fact too (newlyGuidedOf), so a new
 * one needs its increment there.
 */
export const FACT_LOOK_BACKS: readonly { fact: string; actionTypes: readonly ActionType[]; days: number }[] = [
  { fact: 'renewals_guided', actionTypes: ['renewal_guidance'], days: RENEWAL_GUIDANCE_WINDOW_DAYS },
];

/**
 * The local dates an action `<alias>` can change facts for, as SQL: from its own date `lo` to
 * `hi`, its date plus the longest look-back of a fact that reads its type.
 */
export function actionReach(alias: string, timezone: RawBuilder<unknown>): { lo: RawBuilder<unknown>; hi: RawBuilder<unknown> } {
  const day = sql`(${sql.raw(alias)}.occurred_at AT TIME ZONE ${timezone})::date`;
  const cases = FACT_LOOK_BACKS.map(
    (l) => sql`WHEN ${sql.raw(`${alias}.action_type IN ${sqlList(l.actionTypes)}`)} THEN ${day} + ${sql.lit(l.days)}`,
  );
  return { lo: day, hi: cases.length ? sql`CASE ${sql.join(cases, sql` `)} ELSE ${day} END` : day };
}

/** Per-member action counts, each a FILTERed aggregate over the period's actions (alias a, staff st). */
const ACTION_FACTS: Record<string, string> = {
  contact_attempts: `count(*) FILTER (WHERE ${isContactAttempt('a')})`,
  successful_contacts: `count(*) FILTER (WHERE ${isContactAttempt('a')} AND ${isSuccessfulOutcome('a')})`,
  hra_calls: `count(*) FILTER (WHERE a.action_type = 'hra_call')`,
  personalized_outreach: `count(*) FILTER (WHERE a.action_type = 'outreach' AND a.personalized
    AND (a.outcome IS NULL OR a.outcome NOT IN ('wrong_number', 'undeliverable')))`,
  transportation: `count(*) FILTER (WHERE a.action_type = 'transportation')`,
  cost_guidance: `count(*) FILTER (WHERE a.action_type = 'cost_guidance')`,
  pcp_appointments: `count(*) FILTER (WHERE a.action_type = 'pcp_appointment')`,
  in_person_visits: `count(*) FILTER (WHERE a.action_type = 'in_person_visit' AND st.staff_id IS NOT NULL AND st.partner_id IS NULL)`,
  disputes_by_social_worker: `count(*) FILTER (WHERE a.action_type = 'claim_dispute_resolved' AND st.role = 'social_worker')`,
  ...Object.fromEntries(
    PRINCIPLES.flatMap((p) => [
      [`principle_actions_${p}`, `count(*) FILTER (WHERE a.action_type IN ${sqlList(actionTypesOf(p))})`],
      [`principle_minutes_${p}`, `COALESCE(sum(a.minutes) FILTER (WHERE a.action_type IN ${sqlList(actionTypesOf(p))}), 0)`],
    ]),
  ),
};

/**
 * The action facts that sum minutes. Every other fact counts actions, activity or renewals of one
 * member in one period, far below 2^31, and is stored as an integer: 17 columns of 4 bytes rather
 * than 8 (member_facts 568 → 463 MB at 100,000 members). A minute total is a bigint: one action may
 * claim up to 2^31 − 1 minutes.
 */
const MINUTE_FACTS: ReadonlySet<string> = new Set(PRINCIPLES.map((p) => `principle_minutes_${p}`));

/** A count as stored: an integer; a minute total as it is (bigint). */
const asStored = (name: string, expr: string): string => (MINUTE_FACTS.has(name) ? expr : `(${expr})::integer`);

const ACTIVITY_FACTS: Record<string, string> = {
  portal_logins: `count(*) FILTER (WHERE x.activity_type = 'portal_login')`,
  online_tool_uses: `count(*) FILTER (WHERE x.activity_type = 'online_tool_use')`,
};

/** The SQL of each segment attribute over em (the period's enrollment), m (member), at (attribution) and p. */
const SEGMENT_SQL: Record<CubeSegment, string> = {
  line_of_business: 'em.line_of_business',
  partner: `COALESCE(at.partner_id, '${UNATTRIBUTED}')`,
  partner_line_of_business: `COALESCE(at.partner_id, '${UNATTRIBUTED}') || '|' || em.line_of_business`,
  product: 'em.product',
  risk_tier: 'm.risk_tier',
  county: `COALESCE(m.county, 'unknown')`,
  sex: `COALESCE(m.sex, 'unknown')`,
  race: `COALESCE(m.race, 'unknown')`,
  ethnicity: `COALESCE(m.ethnicity, 'unknown')`,
  language: `COALESCE(m.language, 'unknown')`,
  age_band: `CASE WHEN m.birth_date IS NULL OR m.birth_date > p.pe THEN 'unknown'
    WHEN date_part('year', age(p.pe, m.birth_date)) < 18 THEN '0-17'
    WHEN date_part('year', age(p.pe, m.birth_date)) < 45 THEN '18-44'
    WHEN date_part('year', age(p.pe, m.birth_date)) < 65 THEN '45-64'
    ELSE '65+' END`,
};

/** The column of `f` holding a segment's value. */
export const segmentColumn = (segment: CubeSegment): string => `seg_${segment}`;

export interface FactsParams {
  periods: readonly Period[];
  timezone: string;
  /** A query of member ids: facts only for these members (the rollups' deltas). */
  members?: RawBuilder<unknown> | null;
  /**
   * true (default): the ids are probed through each table's member_id index — right for the
   * members a change touched. false: a semi-join, for a large share of the plan, where an
   * array of ids compared row by row would be quadratic.
   */
  probeMembers?: boolean;
  /**
   * The members' action facts per local month, already counted (a from-item shaped as
   * monthlyActionFactsOf's rows, covering the periods' months): each period's action facts are
   * then sums of its months' rows instead of counts over the ledger. A build counts a year's
   * actions once this way, where each period counting its own read every action three times
   * (its month, quarter and year).
   */
  monthlyActions?: RawBuilder<unknown> | null;
}

/**
 * CTEs `p` (the periods: label, bounds ps..pe, months, and t0..t1 in the plan's time zone),
 * `em`, `f` (one row per period and member of E(P): label, months, a `seg_<segment>` column
 * per segment, risk_tier, product, pcp_assignment and the fact columns) and `c` (caseload
 * assignments active on each period's end for members enrolled that day). Timestamps are
 * compared with the periods' bounds in the plan's time zone, so an action's date is its local
 * calendar date.
 */
export function factsCtes({
  periods,
  timezone,
  members = null,
  probeMembers = true,
  monthlyActions = null,
}: FactsParams): RawBuilder<unknown> {
  // `= ANY (ARRAY(…))`: the member ids become one array probed through each table's member_id
  // index, rather than a semi-join the planner may answer by scanning a whole table.
  const only = (column: string): RawBuilder<unknown> =>
    !members ? sql`` : probeMembers ? sql` AND ${sql.raw(column)} = ANY (ARRAY(${members}))` : sql` AND ${sql.raw(column)} IN (${members})`;
  const segments = CUBE_SEGMENTS.map((s) => `${SEGMENT_SQL[s]} AS ${segmentColumn(s)}`).join(',\n      ');
  const counts = countCtes(only, periods, monthlyActions);
  return sql`
  ${periodsCte(periods, timezone)},
  em AS (
    SELECT DISTINCT ON (p.label, e.member_id) p.label, e.member_id, e.line_of_business, e.product
    FROM enrollments e JOIN p ON e.enrolled_from <= p.pe AND (e.enrolled_to IS NULL OR e.enrolled_to >= p.ps)
    WHERE true${only('e.member_id')}
    ORDER BY p.label, e.member_id, e.enrolled_from DESC
  ),
  -- SPEC §7.2: the member's partner in P is that of the overlapping span with the latest start.
  at AS (
    SELECT DISTINCT ON (p.label, a.member_id) p.label, a.member_id, a.partner_id
    FROM attributions a JOIN p ON a.attributed_from <= p.pe AND (a.attributed_to IS NULL OR a.attributed_to >= p.ps)
    WHERE true${only('a.member_id')}
    ORDER BY p.label, a.member_id, a.attributed_from DESC
  ),
${counts.ctes}
  f AS (
    SELECT em.label, p.months, em.member_id,
      ${sql.raw(segments)},
      m.risk_tier, em.product, m.pcp_assignment${counts.pick}
    FROM em JOIN p ON p.label = em.label
      JOIN members m ON m.member_id = em.member_id
      LEFT JOIN at ON at.label = em.label AND at.member_id = em.member_id${counts.joins}
  ),
  ${assignmentsCte(only('a.member_id'))}`;
}

/** The CTE `c` (over `p`): caseload assignments active on each period's end, of members enrolled that day. */
function assignmentsCte(onlyMembers: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`c AS (
    SELECT DISTINCT p.label, a.member_id, a.staff_id FROM caseload a JOIN p
      ON ${sql.raw(assignedOn('a', 'p.pe'))}
    WHERE EXISTS (SELECT 1 FROM enrollments e WHERE e.member_id = a.member_id
        AND ${sql.raw(enrolledOn('e', 'p.pe'))})${onlyMembers}
  )`;
}

/**
 * CTEs `p` and `c` alone, for the caseload cells: the member side of their join is the stored
 * member facts of the same periods, which hold every member enrolled on a period's end.
 */
export function assignmentCtes(periods: readonly Period[], timezone: string): RawBuilder<unknown> {
  return sql`${periodsCte(periods, timezone)}, ${assignmentsCte(sql``)}`;
}

/** The CTE `p`: the periods with their label, bounds ps..pe, months, and t0..t1 in the plan's time zone. */
function periodsCte(periods: readonly Period[], timezone: string): RawBuilder<unknown> {
  const values = sql.join(periods.map((p) => sql`(${p.label}::text, ${p.start}::date, ${p.end}::date, ${p.months}::int)`));
  return sql`p AS NOT MATERIALIZED (
    SELECT v.label, v.ps, v.pe, v.months,
      (v.ps::timestamp AT TIME ZONE ${timezone}::text) AS t0,
      ((v.pe + 1)::timestamp AT TIME ZONE ${timezone}::text) AS t1,
      ${timezone}::text AS tz
    FROM (VALUES ${values}) AS v(label, ps, pe, months)
  )`;
}

/** The facts counted from the plan's actions alone: each is a sum over action rows, so adding rows adds to them. */
export const ACTION_FACT_COLUMNS: readonly string[] = Object.keys(ACTION_FACTS);

const actionFactsSelect = (): string =>
  Object.entries(ACTION_FACTS)
    .map(([name, expr]) => `${expr} AS ${name}`)
    .join(',\n      ');

/** The facts new action rows add to: the action counts, and the renewals that guidance guides. */
export const APPENDED_FACT_COLUMNS: readonly string[] = [...ACTION_FACT_COLUMNS, 'renewals_guided'];

/**
 * The months, as their first days, from the first of `periods` to the last (periods are whole
 * months of the plan's calendar), and the day after the last.
 */
function monthsOf(periods: readonly Period[]): { months: string[]; after: string } {
  if (periods.length === 0) throw new Error('no periods');
  const first = periods.reduce((a, p) => (p.start < a ? p.start : a), periods[0]!.start);
  const last = periods.reduce((a, p) => (p.end > a ? p.end : a), periods[0]!.end);
  const index = (day: string): number => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;
  const day = (i: number): string => `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}-01`;
  const months: string[] = [];
  for (let i = index(first); i <= index(last); i++) months.push(day(i));
  return { months, after: day(index(last) + 1) };
}

/**
 * The action facts of some action rows per member and local month (member_id, month — its first
 * day — and ACTION_FACT_COLUMNS as stored), for the months `periods` span; rows outside them are
 * left out. `actions` is a from-item with the columns of `actions`. A row's month is found by a
 * binary search of the months' first instants in the plan's time zone (width_bucket), not by
 * converting every timestamp to local time: that cost 1 µs a row, 1.7 s of the 1.8 million actions
 * of a 100,000-member year.
 */
export function monthlyActionFactsOf(actions: RawBuilder<unknown>, periods: readonly Period[], timezone: string): RawBuilder<unknown> {
  const { months, after } = monthsOf(periods);
  const monthly = Object.entries(ACTION_FACTS)
    .map(([name, expr]) => `${asStored(name, expr)} AS ${name}`)
    .join(',\n      ');
  // Constant expressions, which the planner folds into the instants: the range is then estimated
  // from the statistics (and picks rows by index), where a subquery's was a guess of 0.5%.
  const instant = (day: string): RawBuilder<unknown> => sql`(${day}::date::timestamp AT TIME ZONE ${timezone}::text)`;
  const instants = sql`ARRAY[${sql.join([...months, after].map(instant))}]`;
  return sql`
    SELECT a.member_id, (${months}::date[])[width_bucket(a.occurred_at, ${instants})] AS month,
      ${sql.raw(monthly)}
    FROM ${actions} a LEFT JOIN staff st ON st.staff_id = a.staff_id
    WHERE a.member_id <> '' AND a.occurred_at >= ${instant(months[0]!)} AND a.occurred_at < ${instant(after)}
    GROUP BY 1, 2`;
}

/**
 * The action facts per period and member (label, member_id, ACTION_FACT_COLUMNS) of monthly facts
 * (`monthly`: a from-item shaped as monthlyActionFactsOf's rows, one per member and month), summed
 * over each of `periods`' months. `only` narrows the members (a condition on `am.member_id`, or
 * empty). A one-month period's facts are its month's rows as they are: summing them grouped a
 * million single rows per month of a rebuild at a million members (1.2 s of a month's 13) and a
 * third of an increment's rows.
 */
function periodSumsOf(monthly: RawBuilder<unknown>, periods: readonly Period[], only: RawBuilder<unknown> = sql``): RawBuilder<unknown> {
  // A count's sum over integers is a bigint kept by value; a minute total's sum is numeric.
  const sums = ACTION_FACT_COLUMNS.map((c) => (MINUTE_FACTS.has(c) ? `sum(am.${c})::bigint AS ${c}` : `sum(am.${c}) AS ${c}`)).join(
    ',\n      ',
  );
  // The same types unsummed: every count a bigint, a minute total the bigint it is.
  const asSums = ACTION_FACT_COLUMNS.map((c) => `am.${c}::bigint AS ${c}`).join(',\n      ');
  const branches: RawBuilder<unknown>[] = [];
  if (periods.some((p) => p.months === 1)) {
    branches.push(sql`
    SELECT p.label, am.member_id,
      ${sql.raw(asSums)}
    FROM ${monthly} am JOIN p ON am.month = p.ps
    WHERE p.months = 1${only}`);
  }
  if (periods.some((p) => p.months > 1)) {
    branches.push(sql`
    SELECT p.label, am.member_id,
      ${sql.raw(sums)}
    FROM ${monthly} am JOIN p ON am.month >= p.ps AND am.month <= p.pe
    WHERE p.months > 1${only}
    GROUP BY p.label, am.member_id`);
  }
  return sql.join(branches, sql` UNION ALL `);
}

/**
 * What some new action rows add to their members' action counts (label, member_id,
 * APPENDED_FACT_COLUMNS, renewals_guided 0: see newlyGuidedOf): `actions` is a from-item with the
 * columns of `actions` but voided_at, whose rows are all new to the ledger — an import's staging
 * table. Each action fact is a count or sum over the member's actions of the period, so the stored
 * facts plus these are the facts with the new rows: the rollups add them instead of recomputing a
 * year of history.
 *
 * Every period is whole months of the plan's time zone, so the rows are counted once per member
 * and local month and the months summed into each period: a month's actions are read once, not
 * once for the month, again for its quarter and again for its year (at 100,000 members, 100,000
 * new actions became 290,000 period rows to sort and count; now 44,000 member-months).
 */
export function appendedActionFactsOf(actions: RawBuilder<unknown>, periods: readonly Period[], timezone: string): RawBuilder<unknown> {
  return sql`
    WITH ${periodsCte(periods, timezone)},
    am AS (${monthlyActionFactsOf(actions, periods, timezone)}),
    s AS (${periodSumsOf(sql`am`, periods)})
    SELECT s.*, 0 AS renewals_guided FROM s`;
}

/**
 * What some new action rows, already in the ledger, add to their members' renewals_guided (label,
 * member_id, APPENDED_FACT_COLUMNS, the action counts 0) — the one fact that looks back
 * (FACT_LOOK_BACKS): new guidance guides a renewal due up to 90 days later, in the period of its
 * due date, unless other guidance did already. So guidance, too, is added to the stored facts
 * rather than its members recomputed from the ledger. `actions` as for appendedActionFactsOf.
 */
export function newlyGuidedOf(actions: RawBuilder<unknown>, periods: readonly Period[], timezone: string): RawBuilder<unknown> {
  const guidance = sqlList(FACT_LOOK_BACKS.find((l) => l.fact === 'renewals_guided')!.actionTypes);
  const zeros = ACTION_FACT_COLUMNS.map((c) => `0 AS ${c}`).join(', ');
  return sql`
    WITH ${periodsCte(periods, timezone)},
    -- The renewals the new guidance counts for (renewals' key is member and due date).
    nr AS (
      SELECT DISTINCT r.member_id, r.due_on
      FROM (SELECT n0.*, NULL::timestamptz AS voided_at FROM ${actions} n0) n CROSS JOIN (SELECT ${timezone}::text AS tz) z
        JOIN renewals r ON r.member_id = n.member_id AND ${sql.raw(guidanceCountsFor('n', 'r.due_on', 'z.tz'))}
      WHERE n.action_type IN ${sql.raw(guidance)}
    ),
    -- … of those, the ones other guidance counted for already: probed through the member's index.
    earlier AS (
      SELECT DISTINCT nr.member_id, nr.due_on
      FROM nr CROSS JOIN (SELECT ${timezone}::text AS tz) z
        JOIN actions g ON g.member_id = nr.member_id AND ${sql.raw(guidanceCountsFor('g', 'nr.due_on', 'z.tz'))}
      WHERE g.action_id NOT IN (SELECT n.action_id FROM ${actions} n WHERE n.action_type IN ${sql.raw(guidance)})
    )
    -- NOT IN: hashed subplans, whatever the join settings.
    SELECT p.label, nr.member_id, ${sql.raw(zeros)}, count(*)::integer AS renewals_guided
    FROM nr JOIN p ON nr.due_on >= p.ps AND nr.due_on <= p.pe
    WHERE (nr.member_id, nr.due_on) NOT IN (SELECT e.member_id, e.due_on FROM earlier e)
    GROUP BY p.label, nr.member_id`;
}

/** The CTEs of the per-member counts and how `f` picks and joins them. */
function countCtes(only: (column: string) => RawBuilder<unknown>, periods: readonly Period[], monthlyActions: RawBuilder<unknown> | null) {
  const actionPick = Object.keys(ACTION_FACTS)
    .map((n) => `${asStored(n, `COALESCE(act.${n}, 0)`)} AS ${n}`)
    .join(', ');
  const activityCols = Object.entries(ACTIVITY_FACTS)
    .map(([name, expr]) => `${expr} AS ${name}`)
    .join(', ');
  const activityPick = Object.keys(ACTIVITY_FACTS)
    .map((n) => `${asStored(n, `COALESCE(ax.${n}, 0)`)} AS ${n}`)
    .join(', ');
  const act = monthlyActions
    ? periodSumsOf(monthlyActions, periods, only('am.member_id'))
    : sql`
    SELECT p.label, a.member_id,
      ${sql.raw(actionFactsSelect())}
    FROM actions a JOIN p ON a.occurred_at >= p.t0 AND a.occurred_at < p.t1
      LEFT JOIN staff st ON st.staff_id = a.staff_id
    WHERE a.member_id <> '' AND a.voided_at IS NULL${only('a.member_id')}
    GROUP BY p.label, a.member_id`;
  const ctes = sql`
  act AS (${act}),
  ax AS (
    SELECT p.label, x.member_id, ${sql.raw(activityCols)}
    FROM member_activity x JOIN p ON x.occurred_at >= p.t0 AND x.occurred_at < p.t1
    WHERE true${only('x.member_id')}
    GROUP BY p.label, x.member_id
  ),
  cp AS (
    SELECT DISTINCT p.label, k.member_id FROM care_programs k JOIN p
      ON k.enrolled_on <= p.pe AND (k.disenrolled_on IS NULL OR k.disenrolled_on >= p.ps)
    WHERE true${only('k.member_id')}
  ),
  rn AS (
    -- SPEC: a renewal counts as guided when renewal guidance for the member is dated in the
    -- window before its due date (rules.ts), which may be before the period.
    SELECT p.label, r.member_id, count(*) AS renewals_due,
      count(*) FILTER (WHERE EXISTS (
        SELECT 1 FROM actions g
        WHERE g.member_id = r.member_id AND ${sql.raw(guidanceCountsFor('g', 'r.due_on', 'p.tz'))})) AS renewals_guided
    FROM renewals r JOIN p ON r.due_on >= p.ps AND r.due_on <= p.pe
    WHERE true${only('r.member_id')}
    GROUP BY p.label, r.member_id
  ),`;
  const pick = sql`,
      ${sql.raw(actionPick)}, ${sql.raw(activityPick)},
      (cp.member_id IS NOT NULL) AS in_care_program,
      ${sql.raw(asStored('renewals_due', 'COALESCE(rn.renewals_due, 0)'))} AS renewals_due,
      ${sql.raw(asStored('renewals_guided', 'COALESCE(rn.renewals_guided, 0)'))} AS renewals_guided`;
  const joins = sql`
      LEFT JOIN act ON act.label = em.label AND act.member_id = em.member_id
      LEFT JOIN ax ON ax.label = em.label AND ax.member_id = em.member_id
      LEFT JOIN cp ON cp.label = em.label AND cp.member_id = em.member_id
      LEFT JOIN rn ON rn.label = em.label AND rn.member_id = em.member_id`;
  return { ctes, pick, joins };
}
