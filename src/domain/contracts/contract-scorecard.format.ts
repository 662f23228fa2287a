// Contract scorecard output: JSON and CSV with SPEC.md §7.3's columns, and a table for people —
// per contract its measures with value, threshold → target, achievement bar, then the totals.
import { stringify } from 'csv-stringify/sync';
import { isSummary, type ContractScorecardRow } from './contract-scorecard.service.js';

export const CONTRACT_CSV_COLUMNS = [
  'contract_id',
  'period',
  'measure_id',
  'source',
  'metric',
  'tier',
  'numerator',
  'denominator',
  'value',
  'direction',
  'threshold',
  'target',
  'weight',
  'achievement',
  'score',
  'coverage',
  'earned_incentive',
  'population',
] as const;

export function contractRowsToCsv(rows: readonly ContractScorecardRow[]): string {
  const cell = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
  return stringify([
    [...CONTRACT_CSV_COLUMNS],
    ...rows.map((r) => CONTRACT_CSV_COLUMNS.map((c) => cell((r as unknown as Record<string, unknown>)[c]))),
  ]);
}

export function contractRowsToJson(rows: readonly ContractScorecardRow[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}

const num = (v: number | string | null, digits = 3): string => (v === null ? '—' : typeof v === 'string' ? v : String(+v.toFixed(digits)));
const bar = (a: number | null, width = 10): string =>
  a === null ? ''.padEnd(width, '·') : '█'.repeat(Math.round(a * width)).padEnd(width, '░');
const money = (v: number | null): string => (v === null ? '—' : `$${v.toLocaleString('en-US', { maximumFractionDigits: 0 })}`);

export function contractRowsToTable(rows: readonly ContractScorecardRow[]): string {
  if (rows.length === 0) return 'No contract has measures for this period (or none overlaps it).\n';
  const out: string[] = [`Contract scorecard — ${rows[0]!.period}`, 'achievement: █ of threshold → target; · no value'];
  let current = '';
  for (const r of rows) {
    if (r.contract_id !== current) {
      current = r.contract_id;
      out.push(
        '',
        `${r.contract_id}`,
        `  ${'measure'.padEnd(12)} ${'metric'.padEnd(34)} ${'value'.padStart(9)}  ${'threshold → target'.padEnd(20)} achievement`,
      );
    }
    if (isSummary(r)) {
      out.push(
        `  score ${r.score === null ? '—' : `${(r.score * 100).toFixed(1)}%`} · coverage ${r.coverage === null ? '—' : `${(r.coverage * 100).toFixed(0)}%`} · earned ${money(r.earned_incentive)} · population ${r.population}`,
      );
      continue;
    }
    const metric = r.source === 'reported' ? '(reported)' : `${r.metric}${r.tier ? ` ${r.tier}` : ''}`;
    const terms = `${num(r.threshold)} → ${num(r.target)} ${r.direction === 'higher' ? '↑' : '↓'}`;
    out.push(
      `  ${r.measure_id.padEnd(12)} ${metric.padEnd(34)} ${num(r.value).padStart(9)}  ${terms.padEnd(20)} ${bar(r.achievement)} ${r.achievement === null ? '' : `${Math.round(r.achievement * 100)}%`}`.trimEnd(),
    );
  }
  return out.join('\n') + '\n';
}
