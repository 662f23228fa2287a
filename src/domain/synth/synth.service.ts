// `diplomat synth`: writes a believable health plan as the files of SPEC.md §1 and §7. One pass
// over members, every file streamed; the same seed and options give byte-identical files.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_NAMES, FILE_SPECS, type FileName } from '../import/file-specs.js';
import { CsvWriter } from './csv-writer.js';
import { writeMember } from './synth-member.js';
import { writeOrganizations } from './synth-organizations.js';
import { writeRelationships } from './synth-relationships.js';
import { daysIn, ymd, type Month, type PlanContext } from './synth-context.js';
import { SEASON } from './plan-shape.js';
import { Random } from './random.js';

export interface SynthOptions {
  members: number;
  outDir: string;
  seed?: number;
  /** The last month of the year of plan actions, YYYY-MM. */
  through?: string;
  /**
   * Multiplies the plan's outreach (1 ≈ 4–6 actions per member a year in all; the benchmark
   * uses 7 for about 20 a year, a large Medicaid plan's busiest programs).
   */
  intensity?: number;
  onProgress?: (membersDone: number, total: number) => void;
  /** YYYY-MM-DD: partner touchpoints and follow-ups up to this day (default: the end of `through`). */
  relationshipsAsOf?: string;
}

export interface SynthResult {
  files: Record<string, number>;
  start: string;
  end: string;
}

function monthsThrough(through: string): Month[] {
  const [ty, tm] = through.split('-').map(Number) as [number, number];
  const out: Month[] = [];
  for (let i = 11; i >= 0; i--) {
    const idx = ty * 12 + (tm - 1) - i;
    const y = Math.floor(idx / 12);
    const m = (idx % 12) + 1;
    out.push({ y, m, index: 11 - i, season: SEASON[m - 1]! });
  }
  return out;
}

function columnsOf(file: FileName): string[] {
  return FILE_SPECS[file].columns.map((c) => c.name);
}

function openContext(options: SynthOptions): PlanContext {
  const through = options.through ?? '2025-12';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(through)) throw new Error(`--through must be a month YYYY-MM, not "${through}"`);
  const intensity = options.intensity ?? 1;
  if (!(intensity > 0)) throw new Error(`intensity must be a positive number, not ${intensity}`);
  const months = monthsThrough(through);
  mkdirSync(options.outDir, { recursive: true });
  const w = Object.fromEntries(FILE_NAMES.map((f) => [f, new CsvWriter(join(options.outDir, `${f}.csv`), columnsOf(f))])) as Record<
    FileName,
    CsvWriter
  >;
  const start = ymd(months[0]!.y, months[0]!.m, 1);
  const seq = { staff: 0, action: 0, activity: 0 };
  const seed = options.seed ?? 42;
  return { rnd: new Random(seed), prnd: new Random(seed * 31 + 7), w, months, start, intensity, members: options.members, seq };
}

export async function generateSyntheticPlan(options: SynthOptions): Promise<SynthResult> {
  const ctx = openContext(options);
  const org = await writeOrganizations(ctx);
  await writeRelationships(ctx, org, options.relationshipsAsOf);
  for (let i = 1; i <= options.members; i++) {
    await writeMember(ctx, i, org);
    if (i % 5000 === 0 || i === options.members) options.onProgress?.(i, options.members);
  }
  const files: Record<string, number> = {};
  for (const [name, writer] of Object.entries(ctx.w)) {
    await writer.close();
    files[name] = writer.rows;
  }
  const last = ctx.months[11]!;
  return { files, start: ctx.start, end: ymd(last.y, last.m, daysIn(last.y, last.m)) };
}
