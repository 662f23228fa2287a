// The `diplomat` command. Each subcommand lives in its own file and calls the domain services
// the HTTP API calls too.
import { Command, CommanderError } from 'commander';
import { registerConfig } from './config.command.js';
import { registerContractScorecard } from './contract-scorecard.command.js';
import { EXIT } from './context.js';
import { registerFhir } from './fhir.command.js';
import { registerImport } from './import.command.js';
import { registerPartners } from './partners.command.js';
import { registerPartnerships } from './partnerships.command.js';
import { registerRollups } from './rollups.command.js';
import { registerScorecard } from './scorecard.command.js';
import { registerServe } from './serve.command.js';
import { registerStars } from './stars.command.js';
import { registerSynth } from './synth.command.js';
import { registerUser } from './user.command.js';

const program = new Command('diplomat')
  .description("Health plan diplomacy: the plan's own action ledger and the Diplomacy Scorecard")
  .option('--db <db>', 'a postgres:// URL, or the directory of the embedded database (default: $DATABASE_URL, else ./.diplomat/db)')
  .showHelpAfterError()
  .exitOverride();

registerImport(program);
registerFhir(program);
registerScorecard(program);
registerContractScorecard(program);
registerPartners(program);
registerPartnerships(program);
registerStars(program);
registerRollups(program);
registerConfig(program);
registerSynth(program);
registerServe(program);
registerUser(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    const helpOrVersion = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
    process.exitCode = helpOrVersion ? EXIT.ok : EXIT.usage;
  } else {
    throw error;
  }
}
