import type { Command } from 'commander';
import { loadStarRatings } from '../domain/stars/stars.service.js';
import { action, withDb } from './context.js';

export function registerStars(program: Command): void {
  const stars = program.command('stars').description('CMS Medicare Star Ratings');
  stars
    .command('load <dir>')
    .description("load a Star Ratings release's data tables (Summary Ratings, Measure Stars, Measure Data, Part C and D Cut Points CSVs)")
    .action(
      action(async (dir: string, _opts: unknown, cmd: Command) => {
        const { db: dbOption } = cmd.optsWithGlobals<{ db?: string }>();
        const loaded = await withDb(dbOption, (db) => loadStarRatings(db, dir));
        process.stdout.write(
          `Loaded ${loaded.contracts} contracts, ${loaded.measures} measure ratings (${loaded.measuresWithoutStars} without stars: not enough data, not required or not applicable) and ${loaded.cutPoints} cut points.\n`,
        );
      }),
    );
}
