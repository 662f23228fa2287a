// A partnership measure's values on screen: rates computed from the scorecard as percentages
// (the server marks them `percent`), anything else with its unit.
import type { PartnershipMeasure } from '../../api';

const trim = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 1 });

export function measureScale(m: Pick<PartnershipMeasure, 'percent'>): (v: number) => number {
  return m.percent ? (v) => v * 100 : (v) => v;
}

export function measureText(m: Pick<PartnershipMeasure, 'percent' | 'unit'>): (v: number | null) => string {
  const scale = measureScale(m);
  const unit = m.unit.trim();
  return (v) => (v === null ? '—' : m.percent || unit === '%' ? `${trim(scale(v))}%` : unit ? `${trim(v)} ${unit}` : trim(v));
}
