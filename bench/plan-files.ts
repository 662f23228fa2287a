// The benchmark's input files: a synthetic plan (generated once per size and cached) and
// increments of new actions cut from it.
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { generateSyntheticPlan } from '../src/domain/synth/synth.service.js';
import { fmt, timed } from './measure.js';

export interface PlanSpec {
  cache: string;
  seed: number;
  members: number;
  intensity: number;
}

export async function planDir(spec: PlanSpec): Promise<string> {
  // v2: the plan has the partner files of SPEC section 7 (attributions, contracts, …).
  const dir = join(spec.cache, `plan-v2-${spec.seed}-${spec.members}-x${spec.intensity}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  console.log(`generating a synthetic plan of ${fmt(spec.members)} members (cached in ${dir})…`);
  const { ms } = await timed(() =>
    generateSyntheticPlan({ members: spec.members, outDir: dir, seed: spec.seed, through: '2025-12', intensity: spec.intensity }),
  );
  console.log(`  generated in ${fmt(ms / 1000, 1)} s`);
  writeFileSync(join(dir, '.complete'), '');
  return dir;
}

/**
 * `count` new actions as a plan would add them in two days: every k-th action of the year's
 * file (so spread over members like real work), with new ids, dated 30–31 December.
 */
export async function increment(dir: string, count: number, tag: string): Promise<string> {
  const out = join(dir, `increment-${tag}`, 'actions.csv');
  if (existsSync(out)) return out;
  mkdirSync(join(dir, `increment-${tag}`), { recursive: true });
  const total = await countLines(join(dir, 'actions.csv'));
  const every = Math.max(1, Math.floor(total / count));
  const w = createWriteStream(out);
  let n = -1;
  let written = 0;
  for await (const line of createInterface({ input: createReadStream(join(dir, 'actions.csv')) })) {
    n++;
    if (n === 0) w.write(`${line}\n`);
    else if (n % every === 0 && written < count) {
      const cells = line.split(',');
      cells[0] = `${tag}${cells[0]}`;
      cells[3] = `2025-12-${written % 2 ? '31' : '30'}${cells[3]!.slice(10)}`;
      w.write(`${cells.join(',')}\n`);
      written++;
    }
  }
  w.end();
  await once(w, 'finish');
  return out;
}

export async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const _ of createInterface({ input: createReadStream(path) })) n++;
  return n - 1;
}
