// The multi-year plan's dependency rules, pure: an activity may depend only on activities that
// exist, not on itself, not on one in a later phase (that would run the plan backwards), and not
// in a cycle. Each refusal names the activities involved.
export interface PlanActivity {
  activity_id: string;
  phase_id: string;
  depends_on: readonly string[];
}

/** The reason the plan with `changed` in it is impossible, or null when it is fine. */
export function planProblem(
  activities: readonly PlanActivity[],
  phaseOrder: ReadonlyMap<string, number>,
  changed: PlanActivity,
): string | null {
  if (!phaseOrder.has(changed.phase_id)) return `phase ${changed.phase_id} is not in the plan`;
  const all = new Map(activities.map((a) => [a.activity_id, a]));
  all.set(changed.activity_id, changed);
  for (const dep of changed.depends_on) {
    if (dep === changed.activity_id) return `activity ${dep} cannot depend on itself`;
    const target = all.get(dep);
    if (!target) return `depends on ${dep}, which is not in the plan`;
    if (phaseOrder.get(target.phase_id)! > phaseOrder.get(changed.phase_id)!)
      return `depends on ${dep}, which is in a later phase (${target.phase_id})`;
  }
  const cycle = cycleThrough(all, changed.activity_id);
  return cycle ? `the dependencies would go round in a circle: ${cycle.join(' → ')}` : null;
}

/** A path from `start` back to itself along depends_on, if there is one. */
function cycleThrough(all: ReadonlyMap<string, PlanActivity>, start: string): string[] | null {
  const seen = new Set<string>();
  const walk = (id: string, path: string[]): string[] | null => {
    for (const dep of all.get(id)?.depends_on ?? []) {
      if (dep === start) return [...path, dep];
      if (seen.has(dep)) continue;
      seen.add(dep);
      const found = walk(dep, [...path, dep]);
      if (found) return found;
    }
    return null;
  };
  return walk(start, [start]);
}
