import type { Command } from 'commander';
import { recordAccess } from '../domain/auth/audit.service.js';
import { SYSTEM } from '../domain/auth/permissions.js';
import { exportFhirDir, fhirMeasureReports, searchset } from '../domain/fhir/fhir-export.service.js';
import { action, withDb } from './context.js';

export function registerFhir(program: Command): void {
  const fhir = program
    .command('fhir')
    .description('FHIR R4 out: the ledger as bulk NDJSON, the scorecard as MeasureReports (FHIR in: diplomat import)');
  fhir
    .command('export')
    .description('write the ledger as bulk-data NDJSON (Patient, Coverage, Communication, Task, …) and the Measures into a directory')
    .argument('<dir>', 'where to write <Type>.ndjson')
    .action(
      action(async (dir: string, _opts: unknown, cmd: Command) => {
        const counts = await withDb(cmd.optsWithGlobals<{ db?: string }>().db, async (db) => {
          // The CLI acts as the system; a bulk export is one audit row, like a bulk import.
          await recordAccess(db, { principal: SYSTEM, via: 'diplomat fhir export', ip: null }, 'read', ['']);
          return exportFhirDir(db, dir);
        });
        for (const [type, n] of Object.entries(counts)) process.stdout.write(`${type.padEnd(18)}${String(n).padStart(10)}\n`);
        process.stdout.write(`written to ${dir}; import it elsewhere with: diplomat import ${dir}\n`);
      }),
    );
  fhir
    .command('measure-report')
    .description('the summary MeasureReports of a period (a FHIR Bundle, JSON): the same numbers as the scorecard')
    .requiredOption('--period <period>', 'a month 2025-03, a quarter 2025-Q1 or a year 2025')
    .option('--measure <id>', 'one Measure (e.g. contact-rate); all when absent')
    .option('--by <segment>', 'stratify by a segment (line_of_business, risk_tier, …)')
    .action(
      action(async (opts: { period: string; measure?: string; by?: string }, cmd: Command) => {
        const reports = await withDb(cmd.optsWithGlobals<{ db?: string }>().db, (db) =>
          fhirMeasureReports(db, SYSTEM, {
            period: opts.period,
            ...(opts.measure ? { measure: opts.measure } : {}),
            ...(opts.by ? { segment: opts.by } : {}),
          }),
        );
        process.stdout.write(JSON.stringify(searchset(reports), null, 2) + '\n');
      }),
    );
}
