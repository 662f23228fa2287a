// Every chart can be read as a table (WCAG: a chart is an image; its numbers must be reachable as
// text). The table is read off the chart's own option — its category axis and its series — so
// the two cannot disagree.
import type { EChartsOption } from 'echarts';

export interface ChartTable {
  head: string[];
  rows: string[][];
}

type Axis = { type?: string; data?: unknown[]; name?: string };
const first = (a: unknown): Axis | undefined => (Array.isArray(a) ? (a[0] as Axis) : (a as Axis | undefined));
const cell = (v: unknown): string => {
  const n = typeof v === 'object' && v !== null && 'value' in v ? (v as { value: unknown }).value : v;
  return n === null || n === undefined ? '—' : typeof n === 'number' ? n.toLocaleString('en-US') : String(n);
};

/** The chart's categories as rows, one column per series; null for a chart without a category axis. */
export function tableOf(option: EChartsOption): ChartTable | null {
  const x = first(option.xAxis);
  const y = first(option.yAxis);
  const category = x?.type === 'category' ? x : y?.type === 'category' ? y : undefined;
  const values = category === x ? y : x;
  const series = (Array.isArray(option.series) ? option.series : option.series ? [option.series] : []) as {
    name?: string;
    data?: unknown[];
  }[];
  if (!category?.data || series.length === 0) return null;
  const unit = values?.name ? ` (${values.name})` : '';
  const head = ['', ...series.map((s, i) => `${s.name ?? (series.length === 1 ? 'Value' : `Series ${i + 1}`)}${unit}`)];
  const rows = category.data.map((c, i) => [cell(c), ...series.map((s) => cell(s.data?.[i]))]);
  return { head, rows };
}
