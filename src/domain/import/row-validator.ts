// Turns one parsed CSV record into a line of COPY input, or into the reasons it is rejected.
// This is the hot path of every import: one closure per column, no allocation beyond the output.
import type { ColumnSpec, FileSpec } from './file-specs.js';
import { tableColumns } from './file-specs.js';
import {
  ValueError,
  parseBoolean,
  parseDate,
  parseDecimal,
  parseEnum,
  parseId,
  parseIdList,
  parsePeriodText,
  parseTimestamp,
  parseWholeNumber,
  parseYear,
  timestampHasOffset,
} from './values.js';

export interface RowError {
  column: string;
  reason: string;
}

/** zoneless: a timestamp of the row has no offset, so COPY must read it in the plan's time zone. */
export type RowResult = { ok: true; copyLine: string; zoneless: boolean } | { ok: false; errors: RowError[] };

export interface HeaderProblem {
  missing: string[];
  unknown: string[];
  duplicated: string[];
}

type Parse = (raw: string) => string;

function parserFor(column: ColumnSpec): Parse {
  const t = column.type;
  switch (t.kind) {
    case 'id':
      return parseId;
    case 'text':
      return (raw) => raw;
    case 'date':
      return parseDate;
    case 'timestamp':
      return parseTimestamp;
    case 'int':
      return parseWholeNumber;
    case 'bool':
      return parseBoolean;
    case 'enum':
      return (raw) => parseEnum(raw, t.values);
    case 'id_list':
      return parseIdList;
    case 'decimal':
      return (raw) => parseDecimal(raw, t.min, t.exclusive);
    case 'year':
      return parseYear;
    case 'period':
      return parsePeriodText;
  }
}

/** COPY CSV: an unquoted empty field is NULL, a quoted one an empty string. */
function copyField(value: string | null): string {
  if (value === null) return '';
  if (value === '' || /[",\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export function checkHeader(spec: FileSpec, header: readonly string[]): HeaderProblem {
  const known = new Set(spec.columns.map((c) => c.name));
  const seen = new Set<string>();
  const duplicated: string[] = [];
  for (const name of header) {
    if (seen.has(name)) duplicated.push(name);
    seen.add(name);
  }
  return {
    missing: spec.columns.filter((c) => c.required && !seen.has(c.name)).map((c) => c.name),
    unknown: header.filter((h) => !known.has(h)),
    duplicated,
  };
}

export function buildRowValidator(spec: FileSpec, header: readonly string[]): (record: readonly string[], line: number) => RowResult {
  const columns = spec.columns.map((column) => ({
    column,
    index: header.indexOf(column.name),
    parse: parserFor(column),
    emptyAs: spec.emptyAs?.[column.name] ?? (column.type.kind === 'bool' ? String(column.type.default) : null),
  }));
  const derivedCount = tableColumns(spec).length - columns.length;
  const derivedTail = ','.repeat(derivedCount);
  const byName = new Map(columns.map((c, i) => [c.column.name, i]));
  const range = spec.endAfterStart;
  const startAt = range ? byName.get(range.start)! : -1;
  const endAt = range ? byName.get(range.end)! : -1;
  const when = spec.requiredWhen;
  const whenAt = when ? byName.get(when.when)! : -1;
  const requiredAt = when ? byName.get(when.column)! : -1;
  const width = header.length;
  const timestampsAt = columns.flatMap((c, i) => (c.column.type.kind === 'timestamp' ? [i] : []));

  return (record, line) => {
    if (record.length !== width) {
      return { ok: false, errors: [{ column: '', reason: `has ${record.length} fields, the header has ${width}` }] };
    }
    let errors: RowError[] | undefined;
    const values: (string | null)[] = new Array(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const c = columns[i]!;
      let raw = c.index < 0 ? '' : record[c.index]!;
      // Trim only when needed: most cells have no surrounding space, and this is the hot path.
      if (raw.length > 0 && (raw.charCodeAt(0) <= 32 || raw.charCodeAt(raw.length - 1) <= 32)) raw = raw.trim();
      if (raw === '') {
        if (c.column.required) (errors ??= []).push({ column: c.column.name, reason: 'is required' });
        values[i] = c.emptyAs;
        continue;
      }
      if (raw.includes('\u0000')) {
        (errors ??= []).push({ column: c.column.name, reason: 'contains a NUL character' });
        continue;
      }
      try {
        values[i] = c.parse(raw);
      } catch (error) {
        if (!(error instanceof ValueError)) throw error;
        (errors ??= []).push({ column: c.column.name, reason: error.message });
      }
    }
    if (!errors && range) {
      const start = values[startAt];
      const end = values[endAt];
      if (start && end && end < start) errors = [{ column: range.end, reason: `is before ${range.start}` }];
    }
    if (!errors && when && values[whenAt] === when.equals && !values[requiredAt]) {
      errors = [{ column: when.column, reason: `is required when ${when.when} is ${when.equals}` }];
    }
    if (!errors && spec.rowRule) {
      const broken = spec.rowRule((name) => values[byName.get(name)!] ?? null);
      if (broken) errors = [broken];
    }
    if (errors) return { ok: false, errors };
    let out = String(line);
    for (const v of values) out += ',' + copyField(v ?? null);
    let zoneless = false;
    for (const i of timestampsAt) if (values[i] && !timestampHasOffset(values[i])) zoneless = true;
    return { ok: true, copyLine: out + derivedTail + '\n', zoneless };
  };
}
