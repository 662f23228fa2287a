import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SYSTEM } from '../domain/auth/permissions.js';
import { buildPacket } from '../domain/partnerships/packet/packet.service.js';
import { IMPORT_TABLES, importPartnershipCsv, type ImportTable } from '../domain/partnerships/partnership-csv.service.js';
import { listPartnershipSummaries } from '../domain/partnerships/partnerships.service.js';
import { action, EXIT, UsageError, withDb } from './context.js';

export function registerPartnerships(program: Command): void {
  const partnerships = program.command('partnerships').description('cross-sector partnerships');
  partnerships
    .command('list')
    .description('partnerships with what is overdue in each')
    .action(
      action(async (_opts: unknown, cmd: Command) => {
        const { db: dbOption } = cmd.optsWithGlobals<{ db?: string }>();
        const rows = await withDb(dbOption, (db) => listPartnershipSummaries(db, SYSTEM));
        const lines = rows.map(
          (p) =>
            `${p.partnership_id}  ${p.name} (since ${p.starts_on}, ${p.members} members): ${p.overdue_milestones} milestones, ${p.overdue_results} results and ${p.open_follow_ups} follow-ups open or overdue`,
        );
        process.stdout.write(lines.length ? `${lines.join('\n')}\n` : 'No partnerships yet.\n');
      }),
    );
  partnerships
    .command('import <file>')
    .description("import a partnership's results, commitments or plan activities from CSV (bad rows are listed, good rows kept)")
    .requiredOption('--partnership <id>', 'the partnership')
    .requiredOption('--table <table>', IMPORT_TABLES.join(', '))
    .action(
      action(async (file: string, opts: { partnership: string; table: string }, cmd: Command) => {
        if (!(IMPORT_TABLES as readonly string[]).includes(opts.table))
          throw new UsageError(`--table must be one of ${IMPORT_TABLES.join(', ')}`);
        const { db: dbOption } = cmd.optsWithGlobals<{ db?: string }>();
        const csv = readFileSync(file, 'utf8');
        const report = await withDb(dbOption, (db) => importPartnershipCsv(db, opts.partnership, opts.table as ImportTable, csv, SYSTEM));
        for (const r of report.rejected) process.stderr.write(`${file}:${r.line}: ${r.column} ${r.reason}\n`);
        process.stdout.write(`${report.accepted} row(s) imported, ${report.rejected.length} rejected.\n`);
        return report.rejected.length > 0 ? EXIT.rejected : EXIT.ok;
      }),
    );
  partnerships
    .command('packet')
    .description("write the results packet (PDF) for one member organization's leaders")
    .requiredOption('--partnership <id>', 'the partnership')
    .requiredOption('--for <partner_id>', 'the member organization the packet is for')
    .requiredOption('--out <file>', 'where to write the PDF')
    .action(
      action(async (opts: { partnership: string; for: string; out: string }, cmd: Command) => {
        const { db: dbOption } = cmd.optsWithGlobals<{ db?: string }>();
        const { pdf } = await withDb(dbOption, (db) => buildPacket(db, opts.partnership, opts.for, SYSTEM));
        writeFileSync(opts.out, pdf);
        process.stdout.write(`Wrote ${opts.out} (${Math.ceil(pdf.length / 1024)} KB).\n`);
      }),
    );
}
