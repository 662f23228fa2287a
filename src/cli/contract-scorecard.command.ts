import type { Command } from 'commander';
import { contractRowsToCsv, contractRowsToJson, contractRowsToTable } from '../domain/contracts/contract-scorecard.format.js';
import { computeContractScorecard } from '../domain/contracts/contract-scorecard.service.js';
import { action, UsageError, withDb } from './context.js';

const FORMATS = ['table', 'json', 'csv'] as const;

export function registerContractScorecard(program: Command): void {
  program
    .command('contract-scorecard')
    .description('print the scorecard of value-based contracts for a month, quarter or year (SPEC 7.3)')
    .requiredOption('--period <period>', 'a month 2025-03, a quarter 2025-Q1 or a year 2025')
    .option('--contract <id>', 'one contract (default: every contract whose term overlaps the period)')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(
      action(async (opts: { period: string; contract?: string; format: string }, cmd: Command) => {
        if (!(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
        const { db: dbOption } = cmd.optsWithGlobals<{ db?: string }>();
        const output = await withDb(dbOption, async (db) => {
          const rows = await computeContractScorecard(db, { period: opts.period, contract: opts.contract ?? null });
          if (opts.format === 'json') return contractRowsToJson(rows);
          if (opts.format === 'csv') return contractRowsToCsv(rows);
          return contractRowsToTable(rows);
        });
        process.stdout.write(output);
      }),
    );
}
