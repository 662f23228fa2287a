// How a contract measure names a scorecard metric (SPEC.md §7.1 contract_measures.metric): by its
// SPEC id, or by its catalog key where the id is shared (principle_actions of each principle).
import { isPlanWide, METRICS, type MetricDefinition } from './catalog.js';

export type MetricLookup = { metric: MetricDefinition } | { error: string };

/** The metric a contract measure may use: not plan-wide, named unambiguously. */
export function contractMetric(name: string): MetricLookup {
  const byKey = METRICS.find((m) => m.key === name);
  const byId = METRICS.filter((m) => m.id === name);
  const metric = byKey ?? (byId.length === 1 ? byId[0] : undefined);
  if (!metric && byId.length > 1) {
    return { error: `is ambiguous: use one of ${byId.map((m) => m.key).join(', ')}` };
  }
  if (!metric) return { error: 'is not a scorecard metric (SPEC section 4)' };
  if (isPlanWide(metric)) return { error: 'is plan-wide and has no value for a contract population' };
  return { metric };
}
