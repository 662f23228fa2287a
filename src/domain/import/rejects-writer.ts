// The rejects file of one imported file: the rejected rows with their line, column and reason
// first, then the row's own columns, so the user can fix them and import the file again
// (columns starting with `_` are ignored on import).
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { stringify } from 'csv-stringify/sync';

export class RejectsWriter {
  private stream: WriteStream | undefined;
  count = 0;

  constructor(
    readonly path: string,
    private readonly header: readonly string[],
  ) {}

  async write(line: number, column: string, reason: string, cells: readonly string[]): Promise<void> {
    if (!this.stream) {
      this.stream = createWriteStream(this.path);
      this.stream.write(stringify([['_line', '_column', '_reason', ...this.header]]));
    }
    this.count++;
    if (!this.stream.write(stringify([[String(line), column, reason, ...cells]]))) {
      await once(this.stream, 'drain');
    }
  }

  async close(): Promise<string | undefined> {
    if (!this.stream) return undefined;
    this.stream.end();
    await once(this.stream, 'finish');
    return this.path;
  }
}
