import type { Command } from 'commander';
import { newSecret } from '../domain/auth/passwords.js';
import { createApiToken, createUser, listUsers, revokeApiToken, userIdByEmail } from '../domain/auth/users.service.js';
import { ROLES, SYSTEM } from '../domain/auth/permissions.js';
import { action, withDb } from './context.js';

const dbOf = (cmd: Command): string | undefined => cmd.optsWithGlobals<{ db?: string }>().db;

export function registerUser(program: Command): void {
  const user = program.command('user').description('accounts (the CLI acts as the system: whoever runs it owns the database)');
  user
    .command('add')
    .description('create a user; without --password a strong one is generated and printed once')
    .requiredOption('--email <email>')
    .requiredOption('--role <role>', ROLES.join(', '))
    .option('--partner <partner_id>', 'for a partner user: the partner organization it belongs to')
    .option('--password <password>', 'at least 12 characters (prefer the generated one)')
    .action(
      action(async (opts: { email: string; role: string; partner?: string; password?: string }, cmd: Command) => {
        const password = opts.password ?? newSecret(15);
        const created = await withDb(dbOf(cmd), (db) =>
          createUser(db, { email: opts.email, role: opts.role, password, partnerId: opts.partner ?? null }),
        );
        process.stdout.write(`created ${created.email} (${created.role}${created.partner_id ? `, partner ${created.partner_id}` : ''})\n`);
        if (!opts.password) process.stdout.write(`password: ${password}\n`);
      }),
    );
  user
    .command('list')
    .description('list users')
    .action(
      action(async (_opts: unknown, cmd: Command) => {
        const users = await withDb(dbOf(cmd), (db) => listUsers(db));
        for (const u of users)
          process.stdout.write(`${u.email.padEnd(32)} ${u.role.padEnd(12)} ${u.partner_id ?? ''}${u.locked ? ' (locked)' : ''}\n`);
        if (users.length === 0) process.stdout.write('no users yet: diplomat user add --email you@plan.org --role admin\n');
      }),
    );

  const token = program.command('token').description('API tokens for scripts');
  token
    .command('create')
    .description('create an API token for a user (printed once; stored hashed)')
    .requiredOption('--email <email>')
    .option('--name <name>', 'what it is for', 'cli')
    .option(
      '--days <days>',
      'days until it expires (default and maximum by role: 30 admin and partner, 90 manager and coordinator, 180 analyst)',
    )
    .action(
      action(async (opts: { email: string; name: string; days?: string }, cmd: Command) => {
        const created = await withDb(dbOf(cmd), async (db) =>
          createApiToken(db, await userIdByEmail(db, opts.email), opts.name, opts.days === undefined ? undefined : Number(opts.days)),
        );
        process.stdout.write(`token ${created.token_id} expires ${created.expires_at}\n${created.token}\n`);
      }),
    );
  token
    .command('revoke')
    .description('revoke an API token by its id')
    .argument('<token_id>')
    .action(
      action(async (tokenId: string, _opts: unknown, cmd: Command) => {
        await withDb(dbOf(cmd), (db) => revokeApiToken(db, tokenId, SYSTEM));
        process.stdout.write(`revoked ${tokenId}\n`);
      }),
    );
}
