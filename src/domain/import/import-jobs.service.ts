// Imports over HTTP run as background jobs whose state (progress, counts, rejects) lives in the
// database, so any server process can answer a poll. The uploaded files are scratch space.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Db } from '../../db/connect.js';
import { DomainError } from '../errors.js';
import { insertJob, insertJobRejects, jobById, jobRejects, updateJob, type JobUpdate } from './import-jobs.queries.js';
import { specForPath } from './file-specs.js';
import type { Job } from './import-jobs.schema.js';
import type { ImportProgress } from './import-report.js';
import { importPaths } from './import.service.js';

/** A job as the API shows it: the schema's own type. */
export type ImportJob = Job;

/** A directory for one upload; the caller writes the files into it. */
export function uploadDir(): string {
  return mkdtempSync(join(tmpdir(), 'diplomat-upload-'));
}

/** A safe file name for an uploaded file, or an error when it is not one of the import files. */
export function uploadName(filename: string): string {
  const name = basename(filename)
    .toLowerCase()
    .replace(/[^a-z0-9_.-]/g, '_');
  if (!specForPath(name))
    throw new DomainError('unknown_file', `${basename(filename)} is not one of the import files (name it like actions.csv)`);
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
  ...r,
  created_at: new Date(r.created_at).toISOString(),
  updated_at: new Date(r.updated_at).toISOString(),
});

export async function getImportJob(db: Db, jobId: string): Promise<ImportJob> {
  const row = await jobById(db.kysely, jobId);
  if (!row) throw new DomainError('not_found', 'no such import job');
  return toJob(row);
}

export async function getJobRejects(db: Db, jobId: string, file: string): Promise<string> {
  const content = await jobRejects(db.kysely, jobId, file);
  if (content === undefined) throw new DomainError('not_found', 'no rejects for that file in this job');
  return content;
}

/** Creates the job and runs it in the background; returns at once. `done` settles when it ends. */
export async function startImportJob(db: Db, dir: string): Promise<{ job: ImportJob; done: Promise<void> }> {
  const jobId = randomUUID();
  await insertJob(db.kysely, jobId);
  const done = runJob(db, jobId, dir);
  return { job: await getImportJob(db, jobId), done };
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
    const report = await importPaths(db, [dir], { reportDir, onProgress });
    await pending;
    for (const f of report.files) {
      if (!f.rejectsPath) continue;
      await insertJobRejects(db.kysely, jobId, f.file, readFileSync(f.rejectsPath, 'utf8'));
    }
    const summary = {
      totals: report.totals,
      failed_files: report.failedFiles,
      files: report.files.map((f) => ({
        file: f.file,
        name: basename(f.path),
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
