// Columns a Diplomat file requires but FHIR does not carry (a member's risk tier, a staff
// member's role and start date): a translated row leaves them empty, and they are filled here
// from the stored record when there is one (a FHIR import never overwrites what a CSV set), else
// with a documented default, counted in a warning.
import type { Db } from '../../../db/connect.js';
import type { RecordSource, SourceRecord } from '../record-source.js';
import { storedValues } from './fhir.queries.js';
import type { TargetFile } from './fhir-translate-types.js';

interface Fill {
  table: string;
  key: string;
  /** Column → default for a new record (null: none, the column stays empty). */
  columns: Readonly<Record<string, string | null>>;
}

export function fillsFor(file: TargetFile, today: string): Fill | undefined {
  if (file === 'members') return { table: 'members', key: 'member_id', columns: { risk_tier: 'low' } };
  if (file === 'staff') {
    return { table: 'staff', key: 'staff_id', columns: { role: 'other', hired_on: today, partner_id: null, left_on: null } };
  }
  return undefined;
}

const text = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
};

/** `source` with the empty fill columns of each batch filled; `defaulted` counts the defaults used per column. */
export function filledSource(db: Db, source: RecordSource, fill: Fill, defaulted: Map<string, number>): RecordSource {
  return {
    name: source.name,
    totalBytes: source.totalBytes,
    async *records() {
      let header: string[] | undefined;
      for await (const batch of source.records()) {
        let body: SourceRecord[] = batch;
        if (!header) {
          header = batch[0]!.record;
          body = batch.slice(1);
          yield [batch[0]!];
        }
        yield await fillBatch(db, header, body, fill, defaulted);
      }
    },
  };
}

async function fillBatch(
  db: Db,
  header: string[],
  batch: SourceRecord[],
  fill: Fill,
  defaulted: Map<string, number>,
): Promise<SourceRecord[]> {
  const keyAt = header.indexOf(fill.key);
  const targets = Object.entries(fill.columns).map(([column, fallback]) => ({ column, fallback, at: header.indexOf(column) }));
  const needing = batch.filter((r) => targets.some((t) => (r.record[t.at] ?? '') === ''));
  if (needing.length === 0) return batch;
  const stored = await storedValues(
    db.kysely,
    fill.table,
    fill.key,
    targets.map((t) => t.column),
    [...new Set(needing.map((r) => r.record[keyAt] ?? ''))],
  );
  for (const r of needing) {
    const row = stored.get(r.record[keyAt] ?? '');
    for (const t of targets) {
      if ((r.record[t.at] ?? '') !== '') continue;
      if (row) r.record[t.at] = text(row[t.column]);
      else if (t.fallback !== null) {
        r.record[t.at] = t.fallback;
        defaulted.set(t.column, (defaulted.get(t.column) ?? 0) + 1);
      }
    }
  }
  return batch;
}
