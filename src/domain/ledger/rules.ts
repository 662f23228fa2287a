// The rules of SPEC.md that more than one part of Diplomat applies — the scorecard's facts, the
// rollups' upkeep, the worklists, the caseload view, the partner pages — each defined once, as a
// constant and, where SQL needs it, a fragment builder. Change a rule here and every reader
// changes with it, so incremental upkeep cannot drift from a rebuild.
import { COMMUNITY_PARTNER_KINDS, CONTACT_ATTEMPT_TYPES, SUCCESSFUL_OUTCOMES } from './vocabulary.js';

/** A renewal counts as guided when renewal guidance is dated in [due_on − 90 days, due_on]. */
export const RENEWAL_GUIDANCE_WINDOW_DAYS = 90;

/** Research benchmark for members per case manager, by risk tier (SPEC.md §4, principle 2). */
export const CASELOAD_BENCHMARK = {
  high: { low: 20, high: 50 },
  low: { low: 250, high: 250 },
} as const;

/**
 * How each tier's caseload benchmark reads (metrics/verdict.ts): high risk a band (the caseload
 * worklist flags both sides), low risk a ceiling. The catalog, the caseloads page and its table agree by using this.
 */
export const CASELOAD_DIRECTION = { high: 'range', low: 'cap' } as const;

/** The look-back of the "not reached after repeated attempts" worklist, in days. */
export const NOT_REACHED_WINDOW_DAYS = 90;

/** A SQL list literal of vocabulary values: `('a', 'b')`. The values are ours, never user input. */
export function sqlList(values: readonly string[]): string {
  for (const v of values) if (!/^[a-z0-9_]+$/.test(v)) throw new Error(`not a vocabulary value: ${v}`);
  return `(${values.map((v) => `'${v}'`).join(', ')})`;
}

/** `<alias>.action_type` is a contact attempt (outreach or an HRA call, any outcome). */
export const isContactAttempt = (alias: string): string => `${alias}.action_type IN ${sqlList(CONTACT_ATTEMPT_TYPES)}`;

/** `<alias>.outcome` reached the member. */
export const isSuccessfulOutcome = (alias: string): string => `${alias}.outcome IN ${sqlList(SUCCESSFUL_OUTCOMES)}`;

/** `<alias>.kind` is a community or public-health partner. */
export const isCommunityPartner = (alias: string): string => `${alias}.kind IN ${sqlList(COMMUNITY_PARTNER_KINDS)}`;

/**
 * Renewal guidance `<g>` counts for a renewal due on `dueOn` (a SQL date) when it is dated in the
 * window, read in the time zone `tz` (a SQL text): the guidance's local calendar date.
 */
export function guidanceCountsFor(g: string, dueOn: string, tz: string): string {
  return `${g}.action_type = 'renewal_guidance' AND ${g}.voided_at IS NULL
          AND ${g}.occurred_at >= ((${dueOn} - ${RENEWAL_GUIDANCE_WINDOW_DAYS})::timestamp AT TIME ZONE ${tz})
          AND ${g}.occurred_at < ((${dueOn} + 1)::timestamp AT TIME ZONE ${tz})`;
}

/** Enrollment `<e>` covers the day `day` (a SQL date). */
export const enrolledOn = (e: string, day: string): string =>
  `${e}.enrolled_from <= ${day} AND (${e}.enrolled_to IS NULL OR ${e}.enrolled_to >= ${day})`;

/** Caseload assignment `<c>` is active on the day `day`: assigned by then, not yet unassigned. */
export const assignedOn = (c: string, day: string): string =>
  `${c}.assigned_on <= ${day} AND (${c}.unassigned_on IS NULL OR ${c}.unassigned_on > ${day})`;

export type Band = 'below' | 'within' | 'above';

/** Where a count stands against a range; null for nothing to judge (no members). */
export function bandOf(n: number, range: { low: number; high: number }): Band | null {
  if (n === 0) return null;
  if (n < range.low) return 'below';
  return n > range.high ? 'above' : 'within';
}
