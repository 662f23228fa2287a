// The rejects file of one imported file: the rejected rows with their line, column and reason
// first, then the row's own columns (and `_extra` for surplus fields), so the user can fix them and import the file again
// (columns starting with `_` are ignored on import).
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';

/** Where rejected rows go: a rejects file, or memory (the API reports them in the response). */
export interface RejectSink {
  write(line: number, column: string, reason: string, cells: readonly string[]): Promise<void>;
  close(): Promise<string | undefined>;
}

export interface RejectedRow {
  line: number;
  column: string;
  reason: string;
}

export class MemoryRejects implements RejectSink {
  readonly rows: RejectedRow[] = [];
  async write(line: number, column: string, reason: string): Promise<void> {
    this.rows.push({ line, column, reason });
  }
  async close(): Promise<undefined> {
    return undefined;
  }
}

/** Ends a file stream and waits until it is on disk. */
export async function endStream(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

export class RejectsWriter implements RejectSink {
  private stream: WriteStream | undefined;
  count = 0;

  constructor(
    readonly path: string,
    private readonly header: readonly string[],
  ) {}

  async write(line: number, column: string, reason: string, cells: readonly string[]): Promise<void> {
    if (!this.stream) {
      this.stream = createWriteStream(this.path);
      this.stream.write(stringify([['_line', '_column', '_reason', ...this.header, '_extra']]));
    }
    this.count++;
    // A row with more fields than the header keeps its surplus in `_extra`, so nothing is lost.
    const width = this.header.length;
    const own = Array.from({ length: width }, (_, i) => cells[i] ?? '');
    const extra = cells.length > width ? cells.slice(width).join(',') : '';
    if (!this.stream.write(stringify([[String(line), column, reason, ...own, extra]]))) {
      await once(this.stream, 'drain');
    }
  }

  async close(): Promise<string | undefined> {
    if (!this.stream) return undefined;
    await endStream(this.stream);
    return this.path;
  }
}
