// `npm start` runs this first: it builds only when a source is newer than the build, so a fresh
// clone (where `npm ci` just built) starts at once, and an edited tree is still rebuilt.
/* global process, console */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const SOURCES = ['src', 'vite.config.ts', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.web.json', 'package.json'];
const OUTPUTS = ['dist/cli/main.js', 'dist/web/index.html'];

/** The newest modification time under a path (0 when it does not exist). */
function newest(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const built = Math.min(...OUTPUTS.map((p) => newest(join(root, p)) || -1));
const changed = Math.max(...SOURCES.map((p) => newest(join(root, p))));
if (built < 0 || changed > built) {
  console.log('building (sources changed since the last build)…');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
