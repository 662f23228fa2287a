// FHIR import against the CSV import of the same rows, each into an empty database of the same
// kind: the 1,000-patient bulk-data export (data/fhir-synthea) first, then the partners, staff and
// members it produced, dumped as CSV, as the baseline.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'kysely';
import type { Db } from '../src/db/connect.js';
import { schemaProblem } from '../src/domain/import/fhir/fhir-schema.js';
import { importPaths } from '../src/domain/import/import.service.js';
import { fmt, median, timed, withPeakRss } from './measure.js';
import type { Results } from './results-table.js';

const BULK_1000 = join(import.meta.dirname, '../data/fhir-synthea/bulk-ndjson-1000-patients');

const DUMPS: Record<string, string> = {
  partners: 'SELECT partner_id, name, kind FROM partners',
  staff: 'SELECT staff_id, name, role, partner_id, hired_on::text AS hired_on, left_on::text AS left_on FROM staff',
  members:
    'SELECT member_id, birth_date::text AS birth_date, sex, race, ethnicity, language, county, zip, risk_tier, phone, email FROM members',
};

async function dumpCsv(db: Db, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const [file, query] of Object.entries(DUMPS)) {
    const { rows } = await sql.raw<Record<string, unknown>>(query).execute(db.kysely);
    writeFileSync(join(dir, `${file}.csv`), stringify(rows, { header: true, columns: Object.keys(rows[0] ?? {}) }));
  }
}

/** One import of `paths` into an empty database; returns it with its time and peak RSS. */
async function intoFresh(fresh: () => Promise<Db>, paths: string[], reportDir: string, keep?: (db: Db) => Promise<void>) {
  const db = await fresh();
  try {
    const run = await withPeakRss(() => importPaths(db, paths, { reportDir }));
    await keep?.(db);
    return run;
  } finally {
    await db.close();
  }
}

/** Three rounds of FHIR then CSV, each into a fresh database: medians, so neither gains from going second. */
export async function benchFhirImport(name: string, fresh: () => Promise<Db>, workDir: string, results: Results): Promise<void> {
  // The R4 schema compiles once per process, on first use: shown apart from the import.
  const compile = await timed(async () => schemaProblem({ resourceType: 'Patient' }));
  const csvDir = join(workDir, `fhir-as-csv-${name}`);
  const fhirRuns: number[] = [];
  const csvRuns: number[] = [];
  let peakMb = 0;
  let resources = 0;
  let rows = 0;
  for (let round = 0; round < 3; round++) {
    const fhir = await intoFresh(fresh, [BULK_1000], join(workDir, `fhir-report-${name}`), (db) => dumpCsv(db, csvDir));
    fhirRuns.push(fhir.ms);
    peakMb = Math.max(peakMb, fhir.peakMb);
    resources = Object.values(fhir.result.fhir!.resources).reduce((n, a) => n + a.read, 0);
    rows = fhir.result.totals.rowsRead;
    csvRuns.push((await intoFresh(fresh, [csvDir], join(workDir, `fhir-csv-report-${name}`))).ms);
  }
  const [fhirMs, csvMs] = [median(fhirRuns), median(csvRuns)];
  results.add(
    name,
    `FHIR import, 1,000-patient bulk NDJSON (${fmt(resources)} resources → ${fmt(rows)} rows), median s`,
    `${fmt(fhirMs / 1000, 2)} (${fmt(resources / (fhirMs / 1000))}/s)`,
    `${fmt(csvMs / 1000, 2)} CSV of the rows`,
    `${fmt(fhirMs / csvMs, 1)}× the time`,
  );
  results.add(
    name,
    'FHIR import: R4 schema compiled on first use (s); process peak RSS (MB)',
    `${fmt(compile.ms / 1000, 2)}; ${fmt(peakMb)}`,
  );
  results.record(`${name}.fhirImport`, {
    resources,
    seconds: fhirMs / 1000,
    csvSeconds: csvMs / 1000,
    schemaCompileSeconds: compile.ms / 1000,
    peakRssMb: peakMb,
  });
}
