// "Moving upstream together" (seed 004): signs that a partnership is turning from services toward
// the root causes of illness and inequity, read from its own records — the community's health
// moving (population measures past their baseline), work done jointly rather than side by side,
// the community's voice changing what is done, a vision that adapts, and partners still joining.
import type { Workspace } from '../partnerships.schema.js';

export interface UpstreamIndicator {
  label: string;
  value: string;
  /** Why this counts as moving upstream, in a sentence a leader reads. */
  meaning: string;
}

const share = (n: number, d: number): string => (d === 0 ? '—' : `${n} of ${d} (${Math.round((n / d) * 100)}%)`);

function yearBefore(day: string): string {
  return `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
}

export function upstreamIndicators(w: Workspace): UpstreamIndicator[] {
  const population = w.measures.filter((m) => m.level === 'population');
  const improving = population.filter((m) => {
    const v = m.latest?.value;
    if (v === null || v === undefined || m.baseline === null) return false;
    return m.direction === 'higher' ? v > m.baseline : v < m.baseline;
  });
  const since = yearBefore(w.today);
  const recent = w.engagements.filter((e) => e.held_on >= since);
  const groups = new Set(recent.flatMap((e) => e.groups_heard));
  const changed = recent.filter((e) => e.what_changed.trim() !== '');
  const scopeDecisions = w.decisions.filter((d) => d.scope_change !== null && d.decided_on >= since);
  const prospects = w.members.filter((m) => m.stage !== 'committed');
  return [
    {
      label: 'Population measures better than their baseline',
      value: share(improving.length, population.filter((m) => m.baseline !== null).length),
      meaning: 'The health of the whole community in the area is moving, not only the people each organization serves.',
    },
    {
      label: 'Plan activities done together',
      value: share(w.activities.filter((a) => a.integrated).length, w.activities.length),
      meaning: 'Integrated work changes systems; independent work runs side by side.',
    },
    {
      label: 'Community meetings in the last 12 months',
      value: `${recent.length}, hearing ${groups.size} group${groups.size === 1 ? '' : 's'}; ${changed.length} changed what we do`,
      meaning: 'Those most affected shape the work, so it reaches the causes they live with.',
    },
    {
      label: 'Scope decisions in the last 12 months',
      value: String(scopeDecisions.length),
      meaning: 'The joint vision adapts to the community’s changing needs, on the record.',
    },
    {
      label: 'Prospective partners in the pipeline',
      value: String(prospects.length),
      meaning: 'Root causes need partners the coalition does not have yet.',
    },
  ];
}
