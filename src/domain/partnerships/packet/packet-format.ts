// How a partnership measure's values read in the packet and on screen: a bound scorecard rate as
// a percentage, anything else with its own unit.
import type { MeasureView } from '../partnerships.schema.js';

export interface ValueFormat {
  /** The number as plotted (percent points for rates). */
  scale: (v: number) => number;
  text: (v: number | null) => string;
}

const trim = (v: number): string =>
  Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumFractionDigits: 1 });

export function valueFormat(m: Pick<MeasureView, 'percent' | 'unit'>): ValueFormat {
  if (m.percent) {
    return { scale: (v) => v * 100, text: (v) => (v === null ? '—' : `${trim(v * 100)}%`) };
  }
  const unit = m.unit.trim();
  return { scale: (v) => v, text: (v) => (v === null ? '—' : unit === '%' ? `${trim(v)}%` : unit ? `${trim(v)} ${unit}` : trim(v)) };
}
