// CSV import of a partnership's tabular data — results, commitments and plan activities — one row
// at a time through the same schema and services as the API, so every rule holds. A bad row is
// reported with its line, column and reason; the good rows are kept.
import { CsvTextError, csvObjects } from '../import/csv-text.js';
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { Db } from '../../db/connect.js';
import { can, type Principal } from '../auth/permissions.js';
import { DomainError, RejectedError } from '../errors.js';
import { readablePartnership } from './partnership-access.js';
import { putActivity } from './partnership-plan.service.js';
import { putResult } from './partnership-results.service.js';
import { ActivityInput, CommitmentInput, ResultInput } from './partnerships.schema.js';
import { putCommitment } from './partnerships.service.js';

export const IMPORT_TABLES = ['results', 'commitments', 'activities'] as const;
export type ImportTable = (typeof IMPORT_TABLES)[number];

interface TableSpec {
  /** Columns that name the item (not part of the body). */
  keys: string[];
  schema: TSchema;
  lists: string[];
  write: (db: Db, partnershipId: string, keys: string[], body: never, actor: Principal) => Promise<void>;
}

const SPECS: Record<ImportTable, TableSpec> = {
  results: {
    keys: ['measure_id', 'period'],
    schema: ResultInput,
    lists: [],
    write: (db, id, [measure, period], body, actor) => putResult(db, id, measure!, period!, body, actor),
  },
  commitments: {
    keys: ['commitment_id'],
    schema: CommitmentInput,
    lists: [],
    write: (db, id, [c], body, actor) => putCommitment(db, id, c!, body, actor),
  },
  activities: {
    keys: ['activity_id'],
    schema: ActivityInput,
    lists: ['depends_on'],
    write: (db, id, [a], body, actor) => putActivity(db, id, a!, body, actor),
  },
};

export interface CsvImportReport {
  accepted: number;
  rejected: { line: number; column: string; reason: string }[];
}

function bodyOf(spec: TableSpec, row: Record<string, string>): Record<string, unknown> {
  const props = (spec.schema as { properties: Record<string, unknown> }).properties;
  const body: Record<string, unknown> = {};
  for (const name of Object.keys(props)) {
    const cell = row[name]?.trim() ?? '';
    body[name] = spec.lists.includes(name)
      ? cell
          .split(';')
          .map((x) => x.trim())
          .filter(Boolean)
      : cell === ''
        ? null
        : cell;
  }
  return Value.Convert(spec.schema, body) as Record<string, unknown>;
}

export async function importPartnershipCsv(
  db: Db,
  partnershipId: string,
  table: ImportTable,
  csv: string,
  actor: Principal,
): Promise<CsvImportReport> {
  const spec = SPECS[table];
  await readablePartnership(db, partnershipId, actor);
  if (table === 'activities' && !can(actor.role, 'partnerships:write'))
    throw new DomainError('forbidden', 'the plan is changed by the partnership’s managers');
  let rows: Record<string, string>[];
  try {
    rows = csvObjects(csv);
  } catch (error) {
    if (!(error instanceof CsvTextError)) throw error;
    throw new DomainError('validation_failed', `not a CSV file with a header row: ${error.message}`);
  }
  const report: CsvImportReport = { accepted: 0, rejected: [] };
  for (const [i, row] of rows.entries()) {
    const line = i + 2; // the header is line 1
    const missing = spec.keys.find((k) => !row[k]?.trim());
    if (missing) {
      report.rejected.push({ line, column: missing, reason: 'is missing' });
      continue;
    }
    const body = bodyOf(spec, row);
    const [problem] = Value.Errors(spec.schema, body);
    if (problem) {
      report.rejected.push({ line, column: problem.instancePath.replace(/^\//, '') || 'row', reason: problem.message });
      continue;
    }
    try {
      await spec.write(
        db,
        partnershipId,
        spec.keys.map((k) => row[k]!.trim()),
        body as never,
        actor,
      );
      report.accepted++;
    } catch (error) {
      if (error instanceof RejectedError) report.rejected.push({ line, ...error.errors[0]! });
      // The partnership itself was checked above: not found here is the row's measure or item.
      else if (error instanceof DomainError) report.rejected.push({ line, column: spec.keys[0]!, reason: error.message });
      else throw error;
    }
  }
  return report;
}
