// Relationship health output (SPEC.md §7.4): JSON and CSV with the SPEC's columns, a table for people.
import { stringify } from 'csv-stringify/sync';
import type { HealthRow } from './health.js';

const COLUMNS = ['partner_id', 'on', 'days_since_formal', 'days_since_informal', 'overdue_follow_ups', 'status', 'reasons'] as const;

export function healthToCsv(rows: readonly HealthRow[]): string {
  const cell = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join('; ') : String(v));
  return stringify([[...COLUMNS], ...rows.map((r) => COLUMNS.map((c) => cell(r[c])))]);
}

export function healthToJson(rows: readonly HealthRow[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}

const MARK = { good: '✓ good', at_risk: '! at risk', poor: '✗ poor' } as const;

export function healthToTable(rows: readonly HealthRow[]): string {
  if (rows.length === 0) return 'No partners.\n';
  const days = (d: number | null): string => (d === null ? 'never' : `${d} d`);
  const out = [
    `Relationship health on ${rows[0]!.on}`,
    `  ${'partner'.padEnd(14)} ${'status'.padEnd(10)} ${'formal'.padStart(7)} ${'informal'.padStart(8)} ${'overdue'.padStart(7)}  why`,
  ];
  for (const r of rows) {
    out.push(
      `  ${r.partner_id.padEnd(14)} ${MARK[r.status].padEnd(10)} ${days(r.days_since_formal).padStart(7)} ${days(r.days_since_informal).padStart(8)} ${String(r.overdue_follow_ups).padStart(7)}  ${r.reasons.join('; ')}`.trimEnd(),
    );
  }
  return out.join('\n') + '\n';
}
