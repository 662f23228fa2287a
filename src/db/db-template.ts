// A new embedded database starts from an empty, migrated template built with the package
// (scripts/build-db-template.mjs) rather than from initdb, which costs 2–3 s of a first start.
// The template is used only by the PGlite version that wrote it; without it (a build that did not
// make one), initdb runs as before. Either way migrateToLatest runs next.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Where the template for a PGlite version lives: next to the compiled code (dist/). */
export function templatePath(pgliteVersion: string, distDir = join(import.meta.dirname, '..')): string {
  return join(distDir, `db-template-pglite-${pgliteVersion}.tar.gz`);
}

const PGLITE = '@electric-sql/pglite';

/** The installed PGlite's version, from its package.json (which its exports do not expose). */
export function installedPgliteVersion(): string | null {
  try {
    // Up from its entry point to its own package.json (a build folder may hold a smaller one).
    for (let dir = dirname(createRequire(import.meta.url).resolve(PGLITE)); dirname(dir) !== dir; dir = dirname(dir)) {
      const file = join(dir, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PGLITE && pkg.version) return pkg.version;
    }
  } catch {
    // not installed where this module can see it: no template
  }
  return null;
}

/**
 * The template to start a new database from, if this installation has one. From source (tsx,
 * the tests) it is looked for in dist/, where `npm run build` put it.
 */
export function databaseTemplate(): Blob | null {
  const version = installedPgliteVersion();
  if (!version) return null;
  const compiled = templatePath(version);
  const fromSource = templatePath(version, join(import.meta.dirname, '../../dist'));
  const path = [compiled, fromSource].find((p) => existsSync(p));
  return path ? new Blob([readFileSync(path)]) : null;
}
