// Imports over HTTP run as background jobs whose state (progress, counts, rejects) lives in the
// database, so any server process can answer a poll. The uploaded files are scratch space.
import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Db } from '../../db/connect.js';
import { isAlive } from '../../db/embedded-lock.js';
import { LEASE } from '../../db/lease.js';
import { DomainError } from '../errors.js';
import type { Principal } from '../auth/permissions.js';
import { failAbandonedJobs, insertJob, insertJobRejects, jobById, jobRejects, updateJob, type JobUpdate } from './import-jobs.queries.js';
import { isFhirPath } from './fhir/fhir-import.service.js';
import { specForPath } from './file-specs.js';
import type { Job } from './import-jobs.schema.js';
import type { ImportProgress } from './import-report.js';
import { importPaths } from './import.service.js';

/** A job as the API shows it: the schema's own type. */
export type ImportJob = Job;

/** An upload's directory is named with the id of the process that saved it (sweepAbandonedUploads). */
const UPLOAD_PREFIX = 'diplomat-upload-';

/**
 * Saves the uploaded files into a fresh directory and returns it. Each must be one of the import
 * files, once: two parts of the same name would silently replace one another. Whatever goes wrong
 * (an unknown or repeated name, too many or too large files, none at all), nothing is left behind.
 */
export async function saveUpload(files: AsyncIterable<{ filename: string; file: NodeJS.ReadableStream }>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `${UPLOAD_PREFIX}${process.pid}-`));
  try {
    const seen = new Set<string>();
    for await (const part of files) {
      const name = uploadName(part.filename);
      if (seen.has(name)) throw new DomainError('validation_failed', `${name} was uploaded twice: send each file once`);
      seen.add(name);
      await pipeline(part.file, createWriteStream(join(dir, name)));
    }
    if (seen.size === 0) throw new DomainError('validation_failed', 'no files were uploaded');
    return dir;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Removes the upload directories that server processes no longer running left behind: a job
 * removes its files when it ends, but a server killed mid-job cannot, and the files hold member
 * rows. A directory of a running process (another server's job in progress) stays; so does one
 * whose process id was reused since, until that process ends too.
 */
export function sweepAbandonedUploads(): void {
  for (const name of readdirSync(tmpdir())) {
    const pid = new RegExp(`^${UPLOAD_PREFIX}(\\d+)-`).exec(name)?.[1];
    if (pid === undefined || isAlive(Number(pid))) continue;
    try {
      rmSync(join(tmpdir(), name), { recursive: true, force: true });
    } catch {
      // Another user's (a shared temporary directory): theirs to remove, and no reason not to start.
    }
  }
}

/** A safe file name for an uploaded file, or an error when it is not one of the import files. */
function uploadName(filename: string): string {
  const safe = basename(filename).replace(/[^A-Za-z0-9_.-]/g, '_');
  // CSV names are matched in lower case; a FHIR file keeps its case (Patient.ndjson names a resource type).
  const name = isFhirPath(safe) ? safe : safe.toLowerCase();
  if (!specForPath(name) && !isFhirPath(name)) {
    throw new DomainError(
      'unknown_file',
      `${basename(filename)} is not one of the import files (name it like actions.csv, or *.ndjson / a Bundle *.json for FHIR)`,
    );
  }
  return name;
}

const toJob = (r: {
  job_id: string;
  status: ImportJob['status'];
  created_at: Date;
  updated_at: Date;
  progress: unknown;
  report: unknown;
  error: string | null;
}): ImportJob => ({
  job_id: r.job_id,
  status: r.status,
  progress: r.progress,
  report: r.report,
  error: r.error,
  created_at: new Date(r.created_at).toISOString(),
  updated_at: new Date(r.updated_at).toISOString(),
});

/** The jobs this process is running (each also holds its lease in the database). */
const runningHere = new Set<string>();

/** Fails the jobs whose process stopped (a server start, and every poll, call this). */
export async function failAbandonedImports(db: Db): Promise<void> {
  await failAbandonedJobs(db.kysely, [...runningHere]);
}

/** A job, if `actor` may read it: its uploader and admins (the report and rejects hold member rows). */
async function readableJob(db: Db, jobId: string, actor: Principal) {
  const row = await jobById(db.kysely, jobId);
  // Someone else's job is "not found": its existence is not the reader's business.
  if (!row || (actor.role !== 'admin' && row.created_by !== actor.userId)) throw new DomainError('not_found', 'no such import job');
  return row;
}

export async function getImportJob(db: Db, jobId: string, actor: Principal): Promise<ImportJob> {
  await failAbandonedImports(db);
  return toJob(await readableJob(db, jobId, actor));
}

export async function getJobRejects(db: Db, jobId: string, file: string, actor: Principal): Promise<string> {
  await readableJob(db, jobId, actor);
  const content = await jobRejects(db.kysely, jobId, file);
  if (content === undefined) throw new DomainError('not_found', 'no rejects for that file in this job');
  return content;
}

/** Creates the job and runs it in the background; returns at once. `done` settles when it ends. */
export async function startImportJob(db: Db, dir: string, actor: Principal): Promise<{ job: ImportJob; done: Promise<void> }> {
  const jobId = randomUUID();
  runningHere.add(jobId);
  await insertJob(db.kysely, jobId, actor.userId).catch((error: unknown) => {
    runningHere.delete(jobId);
    throw error;
  });
  // runJob records its own failures; a lease that could not be taken (the database gone) leaves
  // the job queued with no process behind it, and the next poll fails it.
  const done = db
    .withLease(LEASE.importJob, jobId, () => runJob(db, jobId, dir))
    .catch(() => undefined)
    .finally(() => runningHere.delete(jobId));
  return { job: await getImportJob(db, jobId, actor), done };
}

async function runJob(db: Db, jobId: string, dir: string): Promise<void> {
  const update = (values: JobUpdate): Promise<void> => updateJob(db.kysely, jobId, values);
  let lastWrite = 0;
  let pending: Promise<unknown> = Promise.resolve();
  const onProgress = (p: ImportProgress): void => {
    const now = performance.now();
    if (p.phase === 'reading' && now - lastWrite < 1000) return;
    lastWrite = now;
    const progress = { file: p.file, phase: p.phase, rows_read: p.rowsRead, bytes_read: p.bytesRead, total_bytes: p.totalBytes };
    pending = pending.then(() => update({ progress })).catch(() => undefined);
  };
  try {
    await update({ status: 'running' });
    const reportDir = join(dir, 'report');
    // Each uploaded file by name: an uploaded FHIR file is read whatever it is called.
    const uploaded = readdirSync(dir)
      .filter((name) => name !== 'report')
      .map((name) => join(dir, name));
    const report = await importPaths(db, uploaded, { reportDir, onProgress });
    await pending;
    for (const f of report.files) {
      if (!f.rejectsPath) continue;
      await insertJobRejects(db.kysely, jobId, f.file, readFileSync(f.rejectsPath, 'utf8'));
    }
    // The FHIR resources rejected before the importer's checks, under the name `fhir`.
    if (report.fhir?.rejectsPath) await insertJobRejects(db.kysely, jobId, 'fhir', readFileSync(report.fhir.rejectsPath, 'utf8'));
    const summary = {
      totals: report.totals,
      fhir: report.fhir ? { resources: report.fhir.resources, unreadable: report.fhir.unreadable } : null,
      failed_files: report.failedFiles,
      files: report.files.map((f) => ({
        file: f.file,
        name: basename(f.path).endsWith('.from-fhir.csv') ? `${f.file} (from FHIR)` : basename(f.path),
        rows_read: f.rowsRead,
        accepted: f.accepted,
        updated: f.updated,
        duplicates: f.duplicates,
        rejected: f.rejected,
        has_rejects: f.rejectsPath !== null,
        warnings: f.warnings,
        error: f.error,
        seconds: f.seconds,
      })),
    };
    await update({
      status: report.failedFiles > 0 ? 'failed' : 'done',
      report: summary,
      error: report.failedFiles > 0 ? 'some files could not be imported' : null,
    });
  } catch (error) {
    await update({ status: 'failed', error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
