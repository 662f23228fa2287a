// Planner and memory settings for part of a transaction: set before `work` and put back after it.
// For statements whose best plan PostgreSQL cannot know from its statistics (each caller says
// why); the same SQL on the embedded database. If `work` fails, the transaction is aborted and its
// settings end with it: nothing is put back (a statement then would hide the error with "current
// transaction is aborted").
import { sql, type Kysely, type RawBuilder } from 'kysely';

export async function withLocalSettings<DB, T>(trx: Kysely<DB>, settings: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const names = Object.keys(settings);
  if (names.length === 0) return work();
  const set = (value: (name: string, i: number) => RawBuilder<unknown>): RawBuilder<unknown> =>
    sql.join(names.map((name, i) => sql`set_config(${name}, ${value(name, i)}, true)`));
  // One round trip (a recording batch pays for each): the values in force are read in the
  // subquery, which runs before the outer list sets the new ones.
  const { rows } = await sql<Record<string, string>>`
    SELECT was.*, ${set((name) => sql`${settings[name]!}`)}
    FROM (SELECT ${sql.join(names.map((name, i) => sql`current_setting(${name}) AS ${sql.ref(`s${i}`)}`))} OFFSET 0) AS was`.execute(trx);
  const was = rows[0]!;
  const result = await work();
  await sql`SELECT ${set((_, i) => sql`${was[`s${i}`]!}`)}`.execute(trx);
  return result;
}
