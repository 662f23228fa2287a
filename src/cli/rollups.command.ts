import type { Command } from 'commander';
import { rebuild } from '../domain/rollups/rebuild-beside.js';
import { coverage, type RebuildProgress } from '../domain/rollups/rollups.service.js';
import { action, withDb } from './context.js';

/** A build's progress, a line a period on stderr (stdout keeps the command's result). */
export const printBuildProgress = (p: RebuildProgress): void =>
  void process.stderr.write(`building ${p.period} (${p.done + 1}/${p.total})…\n`);

export function registerRollups(program: Command): void {
  const rollups = program
    .command('rollups')
    .description('the scorecard rollups: imports and recorded actions keep them current; rebuild recomputes them from the ledger');
  rollups
    .command('status', { isDefault: true })
    .description('which years the rollups cover and whether they are current')
    .action(
      action(async (_opts: unknown, cmd: Command) => {
        const cov = await withDb(cmd.optsWithGlobals<{ db?: string }>().db, (db) => coverage(db.kysely));
        const years = [...cov.years].sort();
        process.stdout.write(
          cov.fresh
            ? `current (time zone ${cov.timezone}); years covered: ${years.length ? years.join(', ') : 'none yet'}\n`
            : 'not current: scorecards are computed from the raw ledger until `diplomat rollups rebuild` or the next import\n',
        );
      }),
    );
  rollups
    .command('rebuild')
    .description('recompute the rollups from the ledger (the same result the incremental upkeep keeps)')
    .action(
      action(async (_opts: unknown, cmd: Command) => {
        const started = performance.now();
        const { years } = await withDb(cmd.optsWithGlobals<{ db?: string }>().db, (db) => rebuild(db, printBuildProgress));
        process.stdout.write(
          `rebuilt ${years.length ? years.join(', ') : 'no years (no actions yet)'} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
        );
      }),
    );
}
