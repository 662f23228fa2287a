// `npm run build` runs this last: an empty embedded database with every migration applied, packed
// as dist/db-template-pglite-<version>.tar.gz, from which a new embedded database starts
// (src/db/db-template.ts) instead of running initdb: 2–3 s of a first start on 2 cores.
/* global console, Buffer */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';

const root = join(import.meta.dirname, '..');
const { migrateToLatest } = await import(join(root, 'dist/db/migrate.js'));
const { installedPgliteVersion, templatePath } = await import(join(root, 'dist/db/db-template.js'));

const version = installedPgliteVersion();
if (!version) throw new Error('cannot tell the installed PGlite version: no embedded database template');

const pglite = await PGlite.create();
const kysely = new Kysely({ dialect: new PGliteDialect({ pglite }) });
await migrateToLatest(kysely);
const dump = await pglite.dumpDataDir('gzip');
await kysely.destroy();
const out = templatePath(version);
writeFileSync(out, Buffer.from(await dump.arrayBuffer()));
console.log(`embedded database template: ${out.slice(root.length + 1)}`);
