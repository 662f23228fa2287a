import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { generateSyntheticPlan } from '../domain/synth/synth.service.js';
import { action, UsageError } from './context.js';

export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description('write a synthetic health plan as the import files')
    .requiredOption('--members <n>', 'how many members')
    .requiredOption('--out <dir>', 'the directory to write')
    .option('--seed <s>', 'random seed: the same seed writes the same files', '42')
    .option('--through <month>', 'the last month (YYYY-MM) of the year of plan actions', '2025-12')
    .option('--intensity <x>', 'scale outreach (1 ≈ 4–6 actions per member a year in all, 7 ≈ 20)', '1')
    .action(
      action(async (opts: { members: string; out: string; seed: string; through: string; intensity: string }) => {
        const members = Number(opts.members);
        const seed = Number(opts.seed);
        if (!Number.isInteger(members) || members < 1) throw new UsageError('--members must be a whole number ≥ 1');
        if (!Number.isInteger(seed)) throw new UsageError('--seed must be a whole number');
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(opts.through)) throw new UsageError('--through must be a month YYYY-MM');
        const intensity = Number(opts.intensity);
        if (!(intensity > 0 && intensity <= 50)) throw new UsageError('--intensity must be a number above 0 and at most 50');
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar(
              { stream: process.stderr, format: 'members |{bar}| {value}/{total} | ETA {eta_formatted}' },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
        bar?.start(members, 0);
        const started = performance.now();
        const result = await generateSyntheticPlan({
          members,
          outDir: opts.out,
          seed,
          through: opts.through,
          intensity,
          onProgress: (done) => (bar ? bar.update(done) : done % 100_000 === 0 && process.stderr.write(`${done}/${members} members\n`)),
        });
        bar?.stop();
        const seconds = (performance.now() - started) / 1000;
        const rows = Object.values(result.files).reduce((a, b) => a + b, 0);
        process.stdout.write(
          `wrote ${opts.out} (${result.start} to ${result.end}) in ${seconds.toFixed(1)} s, ${Math.round(rows / seconds)} rows/s\n`,
        );
        for (const [name, n] of Object.entries(result.files))
          process.stdout.write(`  ${`${name}.csv`.padEnd(22)}${String(n).padStart(12)}\n`);
      }),
    );
}
