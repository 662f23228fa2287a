import type { Command } from 'commander';
import { SYSTEM } from '../domain/auth/permissions.js';
import { healthToCsv, healthToJson, healthToTable } from '../domain/partners/health.format.js';
import { partnersHealth } from '../domain/partners/relationships.service.js';
import { parseDate } from '../domain/import/values.js';
import { action, UsageError, withDb } from './context.js';

const FORMATS = ['table', 'json', 'csv'] as const;

export function registerPartners(program: Command): void {
  const partners = program.command('partners').description('partner relationships');
  partners
    .command('health')
    .description('relationship health of every partner on a date (SPEC 7.4)')
    .option('--on <date>', 'YYYY-MM-DD (default: today in the plan time zone)')
    .option('--format <format>', 'table, json or csv', 'table')
    .action(
      action(async (opts: { on?: string; format: string }, cmd: Command) => {
        if (!(FORMATS as readonly string[]).includes(opts.format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
        if (opts.on !== undefined) {
          try {
            parseDate(opts.on);
          } catch (error) {
            throw new UsageError(`--on ${error instanceof Error ? error.message : String(error)}`);
          }
        }
        const { db: dbOption } = cmd.optsWithGlobals<{ db?: string }>();
        const output = await withDb(dbOption, async (db) => {
          const rows = await partnersHealth(db, { on: opts.on }, SYSTEM);
          if (opts.format === 'json') return healthToJson(rows);
          if (opts.format === 'csv') return healthToCsv(rows);
          return healthToTable(rows);
        });
        process.stdout.write(output);
      }),
    );
}
