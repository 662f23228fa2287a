// FHIR R4 import: bulk-data NDJSON and Bundles are read, each resource checked against the R4
// schema and translated (fhir-translate*.ts) into rows of the CSV files of SPEC.md §1, which then
// go through the same importer as a CSV file: the same rules, references, idempotency, rejects
// and rollup upkeep. Every resource read is accounted for: imported, used, ignored or rejected.
import { createWriteStream, mkdirSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../../db/connect.js';
import type { FileReport, ImportHooks } from '../import-report.js';
import { importSource } from '../import-source.js';
import { fileSource } from '../record-source.js';
import { endStream } from '../rejects-writer.js';
import { FhirAccounts } from './fhir-accounts.js';
import type { FhirReport } from './fhir-report.js';
import { filledSource, fillsFor } from './fhir-fill.js';
import { ReferenceIndex } from './fhir-references.js';
import { FhirRowRejects, TranslatedFiles, translatedSpec } from './fhir-row-files.js';
import { schemaProblem } from './fhir-schema.js';
import { describeLocation, fhirKindOf, ndjsonTypeOf, readBundle, readNdjson, type FhirItem, type ReadResource } from './fhir-sources.js';
import { TRANSLATORS, typeRank } from './fhir-translate.js';
import { claimEnrollments } from './fhir-translate-care.js';
import type { Problem, TargetFile, TranslateContext } from './fhir-translate-types.js';

export interface FhirImportOptions extends ImportHooks {
  reportDir: string;
  timezone: string;
}

/** Whether a path is a FHIR input (NDJSON, or a JSON Bundle). */
export const isFhirPath = (path: string): boolean => fhirKindOf(path) !== undefined;

/** NDJSON first, by resource type so references resolve; then Bundles. */
function orderSources(paths: readonly string[]): string[] {
  const rank = (p: string): number => (fhirKindOf(p) === 'ndjson' ? typeRank(ndjsonTypeOf(p)) : 1000);
  return [...paths].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The resources of a Bundle in dependency order, so an entry's references are known when it is read. */
function bundleInOrder(items: FhirItem[]): FhirItem[] {
  const rank = (i: FhirItem): number => (i.ok ? typeRank(i.read.resource.resourceType) : -1);
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.index - b.index)
    .map((x) => x.item);
}

/** The resources rejected while reading and translating: where, what and why, and the resources themselves to fix. */
class TranslationRejects {
  private stream: WriteStream | undefined;
  private readonly resources = new Map<string, WriteStream>();

  constructor(private readonly dir: string) {}

  async write(at: ReadResource['at'], type: string, problem: Problem, resource?: unknown): Promise<void> {
    if (!this.stream) {
      this.stream = createWriteStream(join(this.dir, 'fhir.rejects.csv'));
      this.stream.write(stringify([['_source', '_resource_type', '_location', '_reason']]));
    }
    this.stream.write(stringify([[describeLocation(at), type, problem.location, problem.reason]]));
    if (resource === undefined) return;
    // `<Type>.rejected.ndjson`: fix the lines and import the file again.
    let out = this.resources.get(type);
    if (!out) {
      mkdirSync(join(this.dir, 'rejected'), { recursive: true });
      out = createWriteStream(join(this.dir, 'rejected', `${type}.rejected.ndjson`));
      this.resources.set(type, out);
    }
    if (!out.write(JSON.stringify(resource) + '\n')) await once(out, 'drain');
  }

  async close(): Promise<string | null> {
    for (const out of this.resources.values()) await endStream(out);
    if (!this.stream) return null;
    await endStream(this.stream);
    return join(this.dir, 'fhir.rejects.csv');
  }
}

class Translation {
  readonly accounts = new FhirAccounts();
  readonly ctx: TranslateContext = { refs: new ReferenceIndex(), roles: new Map(), coveredMembers: new Set(), claimCoverage: new Map() };
  private ordinal = 0;

  constructor(
    readonly files: TranslatedFiles,
    readonly rejects: TranslationRejects,
  ) {}

  async item(item: FhirItem): Promise<void> {
    if (!item.ok) {
      this.accounts.unreadable();
      await this.rejects.write(item.bad.at, '', { location: '', reason: item.bad.reason });
      return;
    }
    const { resource, at } = item.read;
    const type = resource.resourceType;
    const resourceNo = this.ordinal++;
    this.accounts.read(type);
    const translate = TRANSLATORS[type];
    if (!translate) return this.accounts.ignored(type, 'not a type Diplomat imports');
    const problem = schemaProblem(resource);
    const result = problem ? ({ kind: 'rejected', problem } as const) : translate(item.read, this.ctx);
    switch (result.kind) {
      case 'rows':
        for (const row of result.rows) await this.files.write(row, { resource: resourceNo, type, at });
        return this.accounts.imported(type);
      case 'used':
        return this.accounts.used(type);
      case 'ignored':
        return this.accounts.ignored(type, result.reason);
      case 'rejected':
        this.accounts.rejected(type);
        await this.rejects.write(at, type, result.problem, resource);
    }
  }

  /** Rows made from many resources at once: enrollment spans from claims. */
  async finish(): Promise<void> {
    for (const row of claimEnrollments(this.ctx)) {
      await this.files.write(row, { resource: -1, type: 'ExplanationOfBenefit', at: { file: 'claims', entry: 0 } });
    }
  }
}

async function translateAll(paths: readonly string[], t: Translation, options: FhirImportOptions): Promise<void> {
  for (const path of orderSources(paths)) {
    let rowsRead = 0;
    const at = { bytesRead: 0 };
    const totalBytes = statSync(path).size;
    const file = fhirKindOf(path) === 'ndjson' ? ndjsonTypeOf(path) : 'Bundle';
    const progress = (): void => options.onProgress?.({ path, file, bytesRead: at.bytesRead, totalBytes, rowsRead, phase: 'reading' });
    if (fhirKindOf(path) === 'ndjson') {
      for await (const item of readNdjson(path, at)) {
        await t.item(item);
        if (++rowsRead % 2000 === 0) progress();
      }
    } else {
      for (const item of bundleInOrder(readBundle(path))) {
        await t.item(item);
        rowsRead++;
      }
    }
    at.bytesRead = totalBytes;
    progress();
  }
  await t.finish();
}

const todayIn = (timezone: string): string => new Intl.DateTimeFormat('en-CA', { timeZone: timezone }).format(new Date());

/** One translated file, ready to import: `run` imports it through the importer. */
export interface FhirFileJob {
  file: TargetFile;
  run: (db: Db, hooks: ImportHooks) => Promise<FileReport>;
}

/**
 * Reads and translates FHIR files into the CSV files they stand for (in the report directory);
 * the caller imports them, in file order with any CSV files of the same import, then asks for
 * the accounting.
 */
export async function translateFhir(
  paths: readonly string[],
  options: FhirImportOptions,
): Promise<{ jobs: FhirFileJob[]; report: () => FhirReport }> {
  const translated = new TranslatedFiles(join(options.reportDir, 'fhir'));
  const t = new Translation(translated, new TranslationRejects(options.reportDir));
  try {
    await translateAll(paths, t, options);
  } finally {
    await translated.close();
  }
  const rejectsPath = await t.rejects.close();
  const today = todayIn(options.timezone);
  const jobs = translated.files().map(({ file, path, origins }): FhirFileJob => ({
    file,
    run: async (db, hooks) => {
      const defaulted = new Map<string, number>();
      const fill = fillsFor(file, today);
      const source = fill ? filledSource(db, fileSource(path), fill, defaulted) : fileSource(path);
      let sink: FhirRowRejects | undefined;
      const makeSink = (header: string[]): FhirRowRejects =>
        (sink = new FhirRowRejects(join(options.reportDir, `${file}.rejects.csv`), header, origins));
      const report = await importSource(db, { spec: translatedSpec(file), source, makeSink, timezone: options.timezone, path }, hooks);
      for (const [column, n] of defaulted) {
        const warning = `${n} ${file} row(s) had no ${column} in FHIR and none stored: set to ${fill!.columns[column]} (see docs/fhir.md)`;
        report.warnings.push(warning);
        hooks.onWarning?.(warning);
      }
      if (report.error) t.accounts.failedFile(origins);
      else if (sink) t.accounts.rejectedRows(sink.rejectedResources);
      return report;
    },
  }));
  return { jobs, report: () => t.accounts.report(paths, rejectsPath) };
}
