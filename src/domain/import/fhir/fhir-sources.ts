// Where FHIR resources come from: bulk-data NDJSON (one resource per line, one type per file, as
// `$export` writes them) and Bundles (a JSON file). Each resource comes with where it was read, so a
// reject can name its file and line or entry. NDJSON is streamed; a Bundle is parsed once.
import { closeSync, createReadStream, openSync, readFileSync, readSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { constants, createGunzip, gunzipSync } from 'node:zlib';

export interface FhirResource {
  resourceType: string;
  id?: string;
  [element: string]: unknown;
}

export interface FhirLocation {
  file: string;
  /** NDJSON: the line; a Bundle: undefined. */
  line?: number;
  /** A Bundle: the entry's index (from 0). */
  entry?: number;
}

export interface ReadResource {
  resource: FhirResource;
  at: FhirLocation;
  /** A Bundle entry's fullUrl (`urn:uuid:…`), by which other entries of the bundle refer to it. */
  fullUrl?: string;
}

/** A line or entry that is not a resource at all (not JSON, no resourceType). */
export interface Unreadable {
  at: FhirLocation;
  reason: string;
}

export type FhirItem = { ok: true; read: ReadResource } | { ok: false; bad: Unreadable };

export type FhirFileKind = 'ndjson' | 'bundle';

/** A FHIR input by its name: `*.ndjson` is NDJSON; `*.json` is a Bundle; either may be gzipped (`.gz`). */
export function fhirKindOf(path: string): FhirFileKind | undefined {
  const name = path.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.ndjson')) return 'ndjson';
  if (name.endsWith('.json')) return 'bundle';
  return undefined;
}

/** The resource type a bulk-data file holds, from its name (`Patient.000.ndjson` → Patient). */
export function ndjsonTypeOf(path: string): string {
  return basename(path).split('.')[0] ?? '';
}

const isGzip = (path: string): boolean => path.toLowerCase().endsWith('.gz');

const isResource = (value: unknown): value is FhirResource =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  typeof (value as { resourceType?: unknown }).resourceType === 'string';

/** Each line of an NDJSON file, streamed; `progress.bytesRead` follows how far into the file it is. */
export async function* readNdjson(path: string, progress?: { bytesRead: number }): AsyncGenerator<FhirItem> {
  const file = basename(path);
  const raw = createReadStream(path);
  const lines = createInterface({ input: isGzip(path) ? raw.pipe(createGunzip()) : raw, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (progress) progress.bytesRead = raw.bytesRead;
    if (text.trim() === '') continue;
    const at = { file, line };
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      yield { ok: false, bad: { at, reason: 'is not JSON' } };
      continue;
    }
    yield isResource(value)
      ? { ok: true, read: { resource: value, at } }
      : { ok: false, bad: { at, reason: 'is not a FHIR resource (no resourceType)' } };
  }
}

export class NotABundle extends Error {}

/** The entries of a Bundle file (transaction, batch, collection, searchset…). */
export function readBundle(path: string): FhirItem[] {
  const file = basename(path);
  let value: unknown;
  try {
    const bytes = readFileSync(path);
    value = JSON.parse((isGzip(path) ? gunzipSync(bytes) : bytes).toString('utf8'));
  } catch {
    throw new NotABundle(`${file}: not JSON`);
  }
  if (!isResource(value) || value.resourceType !== 'Bundle')
    throw new NotABundle(`${file}: not a FHIR Bundle (resourceType is not Bundle)`);
  const entries = Array.isArray(value.entry) ? (value.entry as unknown[]) : [];
  return entries.map((entry, index): FhirItem => {
    const at = { file, entry: index };
    const e = (entry ?? {}) as { resource?: unknown; fullUrl?: unknown };
    if (!isResource(e.resource)) return { ok: false, bad: { at, reason: 'has no resource' } };
    return { ok: true, read: { resource: e.resource, at, ...(typeof e.fullUrl === 'string' ? { fullUrl: e.fullUrl } : {}) } };
  });
}

/** Whether a JSON file starts like a FHIR Bundle (its first 64 KiB name the resource type Bundle). */
export function looksLikeBundle(path: string): boolean {
  const fd = openSync(path, 'r');
  let head = Buffer.alloc(65_536);
  try {
    head = head.subarray(0, readSync(fd, head, 0, head.length, 0));
  } finally {
    closeSync(fd);
  }
  if (isGzip(path)) {
    // The start of a gzipped file inflates on its own (a sync flush): no need to inflate it all.
    try {
      head = gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
    } catch {
      return false;
    }
  }
  return /"resourceType"\s*:\s*"Bundle"/.test(head.toString('utf8'));
}

/** How a location reads in a message: `Patient.000.ndjson line 12`, `bundle.json entry 3`. */
export function describeLocation(at: FhirLocation): string {
  return at.line !== undefined ? `${at.file} line ${at.line}` : `${at.file} entry ${at.entry ?? 0}`;
}
