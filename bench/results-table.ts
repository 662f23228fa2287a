// The benchmark's results: each figure printed as it is measured, side by side with its baseline,
// then the whole table and a JSON file under bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fmt } from './measure.js';

type Row = { target: string; measure: string; diplomat: string; baseline: string; ratio: string };

export class Results {
  readonly rows: Row[] = [];
  readonly figures: Record<string, unknown> = {};

  add(target: string, measure: string, diplomat: string, baseline = '', ratio = ''): void {
    this.rows.push({ target, measure, diplomat, baseline, ratio });
    console.log(`  ${measure}: ${diplomat}${baseline ? ` (baseline ${baseline}${ratio ? `, ${ratio}` : ''})` : ''}`);
  }

  record(key: string, value: unknown): void {
    this.figures[key] = value;
  }

  /** Prints the table and writes it with the figures to `dir`; returns the file. */
  write(dir: string, header: { members: number; intensity: number }): string {
    const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${fmt(totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
    console.log(`\nDiplomat benchmark — ${fmt(header.members)} members, intensity ${header.intensity} — ${machine}`);
    const widths = [9, 78, 30, 16, 12];
    const line = (cells: string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join(' ');
    console.log(line(['target', 'measure', 'diplomat', 'baseline', 'ratio']));
    for (const r of this.rows) console.log(line([r.target, r.measure, r.diplomat, r.baseline, r.ratio]));
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, JSON.stringify({ ...header, machine, results: this.figures, rows: this.rows }, null, 2) + '\n');
    return file;
  }
}
