// The import baseline: a raw COPY of the same CSV rows into a bare table of the same database,
// streamed in the same chunk size, with no validation, staging, reference checks or merge.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import type { Db } from '../src/db/connect.js';

export async function rawCopy(db: Db, path: string, chunkRows = 50_000): Promise<number> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let header: string[] | undefined;
  let chunk = '';
  let n = 0;
  let rows = 0;
  for await (const line of lines) {
    if (!header) {
      header = line.split(',');
      await sql.raw(`DROP TABLE IF EXISTS bench_raw_copy`).execute(db.kysely);
      await sql.raw(`CREATE TABLE bench_raw_copy (${header.map((h) => `"${h}" text`).join(', ')})`).execute(db.kysely);
      continue;
    }
    chunk += line + '\n';
    rows++;
    if (++n >= chunkRows) {
      await db.copyCsv('bench_raw_copy', header, chunk, { timezone: 'UTC' });
      chunk = '';
      n = 0;
    }
  }
  if (n > 0 && header) await db.copyCsv('bench_raw_copy', header, chunk, { timezone: 'UTC' });
  await sql.raw(`DROP TABLE IF EXISTS bench_raw_copy`).execute(db.kysely);
  return rows;
}
