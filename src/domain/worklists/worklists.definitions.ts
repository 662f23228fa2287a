// The worklists: each turns a scorecard gap into people to act on, with the reason each is there.
// Definitions are data — a SQL body reading its day, bounds and parameters as `:as_of`,
// `:t_end`… (see bindParams) and returning `subject_id`, `reason` and the detail columns.
import { sql, type RawBuilder } from 'kysely';
import {
  assignedOn,
  CASELOAD_BENCHMARK,
  enrolledOn,
  isContactAttempt,
  isSuccessfulOutcome,
  NOT_REACHED_WINDOW_DAYS,
  RENEWAL_GUIDANCE_WINDOW_DAYS,
} from '../ledger/rules.js';
import { CONTACT_ATTEMPT_TYPES, type ActionType } from '../ledger/vocabulary.js';

const { high: HIGH, low: LOW } = CASELOAD_BENCHMARK;

export interface WorklistParams {
  asOf: string;
  timezone: string;
  attempts: number;
  days: number;
  /** `:ids`: some members (those of a page, to rank them). */
  ids?: readonly string[];
}

export interface WorklistDefinition {
  id: string;
  title: string;
  description: string;
  subject: 'member' | 'staff';
  /** Which scorecard metric the list feeds, for the web app's links. */
  metric: string;
  /** Detail columns, in display order. */
  columns: readonly string[];
  /** Sort keys people may choose, each a column of the body; the first is the default. */
  sorts: readonly string[];
  /**
   * What takes a member off the list (null for staff lists), so the app can say when the action
   * being logged will not: e.g. a CHW visit does not clear "not reached"; only a successful contact does.
   */
  clearedBy: { actionTypes: readonly ActionType[]; successfulOnly: boolean; text: string } | null;
  body: () => string;
}

/**
 * The member's enrollment on as_of — the span with the latest start, probed through the member's
 * key — joined as `en`. Each member list starts from its own few candidates (high-risk members,
 * renewals due, active programs, recent attempts) and asks this of them, rather than listing
 * every enrolled member of the plan first: at a million members that sort alone took seconds.
 * An aggregate grouped by member rather than ORDER BY … LIMIT 1: Citus pushes a lateral subquery
 * down to the shards only when it has no LIMIT ("complex joins are only supported when…").
 */
const enrolled = (member: string): string => `JOIN LATERAL (
    SELECT (array_agg(e.line_of_business ORDER BY e.enrolled_from DESC))[1] AS line_of_business FROM enrollments e
    WHERE e.member_id = ${member} AND ${enrolledOn('e', ':as_of')} GROUP BY e.member_id) en ON true`;

/** Member `<member>`'s contact attempts (not voided) from `from` to the end of as_of, for `<alias>`. */
const attemptsOf = (alias: string, member: string, from: string): string =>
  `${alias}.member_id = ${member} AND ${isContactAttempt(alias)} AND ${alias}.voided_at IS NULL
        AND ${alias}.occurred_at >= ${from} AND ${alias}.occurred_at < :t_end`;

/** The start of the not-reached look-back, in the plan's time zone. */
const NOT_REACHED_FROM = `((:as_of - ${NOT_REACHED_WINDOW_DAYS - 1})::timestamp AT TIME ZONE :tz)`;

export const WORKLISTS: readonly WorklistDefinition[] = [
  {
    id: 'high_risk_no_contact',
    title: 'High-risk members with no contact attempt this month',
    description: 'Enrolled high-risk members with no outreach or HRA call since the first of the month.',
    subject: 'member',
    metric: 'contact_attempts_per_member_month',
    columns: ['line_of_business', 'county', 'language', 'last_attempt', 'case_manager'],
    sorts: ['last_attempt', 'member_id', 'county', 'priority'],
    clearedBy: { actionTypes: CONTACT_ATTEMPT_TYPES, successfulOnly: false, text: 'any outreach or HRA call, whatever its outcome' },
    // Candidates are the high-risk members; the last attempt (before the month) is looked up for those listed only.
    body: () => `
      SELECT x.member_id AS subject_id, x.line_of_business, x.county, x.language,
        to_char(la.last_at AT TIME ZONE :tz, 'YYYY-MM-DD') AS last_attempt,
        (SELECT COALESCE(s.name, c.staff_id) FROM caseload c LEFT JOIN staff s ON s.staff_id = c.staff_id
           WHERE c.member_id = x.member_id AND ${assignedOn('c', ':as_of')}
           ORDER BY c.assigned_on DESC LIMIT 1) AS case_manager,
        'High risk; no contact attempt since ' || to_char(:month_start, 'YYYY-MM-DD') ||
          COALESCE(' (last attempt ' || to_char(la.last_at AT TIME ZONE :tz, 'YYYY-MM-DD') || ')', ' (never attempted)') AS reason
      FROM (SELECT m.member_id, en.line_of_business, m.county, m.language FROM members m ${enrolled('m.member_id')}
        WHERE m.risk_tier = 'high' AND NOT EXISTS (SELECT 1 FROM actions a WHERE ${attemptsOf('a', 'm.member_id', ':t_month')})) x
      LEFT JOIN LATERAL (SELECT max(a.occurred_at) AS last_at FROM actions a WHERE a.member_id = x.member_id
        AND ${isContactAttempt('a')} AND a.voided_at IS NULL AND a.occurred_at < :t_month) la ON true`,
  },
  {
    id: 'renewal_due_no_guidance',
    title: 'Renewals due soon with no renewal guidance',
    description:
      'Enrolled members whose renewal is due within the horizon (default 60 days) ' +
      `and who have had no renewal guidance in the ${RENEWAL_GUIDANCE_WINDOW_DAYS} days before it.`,
    subject: 'member',
    metric: 'guided_renewal_rate',
    columns: ['line_of_business', 'due_on', 'days_left', 'language'],
    sorts: ['due_on', 'member_id', 'priority'],
    clearedBy: { actionTypes: ['renewal_guidance'], successfulOnly: false, text: 'renewal guidance' },
    // Candidates are the renewals due in the horizon, found through their date's index.
    body: () => `
      SELECT r.member_id AS subject_id, en.line_of_business, to_char(r.due_on, 'YYYY-MM-DD') AS due_on,
        (r.due_on - :as_of) AS days_left, m.language,
        'Renewal due ' || to_char(r.due_on, 'YYYY-MM-DD') || ' (in ' || (r.due_on - :as_of) || ' days); no renewal guidance since ' ||
          to_char(r.due_on - ${RENEWAL_GUIDANCE_WINDOW_DAYS}, 'YYYY-MM-DD') AS reason
      FROM renewals r
      JOIN members m ON m.member_id = r.member_id
      ${enrolled('r.member_id')}
      WHERE r.due_on >= :as_of AND r.due_on <= :as_of + :days
        AND NOT EXISTS (SELECT 1 FROM actions g WHERE g.member_id = r.member_id AND g.action_type = 'renewal_guidance'
          AND g.voided_at IS NULL AND g.occurred_at >= ((r.due_on - ${RENEWAL_GUIDANCE_WINDOW_DAYS})::timestamp AT TIME ZONE :tz) AND g.occurred_at < :t_end)`,
  },
  {
    id: 'care_management_no_hra',
    title: 'Members in care management with no HRA call this year',
    description: 'Enrolled members in an active care program with no health-risk-assessment call since January 1.',
    subject: 'member',
    metric: 'hra_call_rate',
    columns: ['line_of_business', 'program', 'program_since', 'risk_tier'],
    sorts: ['program_since', 'member_id', 'program', 'priority'],
    clearedBy: { actionTypes: ['hra_call'], successfulOnly: false, text: 'an HRA call' },
    // Candidates are the members in an active program (their latest), then those enrolled with no HRA call.
    body: () => `
      SELECT cp.member_id AS subject_id, en.line_of_business, cp.program, to_char(cp.enrolled_on, 'YYYY-MM-DD') AS program_since, m.risk_tier,
        'In ' || cp.program || ' since ' || to_char(cp.enrolled_on, 'YYYY-MM-DD') || '; no HRA call since ' || to_char(:year_start, 'YYYY-MM-DD') AS reason
      FROM (SELECT DISTINCT ON (k.member_id) k.member_id, k.program, k.enrolled_on FROM care_programs k WHERE k.enrolled_on <= :as_of
        AND (k.disenrolled_on IS NULL OR k.disenrolled_on >= :as_of) ORDER BY k.member_id, k.enrolled_on DESC) cp
      JOIN members m ON m.member_id = cp.member_id
      ${enrolled('cp.member_id')}
      WHERE NOT EXISTS (SELECT 1 FROM actions h WHERE h.member_id = cp.member_id AND h.action_type = 'hra_call' AND h.voided_at IS NULL
        AND h.occurred_at >= :t_year AND h.occurred_at < :t_end)`,
  },
  {
    id: 'not_reached',
    title: 'Members not reached after repeated attempts',
    description:
      `Enrolled members with at least N contact attempts (default 3) in the last ${NOT_REACHED_WINDOW_DAYS} days ` +
      'and no successful contact: try another channel, a CHW or a community partner.',
    subject: 'member',
    metric: 'contact_rate',
    columns: ['line_of_business', 'attempts', 'channels', 'language', 'county'],
    sorts: ['attempts', 'member_id', 'priority'],
    clearedBy: {
      actionTypes: CONTACT_ATTEMPT_TYPES,
      successfulOnly: true,
      text: 'an outreach or HRA call that reaches the member (reached, completed or declined)',
    },
    // Candidates come from the look-back's contact attempts, counted per member in one pass (the
    // occurred_at index, hashed by member, parallel where the server allows); the channels are
    // gathered for the members listed only.
    body: () => `
      SELECT x.member_id AS subject_id, en.line_of_business, x.attempts, ch.channels, m.language, m.county,
        x.attempts || ' contact attempts since ' || to_char(:as_of - ${NOT_REACHED_WINDOW_DAYS - 1}, 'YYYY-MM-DD')
          || ' (' || COALESCE(ch.channels, 'no channel') || '), none reached' AS reason
      FROM (SELECT a.member_id, count(*) AS attempts FROM actions a
          WHERE ${isContactAttempt('a')} AND a.voided_at IS NULL AND a.occurred_at >= ${NOT_REACHED_FROM} AND a.occurred_at < :t_end
          GROUP BY a.member_id HAVING count(*) >= :attempts AND NOT COALESCE(bool_or(${isSuccessfulOutcome('a')}), false)) x
      JOIN members m ON m.member_id = x.member_id
      ${enrolled('x.member_id')}
      LEFT JOIN LATERAL (SELECT string_agg(DISTINCT a.channel, ', ') AS channels FROM actions a
        WHERE ${attemptsOf('a', 'x.member_id', NOT_REACHED_FROM)}) ch ON true`,
  },
  {
    id: 'caseload_outside_benchmark',
    title: 'Case managers whose caseload is outside the benchmark',
    description:
      `Staff holding caseload assignments on the day whose high-risk caseload is outside ${HIGH.low}–${HIGH.high} members ` +
      `or whose low-risk caseload is over ${LOW.high}.`,
    subject: 'staff',
    metric: 'members_per_case_manager',
    columns: ['name', 'role', 'high_risk', 'low_risk'],
    sorts: ['high_risk', 'low_risk', 'subject_id'],
    clearedBy: null,
    body: () => `
      SELECT s.staff_id AS subject_id, s.name, s.role, x.high_risk, x.low_risk,
        concat_ws('; ',
          CASE WHEN x.high_risk > 0 AND x.high_risk < ${HIGH.low}
            THEN x.high_risk || ' high-risk members (benchmark ${HIGH.low}–${HIGH.high}): room for more' END,
          CASE WHEN x.high_risk > ${HIGH.high} THEN x.high_risk || ' high-risk members (benchmark ${HIGH.low}–${HIGH.high}): overloaded' END,
          CASE WHEN x.low_risk > ${LOW.high} THEN x.low_risk || ' low-risk members (benchmark ${LOW.high}): overloaded' END) AS reason
      FROM (
        SELECT c.staff_id, count(DISTINCT c.member_id) FILTER (WHERE m.risk_tier = 'high') AS high_risk,
          count(DISTINCT c.member_id) FILTER (WHERE m.risk_tier = 'low') AS low_risk
        FROM caseload c JOIN members m ON m.member_id = c.member_id
        WHERE ${assignedOn('c', ':as_of')}
          AND EXISTS (SELECT 1 FROM enrollments e WHERE e.member_id = c.member_id AND ${enrolledOn('e', ':as_of')})
        GROUP BY c.staff_id) x
      JOIN staff s ON s.staff_id = x.staff_id
      WHERE (x.high_risk > 0 AND (x.high_risk < ${HIGH.low} OR x.high_risk > ${HIGH.high})) OR x.low_risk > ${LOW.high}`,
  },
];

/** How far ahead a renewal makes a member more urgent, whatever list they are on. */
const PRIORITY_RENEWAL_DAYS = 60;

/**
 * A member list's rows (the relation `from`) with the signals its priority is scored from, and the
 * member's contact details. Every table is joined on the member id (what Citus runs on the shards,
 * each member's rows being on one node), and no subquery aggregates without grouping by member.
 */
const signals = (from: string): string => `
  SELECT w.*, CASE WHEN m.risk_tier = 'high' THEN 1 ELSE 0 END AS sig_high_risk, la.last_at AS sig_last_at,
    (:as_of - (la.last_at AT TIME ZONE :tz)::date) AS sig_idle, rn.due_on - :as_of AS sig_renewal_in,
    CASE WHEN cm.member_id IS NOT NULL AND hra.member_id IS NULL THEN 1 ELSE 0 END AS sig_no_hra,
    m.phone AS contact_phone, m.email AS contact_email
  FROM ${from} w
  JOIN members m ON m.member_id = w.subject_id
  LEFT JOIN LATERAL (SELECT max(a.occurred_at) AS last_at FROM actions a WHERE a.member_id = w.subject_id
    AND ${isContactAttempt('a')} AND a.voided_at IS NULL AND a.occurred_at < :t_end) la ON true
  LEFT JOIN LATERAL (SELECT min(r.due_on) AS due_on FROM renewals r WHERE r.member_id = w.subject_id
    AND r.due_on >= :as_of AND r.due_on <= :as_of + ${PRIORITY_RENEWAL_DAYS}) rn ON true
  LEFT JOIN LATERAL (SELECT k.member_id FROM care_programs k WHERE k.member_id = w.subject_id AND k.enrolled_on <= :as_of
    AND (k.disenrolled_on IS NULL OR k.disenrolled_on >= :as_of) GROUP BY k.member_id) cm ON true
  LEFT JOIN LATERAL (SELECT h.member_id FROM actions h WHERE h.member_id = w.subject_id AND h.action_type = 'hra_call'
    AND h.voided_at IS NULL AND h.occurred_at >= :t_year AND h.occurred_at < :t_end GROUP BY h.member_id) hra ON true`;

/**
 * Who to call first, and why (issue 15): a member list's rows (`from`) gain `priority`, a
 * score, and `priority_reasons`, the signals behind it in words — high risk (3), never contacted (3)
 * or last contact attempt 90+ days ago (2) or 30+ (1), a renewal due within 60 days (2), in care
 * management without an HRA call this year (1). Points are a plain sum so a coordinator can check them.
 */
export function prioritySelect(from: string): string {
  return `
    SELECT x.*, (x.sig_high_risk * 3 + CASE WHEN x.sig_last_at IS NULL THEN 3 WHEN x.sig_idle >= 90 THEN 2 WHEN x.sig_idle >= 30 THEN 1 ELSE 0 END
        + CASE WHEN x.sig_renewal_in IS NOT NULL THEN 2 ELSE 0 END + x.sig_no_hra) AS priority,
      concat_ws('; ',
        CASE WHEN x.sig_high_risk = 1 THEN 'high risk' END,
        CASE WHEN x.sig_last_at IS NULL THEN 'never contacted' WHEN x.sig_idle >= 30 THEN 'last contact attempt ' || x.sig_idle || ' days ago' END,
        CASE WHEN x.sig_renewal_in IS NOT NULL THEN 'renewal due in ' || x.sig_renewal_in || ' days' END,
        CASE WHEN x.sig_no_hra = 1 THEN 'in care management, no HRA call this year' END) AS priority_reasons
    FROM (${signals(from)}) x`;
}

/** The members `:ids` as list rows to rank (prioritySelect), each once. */
export const PAGE_MEMBERS = '(SELECT m.member_id AS subject_id FROM members m WHERE m.member_id = ANY (:ids))';

/** The names a worklist's SQL writes `:as_of`, `:t_end`… for its day, bounds and parameters. */
const PARAMETER = /(?<![:\w]):(as_of|month_start|year_start|tz|t_month|t_year|t_end|attempts|days|ids)\b/;

/**
 * A worklist's SQL with its `:name`s bound as query parameters. Parameters rather than a CTE of
 * them: on Citus a CTE (or any table-less subquery) becomes an intermediate result shipped to every
 * shard query, whose row estimates then multiply until each shard query is JIT-compiled (2 s for a
 * list of 70 members); bound values reach the shards as constants and keep the plans PostgreSQL's.
 */
export function bindParams(text: string, params: WorklistParams): RawBuilder<unknown> {
  const { asOf, timezone, attempts, days } = params;
  const day = sql`${asOf}::date`;
  const tz = sql`${timezone}::text`;
  const values: Record<string, RawBuilder<unknown>> = {
    as_of: day,
    month_start: sql`date_trunc('month', ${day})::date`,
    year_start: sql`date_trunc('year', ${day})::date`,
    tz,
    t_month: sql`(date_trunc('month', ${day})::timestamp AT TIME ZONE ${tz})`,
    t_year: sql`(date_trunc('year', ${day})::timestamp AT TIME ZONE ${tz})`,
    t_end: sql`((${day} + 1)::timestamp AT TIME ZONE ${tz})`,
    attempts: sql`${attempts}::integer`,
    days: sql`${days}::integer`,
    ids: sql`${params.ids ?? []}::text[]`,
  };
  // split() with a capturing group leaves the names at the odd indexes
  const parts = text.split(new RegExp(PARAMETER, 'g'));
  return sql.join(
    parts.map((part, i) => (i % 2 === 1 ? values[part]! : sql.raw(part))),
    sql``,
  );
}
