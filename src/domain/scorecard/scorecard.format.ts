// Scorecard output: JSON and CSV exactly as SPEC.md §5, and a table for people that fits an
// 80-column terminal — grouped by principle, with benchmark and status.
import { stringify } from 'csv-stringify/sync';
import { PRINCIPLE_NAMES, PRINCIPLES } from '../ledger/vocabulary.js';
import type { Status } from '../ledger/vocabulary.js';
import type { Benchmark, MetricFormat } from '../metrics/catalog.js';
import { definitionOf, type ScorecardRow } from './scorecard.service.js';

export const CSV_COLUMNS = [
  'metric',
  'principle',
  'period',
  'segment',
  'segment_value',
  'tier',
  'numerator',
  'denominator',
  'value',
  'per_1000',
  'benchmark_low',
  'benchmark_high',
  'benchmark_applies_to',
  'benchmark_per',
  'status',
] as const;

export function toCsv(rows: readonly ScorecardRow[]): string {
  const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
  return stringify([
    [...CSV_COLUMNS],
    ...rows.map((r) =>
      [
        r.metric,
        r.principle,
        r.period,
        r.segment,
        r.segment_value,
        r.tier,
        r.numerator,
        r.denominator,
        r.value,
        r.per_1000,
        r.benchmark?.low,
        r.benchmark?.high,
        r.benchmark?.applies_to,
        r.benchmark?.per,
        r.status,
      ].map(cell),
    ),
  ]);
}

export function toJson(rows: readonly ScorecardRow[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}

const STATUS_MARK: Record<Status, string> = { below: '↓', within: '✓', above: '↑' };

/** A value as the catalog says to show it: percent, ratio, count or hours. */
export function formatValue(value: number | null, format: MetricFormat): string {
  if (value === null) return '—';
  if (format === 'hours') return value.toFixed(1);
  if (format === 'count') return value.toLocaleString('en-US');
  if (format === 'ratio') return value.toFixed(2);
  return `${(value * 100).toFixed(1)}%`;
}

export function formatBenchmark(b: Benchmark | null, format: MetricFormat): string {
  if (!b) return '';
  const fmt = (v: number): string => (format === 'ratio' || format === 'count' ? String(v) : `${+(v * 100).toFixed(1)}%`);
  const range = b.low === b.high ? fmt(b.low) : `${fmt(b.low)}–${fmt(b.high)}`;
  return `${range}${b.per === 'year' ? '/yr' : ''}${b.applies_to ? ` ${b.applies_to}` : ''}`;
}

const valueOf = (row: ScorecardRow): string => formatValue(row.value, definitionOf(row).format);

function label(row: ScorecardRow): string {
  const base = definitionOf(row).label;
  return row.tier ? `${base} ${row.tier}` : base;
}

const fit = (text: string, width: number): string => (text.length > width ? text.slice(0, width - 1) + '…' : text.padEnd(width));
const right = (text: string, width: number): string => (text.length > width ? text.slice(0, width) : text.padStart(width));

function detail(row: ScorecardRow): string {
  if (row.per_1000 !== null) return `${row.per_1000.toFixed(1)}/1k`;
  if (row.denominator !== null && row.numerator !== null) return `${row.numerator}/${row.denominator}`;
  return '';
}

interface TableOptions {
  priorities?: Partial<Record<number, string>>;
  width?: number;
}

export function toTable(rows: readonly ScorecardRow[], options: TableOptions = {}): string {
  if (rows.length === 0) return 'No members are enrolled in this period.\n';
  const first = rows[0]!;
  const segmented = first.segment !== 'all';
  const out: string[] = [];
  out.push(`Diplomacy Scorecard — ${first.period} — ${segmented ? `by ${first.segment}` : 'whole plan'}`);
  out.push('↓ below, ✓ within, ↑ above the research benchmark; — no value');
  out.push('/1k = per 1,000 member-months');
  for (const principle of PRINCIPLES) {
    const ofPrinciple = rows.filter((r) => r.principle === principle);
    if (ofPrinciple.length === 0) continue;
    const priority = options.priorities?.[principle];
    out.push('');
    out.push(`${principle} ${PRINCIPLE_NAMES[principle].toUpperCase()}${priority ? ` (priority: ${priority})` : ''}`);
    out.push(...(segmented ? matrix(ofPrinciple, options.width ?? 80) : list(ofPrinciple)));
  }
  return out.join('\n') + '\n';
}

function list(rows: readonly ScorecardRow[]): string[] {
  const lines = [`  ${fit('metric', 34)} ${right('value', 9)}  ${fit('benchmark', 15)}    detail`];
  for (const r of rows) {
    const mark = r.status ? STATUS_MARK[r.status] : ' ';
    lines.push(
      `  ${fit(label(r), 34)} ${right(valueOf(r), 9)}  ${fit(formatBenchmark(r.benchmark, definitionOf(r).format), 15)} ${mark}  ${detail(r)}`.trimEnd(),
    );
  }
  return lines;
}

/** Metrics down, segment values across, in as many column blocks as the width needs. */
function matrix(rows: readonly ScorecardRow[], width: number): string[] {
  const values = [...new Set(rows.map((r) => r.segment_value))];
  const keys = [...new Set(rows.map((r) => `${r.metric}|${r.tier ?? ''}`))];
  const labelWidth = 30;
  const colWidth = 10;
  const perBlock = Math.max(1, Math.floor((width - 2 - labelWidth) / (colWidth + 1)));
  const byKey = new Map(rows.map((r) => [`${r.metric}|${r.tier ?? ''}|${r.segment_value}`, r]));
  const lines: string[] = [];
  for (let i = 0; i < values.length; i += perBlock) {
    const block = values.slice(i, i + perBlock);
    lines.push(`  ${fit('', labelWidth)}${block.map((v) => ' ' + right(fit(v, colWidth).trimEnd(), colWidth)).join('')}`);
    for (const key of keys) {
      const sample = rows.find((r) => `${r.metric}|${r.tier ?? ''}` === key)!;
      const cells = block.map((v) => {
        const r = byKey.get(`${key}|${v}`);
        if (!r) return ' ' + right('', colWidth);
        const mark = r.status ? STATUS_MARK[r.status] : '';
        return ' ' + right(valueOf(r) + mark, colWidth);
      });
      lines.push(`  ${fit(label(sample), labelWidth)}${cells.join('')}`);
    }
  }
  return lines;
}
