// The rows translated from FHIR, written as the CSV files of SPEC.md §1 (one per target file, in
// the import's report directory), with where each row came from, so the importer's rejects can
// name the FHIR file, line or entry and element. Rows go to disk, not memory: imports stay bounded.
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { endStream, type RejectSink } from '../rejects-writer.js';
import { RowOrigins, type RowOrigin } from './fhir-row-origins.js';
import { describeLocation } from './fhir-sources.js';
import { columnPath } from './fhir-translate.js';
import type { FhirRow, TargetFile } from './fhir-translate-types.js';
import { FILE_SPECS, type FileSpec } from '../file-specs.js';

/** Columns FHIR does not carry: left out of the translated file, so they keep their stored values. */
const NOT_IN_FHIR: Partial<Record<TargetFile, readonly string[]>> = { members: ['pcp_id', 'pcp_assignment'] };

/** The spec a translated file is imported with: its own, keeping what FHIR does not carry. */
export function translatedSpec(file: TargetFile): FileSpec {
  const spec = FILE_SPECS[file];
  const kept = NOT_IN_FHIR[file];
  return kept ? { ...spec, keepWhenAbsent: [...(spec.keepWhenAbsent ?? []), ...kept] } : spec;
}

/** The columns of a translated file: its spec's, without those kept when absent (a partner's profile, a member's PCP). */
function targetColumns(file: TargetFile): string[] {
  const spec = translatedSpec(file);
  return spec.columns.map((c) => c.name).filter((c) => !spec.keepWhenAbsent?.includes(c));
}

class TargetFileWriter {
  readonly origins = new RowOrigins();
  private readonly stream: WriteStream;

  constructor(
    readonly path: string,
    private readonly columns: readonly string[],
  ) {
    this.stream = createWriteStream(path);
    this.stream.write(stringify([[...columns]]));
  }

  async write(values: FhirRow['values'], origin: RowOrigin): Promise<void> {
    this.origins.push(origin);
    if (!this.stream.write(stringify([this.columns.map((c) => values[c] ?? '')]))) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await endStream(this.stream);
  }
}

export class TranslatedFiles {
  private readonly writers = new Map<TargetFile, TargetFileWriter>();

  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  async write(row: FhirRow, origin: RowOrigin): Promise<void> {
    let writer = this.writers.get(row.file);
    if (!writer) {
      // `<file>.from-fhir.csv`: recognised as that file if the user imports it again.
      writer = new TargetFileWriter(join(this.dir, `${row.file}.from-fhir.csv`), targetColumns(row.file));
      this.writers.set(row.file, writer);
    }
    await writer.write(row.values, origin);
  }

  async close(): Promise<void> {
    for (const w of this.writers.values()) await w.close();
  }

  /** The files written, with the origin of each row (row i is on line i + 2). */
  files(): { file: TargetFile; path: string; origins: RowOrigins }[] {
    return [...this.writers].map(([file, w]) => ({ file, path: w.path, origins: w.origins }));
  }
}

/**
 * The rejects of a translated file: like any rejects file (fix the values, import it again as
 * that CSV), but `_source` and `_location` say where in FHIR the rejected value came from.
 */
export class FhirRowRejects implements RejectSink {
  private stream: WriteStream | undefined;
  /** Resources with a rejected row: the accounting moves them from imported to rejected. */
  readonly rejectedResources = new Map<number, string>();

  constructor(
    readonly path: string,
    private readonly header: readonly string[],
    private readonly origins: RowOrigins,
  ) {}

  async write(line: number, column: string, reason: string, cells: readonly string[]): Promise<void> {
    const origin = this.origins.get(line - 2);
    if (!this.stream) {
      this.stream = createWriteStream(this.path);
      this.stream.write(stringify([['_source', '_location', '_reason', ...this.header]]));
    }
    if (origin && origin.resource >= 0) this.rejectedResources.set(origin.resource, origin.type);
    const source = origin ? describeLocation(origin.at) : `line ${line}`;
    const location = origin ? columnPath(origin.type, column) : column;
    const own = this.header.map((_, i) => cells[i] ?? '');
    if (!this.stream.write(stringify([[source, location, `${column ? `${column} ` : ''}${reason}`, ...own]])))
      await once(this.stream, 'drain');
  }

  async close(): Promise<string | undefined> {
    if (!this.stream) return undefined;
    await endStream(this.stream);
    return this.path;
  }
}
