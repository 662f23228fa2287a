import type { Command } from 'commander';
import { rebuildIfStale } from '../domain/rollups/rebuild-beside.js';
import { getAllSettings, isSettingKey, setSetting, SETTING_KEYS } from '../domain/settings/settings.service.js';
import { action, UsageError, withDb } from './context.js';
import { printBuildProgress } from './rollups.command.js';

export function registerConfig(program: Command): void {
  const config = program.command('config').description(`plan settings (${SETTING_KEYS.join(', ')})`);
  config
    .command('set')
    .description('set a setting, e.g. `config set timezone America/Chicago` or `config set priority.1 high`')
    .argument('<key>')
    .argument('<value>')
    .action(
      action(async (key: string, value: string, _opts: unknown, cmd: Command) => {
        if (!isSettingKey(key)) throw new UsageError(`unknown setting "${key}": use one of ${SETTING_KEYS.join(', ')}`);
        const rebuilt = await withDb(cmd.optsWithGlobals<{ db?: string }>().db, async (db) => {
          await setSetting(db, key, value);
          // Dates are local dates: the rollups are recomputed in the new zone right away.
          return key === 'timezone' ? rebuildIfStale(db, printBuildProgress) : false;
        });
        process.stdout.write(`${key} = ${value}\n`);
        if (rebuilt) process.stdout.write('scorecard rollups recomputed for the new time zone\n');
      }),
    );
  config
    .command('list', { isDefault: true })
    .description('show all settings')
    .action(
      action(async (_opts: unknown, cmd: Command) => {
        const settings = await withDb(cmd.optsWithGlobals<{ db?: string }>().db, (db) => getAllSettings(db));
        for (const [k, v] of Object.entries(settings)) process.stdout.write(`${k} = ${v}\n`);
      }),
    );
}
