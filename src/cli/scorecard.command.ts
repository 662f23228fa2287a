import type { Command } from 'commander';
import { toCsv, toJson, toTable } from '../domain/scorecard/scorecard.format.js';
import { computeScorecard } from '../domain/scorecard/scorecard.service.js';
import { getAllSettings } from '../domain/settings/settings.service.js';
import { action, UsageError, withDb } from './context.js';

const FORMATS = ['table', 'json', 'csv'] as const;

export function registerScorecard(program: Command): void {
  program
    .command('scorecard')
    .description('print the Diplomacy Scorecard for a month, quarter or year')
    .requiredOption('--period <period>', 'a month 2025-03, a quarter 2025-Q1 or a year 2025')
    .option('--by <segment>', 'line_of_business, product, risk_tier, county, age_band, sex, race, ethnicity or language')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(
      action(async (opts: { period: string; by?: string; format: string }, cmd: Command) => {
        if (!(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
        const { db: dbOption } = cmd.optsWithGlobals<{ db?: string }>();
        const output = await withDb(dbOption, async (db) => {
          const rows = await computeScorecard(db, { period: opts.period, by: opts.by ?? null });
          if (opts.format === 'json') return toJson(rows);
          if (opts.format === 'csv') return toCsv(rows);
          const settings = await getAllSettings(db);
          const priorities = { 1: settings['priority.1'], 2: settings['priority.2'], 3: settings['priority.3'], 4: settings['priority.4'] };
          return toTable(rows, { priorities, width: process.stdout.columns ?? 80 });
        });
        process.stdout.write(output);
      }),
    );
}
