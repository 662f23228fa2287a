import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileSource, type SourceRecord } from './record-source.js';

const dir = mkdtempSync(join(tmpdir(), 'diplomat-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fileOf(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function recordsOf(path: string): Promise<SourceRecord[]> {
  const all: SourceRecord[] = [];
  for await (const batch of fileSource(path).records()) all.push(...batch);
  return all;
}

/** The file is read a megabyte at a time: rows long enough that some row crosses each boundary. */
const BLOCK = 1 << 20;

describe('reading a CSV file', () => {
  it('reads a quoted field with line breaks and a two-byte character across the block boundary', async () => {
    // Filler rows of 100 bytes, then one sized so the megabyte ends inside the 31st "é" (two bytes).
    const header = 'id,note\n';
    const rows = Math.floor((BLOCK - 200) / 100);
    const filler = Array.from({ length: rows }, (_, i) => `F${String(i).padStart(6, '0')},${'x'.repeat(91)}\n`).join('');
    const quotedAt = BLOCK - 11 - 61; // `Q1,"before ` is 11 bytes, then 30 "é" and the first byte of the 31st
    const pad = quotedAt - header.length - filler.length - 'PAD,\n'.length;
    let text = `${header}${filler}PAD,${'p'.repeat(pad)}\n`;
    expect(Buffer.byteLength(text)).toBe(quotedAt);
    const n = rows + 1;
    // A quoted field with two line breaks, "é"s and an escaped quote, across the boundary.
    const note = `before ${'é'.repeat(60)}\nmiddle ""quoted""\n${'é'.repeat(80)} after`;
    text += `Q1,"${note}"\n`;
    text += 'LAST,"plain"\n';
    const records = await recordsOf(fileOf('boundary.csv', text));
    expect(records).toHaveLength(n + 3);
    const quoted = records[n + 1]!;
    expect(quoted.record).toEqual(['Q1', note.replaceAll('""', '"')]);
    expect(quoted.line).toBe(n + 2);
    // The quoted field spans three lines, so the next record starts three lines later.
    expect(records[n + 2]).toMatchObject({ record: ['LAST', 'plain'], line: n + 5 });
  });

  it('strips a byte-order mark and reads CR line ends', async () => {
    const records = await recordsOf(fileOf('cr.csv', '\uFEFFid,note\rA,one\r\rB,"two\rlines"\r'));
    expect(records.map((r) => [r.line, ...r.record])).toEqual([
      [1, 'id', 'note'],
      [2, 'A', 'one'],
      [4, 'B', 'two\rlines'],
    ]);
  });

  it('refuses a quote left open, naming the line and quoting nothing from the file', async () => {
    const path = fileOf('open-quote.csv', 'id,note\nA,fine\nB,"never closed\nC,SECRET-NAME\n');
    const error = await recordsOf(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('open-quote.csv near line 3: malformed CSV (a quoted field is never closed)');
  });

  it('refuses text after a closing quote', async () => {
    const error = await recordsOf(fileOf('after-quote.csv', 'id,note\nA,"SECRET"x\n')).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'after-quote.csv near line 2: malformed CSV (a quoted field is followed by something other than a comma or the end of the line)',
    );
    expect((error as Error).message).not.toContain('SECRET');
  });

  it('stops at a row longer than any row should be rather than holding the file in memory', async () => {
    const path = fileOf('runaway.csv', `id,note\nA,"${'y'.repeat(17 * BLOCK)}\n`);
    const error = await recordsOf(path).catch((e: unknown) => e);
    expect((error as Error).message).toBe('runaway.csv near line 2: malformed CSV (a row is longer than any row should be)');
  });
});
