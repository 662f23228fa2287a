import { join } from 'node:path';
import type { Command } from 'commander';
import { recordAccess } from '../domain/auth/audit.service.js';
import { SYSTEM } from '../domain/auth/permissions.js';
import type { ImportReport } from '../domain/import/import-report.js';
import { importPaths } from '../domain/import/import.service.js';
import { action, EXIT, withDb } from './context.js';
import { createImportProgress } from './progress.js';

function defaultReportDir(): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return join('.diplomat', 'imports', stamp);
}

/** Where every FHIR resource read went, per type. */
function printFhirAccounts(fhir: NonNullable<ImportReport['fhir']>): string[] {
  const w = (s: string | number, n: number): string => String(s).padStart(n);
  const lines = [`${'FHIR resource'.padEnd(22)}${w('read', 10)}${w('imported', 10)}${w('used', 9)}${w('ignored', 9)}${w('rejected', 10)}`];
  for (const [type, a] of Object.entries(fhir.resources)) {
    lines.push(`${type.padEnd(22).slice(0, 22)}${w(a.read, 10)}${w(a.imported, 10)}${w(a.used, 9)}${w(a.ignored, 9)}${w(a.rejected, 10)}`);
  }
  if (fhir.unreadable > 0) lines.push(`${fhir.unreadable} line(s) or entries were not FHIR resources at all (rejected)`);
  if (fhir.rejectsPath) lines.push(`rejected resources: ${fhir.rejectsPath}`);
  return lines;
}

function printSummary(report: ImportReport): void {
  const w = (s: string | number, n: number): string => String(s).padStart(n);
  const lines = [`${'file'.padEnd(22)}${w('read', 10)}${w('accepted', 10)}${w('updated', 9)}${w('dupl.', 9)}${w('rejected', 10)}`];
  for (const f of report.files) {
    const base = f.path.split(/[\\/]/).pop() ?? f.file;
    const name = base.endsWith('.from-fhir.csv') ? `${f.file} (FHIR)` : base;
    lines.push(
      `${name.padEnd(22).slice(0, 22)}${w(f.rowsRead, 10)}${w(f.accepted, 10)}${w(f.updated, 9)}${w(f.duplicates, 9)}${w(f.rejected, 10)}`,
    );
  }
  const t = report.totals;
  lines.push(`${'total'.padEnd(22)}${w(t.rowsRead, 10)}${w(t.accepted, 10)}${w(t.updated, 9)}${w(t.duplicates, 9)}${w(t.rejected, 10)}`);
  if (report.fhir) lines.unshift(...printFhirAccounts(report.fhir), '');
  process.stdout.write(lines.join('\n') + '\n');
  for (const f of report.files) {
    if (f.error) process.stdout.write(`FAILED ${f.path}: ${f.error} (nothing from this file was kept)\n`);
    if (f.rejectsPath) process.stdout.write(`rejected rows of ${f.file}: ${f.rejectsPath}\n`);
  }
  process.stdout.write(`summary: ${join(report.reportDir, 'summary.json')}\n`);
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import the CSV files of the data contract, or FHIR R4 (bulk NDJSON, Bundles): a directory or files')
    .argument('<paths...>', 'files or directories holding partners.csv, members.csv, actions.csv, … or Patient.ndjson, bundle.json, …')
    .option('--report <dir>', 'where to write summary.json and the rejects files')
    .option('--json', 'print the summary as JSON')
    .action(
      action(async (paths: string[], opts: { report?: string; json?: boolean }, cmd: Command) => {
        const { db: dbOption } = cmd.optsWithGlobals<{ db?: string }>();
        const report = await withDb(dbOption, async (db) => {
          const progress = createImportProgress();
          try {
            // The CLI acts as the system; a bulk write is one audit row, not one per member.
            await recordAccess(db, { principal: SYSTEM, via: 'diplomat import', ip: null }, 'write', ['']);
            return await importPaths(db, paths, {
              reportDir: opts.report ?? defaultReportDir(),
              onProgress: (p) => progress.update(p),
              onWarning: (w) => process.stderr.write(`warning: ${w}\n`),
            });
          } finally {
            progress.stop();
          }
        });
        if (opts.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
        else printSummary(report);
        if (report.failedFiles > 0) return EXIT.failure;
        // A FHIR resource rejected before it became a row is a rejected row too.
        const fhirRejected = report.fhir
          ? report.fhir.unreadable + Object.values(report.fhir.resources).reduce((n, a) => n + a.rejected, 0)
          : 0;
        return report.totals.rejected + fhirRejected > 0 ? EXIT.rejected : EXIT.ok;
      }),
    );
}
