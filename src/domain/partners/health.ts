// Relationship health (SPEC.md §7.4), pure: how long since the last formal and informal
// touchpoint against the partner's cadences, and overdue follow-ups, turned into a status and
// the reasons for it in words.
import type { HealthStatus } from '../ledger/vocabulary.js';

export interface HealthInputs {
  partner_id: string;
  formal_cadence_days: number;
  informal_cadence_days: number;
  /** Days from the latest formal / informal touchpoint on or before D to D; null if none. */
  days_since_formal: number | null;
  days_since_informal: number | null;
  overdue_follow_ups: number;
}

export interface HealthRow {
  partner_id: string;
  on: string;
  days_since_formal: number | null;
  days_since_informal: number | null;
  overdue_follow_ups: number;
  status: HealthStatus;
  reasons: string[];
}

function cadenceProblem(kind: 'formal' | 'informal', days: number | null, cadence: number): string | null {
  if (days === null) return `no ${kind} touchpoint yet (cadence every ${cadence} days)`;
  if (days > cadence) return `last ${kind} touchpoint ${days} days ago (cadence every ${cadence} days)`;
  return null;
}

export function healthOf(input: HealthInputs, on: string): HealthRow {
  const reasons = [
    cadenceProblem('formal', input.days_since_formal, input.formal_cadence_days),
    cadenceProblem('informal', input.days_since_informal, input.informal_cadence_days),
    input.overdue_follow_ups > 0 ? `${input.overdue_follow_ups} follow-up${input.overdue_follow_ups === 1 ? '' : 's'} overdue` : null,
  ].filter((r): r is string => r !== null);
  const status: HealthStatus = reasons.length === 0 ? 'good' : reasons.length === 1 ? 'at_risk' : 'poor';
  return {
    partner_id: input.partner_id,
    on,
    days_since_formal: input.days_since_formal,
    days_since_informal: input.days_since_informal,
    overdue_follow_ups: input.overdue_follow_ups,
    status,
    reasons,
  };
}

/** Worst first, then the longest without a formal touchpoint: the order a manager works in. */
export function byNeed(a: HealthRow, b: HealthRow): number {
  const rank = { poor: 0, at_risk: 1, good: 2 } as const;
  return (
    rank[a.status] - rank[b.status] ||
    (b.days_since_formal ?? Infinity) - (a.days_since_formal ?? Infinity) ||
    a.partner_id.localeCompare(b.partner_id)
  );
}
