// The worklists: each turns a scorecard gap into people to act on, with the reason each is there.
// Definitions are data — a SQL body over the CTE `p` (as_of, month_start, year_start, the
// time-zone bounds and parameters) returning `subject_id`, `reason` and the detail columns.
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

/** Members enrolled on as_of: the population every member worklist starts from. */
const ENROLLED = `SELECT DISTINCT ON (e.member_id) e.member_id, e.line_of_business
  FROM enrollments e, p WHERE ${enrolledOn('e', 'p.as_of')}
  ORDER BY e.member_id, e.enrolled_from DESC`;

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
    body: () => `
      SELECT en.member_id AS subject_id, en.line_of_business, m.county, m.language,
        to_char(la.last_at AT TIME ZONE p.tz, 'YYYY-MM-DD') AS last_attempt,
        (SELECT COALESCE(s.name, c.staff_id) FROM caseload c LEFT JOIN staff s ON s.staff_id = c.staff_id
           WHERE c.member_id = en.member_id AND ${assignedOn('c', 'p.as_of')}
           ORDER BY c.assigned_on DESC LIMIT 1) AS case_manager,
        'High risk; no contact attempt since ' || to_char(p.month_start, 'YYYY-MM-DD') ||
          COALESCE(' (last attempt ' || to_char(la.last_at AT TIME ZONE p.tz, 'YYYY-MM-DD') || ')', ' (never attempted)') AS reason
      FROM (${ENROLLED}) en CROSS JOIN p
      JOIN members m ON m.member_id = en.member_id AND m.risk_tier = 'high'
      LEFT JOIN LATERAL (SELECT max(a.occurred_at) AS last_at FROM actions a WHERE a.member_id = en.member_id
        AND ${isContactAttempt('a')} AND a.voided_at IS NULL AND a.occurred_at < p.t_end) la ON true
      WHERE la.last_at IS NULL OR la.last_at < p.t_month`,
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
    body: () => `
      SELECT en.member_id AS subject_id, en.line_of_business, to_char(r.due_on, 'YYYY-MM-DD') AS due_on,
        (r.due_on - p.as_of) AS days_left, m.language,
        'Renewal due ' || to_char(r.due_on, 'YYYY-MM-DD') || ' (in ' || (r.due_on - p.as_of) || ' days); no renewal guidance since ' ||
          to_char(r.due_on - ${RENEWAL_GUIDANCE_WINDOW_DAYS}, 'YYYY-MM-DD') AS reason
      FROM (${ENROLLED}) en CROSS JOIN p
      JOIN members m ON m.member_id = en.member_id
      JOIN renewals r ON r.member_id = en.member_id AND r.due_on >= p.as_of AND r.due_on <= p.as_of + p.days
      WHERE NOT EXISTS (SELECT 1 FROM actions g WHERE g.member_id = en.member_id AND g.action_type = 'renewal_guidance'
        AND g.voided_at IS NULL AND g.occurred_at >= ((r.due_on - ${RENEWAL_GUIDANCE_WINDOW_DAYS})::timestamp AT TIME ZONE p.tz) AND g.occurred_at < p.t_end)`,
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
    body: () => `
      SELECT en.member_id AS subject_id, en.line_of_business, cp.program, to_char(cp.enrolled_on, 'YYYY-MM-DD') AS program_since, m.risk_tier,
        'In ' || cp.program || ' since ' || to_char(cp.enrolled_on, 'YYYY-MM-DD') || '; no HRA call since ' || to_char(p.year_start, 'YYYY-MM-DD') AS reason
      FROM (${ENROLLED}) en CROSS JOIN p
      JOIN members m ON m.member_id = en.member_id
      JOIN LATERAL (SELECT k.program, k.enrolled_on FROM care_programs k WHERE k.member_id = en.member_id AND k.enrolled_on <= p.as_of
        AND (k.disenrolled_on IS NULL OR k.disenrolled_on >= p.as_of) ORDER BY k.enrolled_on DESC LIMIT 1) cp ON true
      WHERE NOT EXISTS (SELECT 1 FROM actions h WHERE h.member_id = en.member_id AND h.action_type = 'hra_call' AND h.voided_at IS NULL
        AND h.occurred_at >= p.t_year AND h.occurred_at < p.t_end)`,
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
    body: () => `
      SELECT en.member_id AS subject_id, en.line_of_business, x.attempts, x.channels, m.language, m.county,
        x.attempts || ' contact attempts since ' || to_char(p.as_of - ${NOT_REACHED_WINDOW_DAYS - 1}, 'YYYY-MM-DD')
          || ' (' || COALESCE(x.channels, 'no channel') || '), none reached' AS reason
      FROM (${ENROLLED}) en CROSS JOIN p
      JOIN members m ON m.member_id = en.member_id
      JOIN LATERAL (SELECT count(*) AS attempts, string_agg(DISTINCT a.channel, ', ') AS channels,
          bool_or(${isSuccessfulOutcome('a')}) AS reached
        FROM actions a WHERE a.member_id = en.member_id AND ${isContactAttempt('a')} AND a.voided_at IS NULL
          AND a.occurred_at >= ((p.as_of - ${NOT_REACHED_WINDOW_DAYS - 1})::timestamp AT TIME ZONE p.tz) AND a.occurred_at < p.t_end) x ON true
      WHERE x.attempts >= p.attempts AND NOT COALESCE(x.reached, false)`,
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
      FROM p CROSS JOIN LATERAL (
        SELECT c.staff_id, count(DISTINCT c.member_id) FILTER (WHERE m.risk_tier = 'high') AS high_risk,
          count(DISTINCT c.member_id) FILTER (WHERE m.risk_tier = 'low') AS low_risk
        FROM caseload c JOIN members m ON m.member_id = c.member_id
        WHERE ${assignedOn('c', 'p.as_of')}
          AND EXISTS (SELECT 1 FROM enrollments e WHERE e.member_id = c.member_id AND ${enrolledOn('e', 'p.as_of')})
        GROUP BY c.staff_id) x
      JOIN staff s ON s.staff_id = x.staff_id
      WHERE (x.high_risk > 0 AND (x.high_risk < ${HIGH.low} OR x.high_risk > ${HIGH.high})) OR x.low_risk > ${LOW.high}`,
  },
];

/** How far ahead a renewal makes a member more urgent, whatever list they are on. */
const PRIORITY_RENEWAL_DAYS = 60;

/**
 * Who to call first, and why (issue 15): a member list's rows `w` (with `p`) gain `priority`, a
 * score, and `priority_reasons`, the signals behind it in words — high risk (3), never contacted (3)
 * or last contact attempt 90+ days ago (2) or 30+ (1), a renewal due within 60 days (2), in care
 * management without an HRA call this year (1). Points are a plain sum so a coordinator can check them.
 */
export function prioritySelect(): string {
  return `
    SELECT w.*, (sig.high_risk * 3 + CASE WHEN sig.last_at IS NULL THEN 3 WHEN sig.idle >= 90 THEN 2 WHEN sig.idle >= 30 THEN 1 ELSE 0 END
        + CASE WHEN sig.renewal_in IS NOT NULL THEN 2 ELSE 0 END + sig.no_hra) AS priority,
      concat_ws('; ',
        CASE WHEN sig.high_risk = 1 THEN 'high risk' END,
        CASE WHEN sig.last_at IS NULL THEN 'never contacted' WHEN sig.idle >= 30 THEN 'last contact attempt ' || sig.idle || ' days ago' END,
        CASE WHEN sig.renewal_in IS NOT NULL THEN 'renewal due in ' || sig.renewal_in || ' days' END,
        CASE WHEN sig.no_hra = 1 THEN 'in care management, no HRA call this year' END) AS priority_reasons
    FROM w CROSS JOIN p
    LEFT JOIN LATERAL (
      SELECT CASE WHEN m.risk_tier = 'high' THEN 1 ELSE 0 END AS high_risk, la.last_at,
        (p.as_of - (la.last_at AT TIME ZONE p.tz)::date) AS idle,
        (SELECT min(r.due_on) - p.as_of FROM renewals r WHERE r.member_id = w.subject_id
           AND r.due_on >= p.as_of AND r.due_on <= p.as_of + ${PRIORITY_RENEWAL_DAYS}) AS renewal_in,
        CASE WHEN EXISTS (SELECT 1 FROM care_programs k WHERE k.member_id = w.subject_id AND k.enrolled_on <= p.as_of
            AND (k.disenrolled_on IS NULL OR k.disenrolled_on >= p.as_of))
          AND NOT EXISTS (SELECT 1 FROM actions h WHERE h.member_id = w.subject_id AND h.action_type = 'hra_call'
            AND h.voided_at IS NULL AND h.occurred_at >= p.t_year AND h.occurred_at < p.t_end) THEN 1 ELSE 0 END AS no_hra
      FROM members m
      LEFT JOIN LATERAL (SELECT max(a.occurred_at) AS last_at FROM actions a WHERE a.member_id = m.member_id
        AND ${isContactAttempt('a')} AND a.voided_at IS NULL AND a.occurred_at < p.t_end) la ON true
      WHERE m.member_id = w.subject_id
    ) sig ON true`;
}

/** The CTE `p` every worklist body reads its day, bounds and parameters from. */
export function paramsCte(params: WorklistParams): RawBuilder<unknown> {
  const { asOf, timezone, attempts, days } = params;
  return sql`p AS (
    SELECT ${asOf}::date AS as_of, date_trunc('month', ${asOf}::date)::date AS month_start,
      date_trunc('year', ${asOf}::date)::date AS year_start, ${timezone}::text AS tz,
      (date_trunc('month', ${asOf}::date)::timestamp AT TIME ZONE ${timezone}::text) AS t_month,
      (date_trunc('year', ${asOf}::date)::timestamp AT TIME ZONE ${timezone}::text) AS t_year,
      ((${asOf}::date + 1)::timestamp AT TIME ZONE ${timezone}::text) AS t_end,
      ${attempts}::integer AS attempts, ${days}::integer AS days
  )`;
}
