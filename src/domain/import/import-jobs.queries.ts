// The only SQL of import jobs: their state (so any server process can answer a poll) and the
// rejects files kept for download.
import type { Kysely, Selectable } from 'kysely';
import type { Database, ImportJobsTable } from '../../db/database.js';
import type { ImportJobStatus } from '../ledger/vocabulary.js';

type Q = Kysely<Database>;

export async function insertJob(db: Q, jobId: string, createdBy: string): Promise<void> {
  await db
    .insertInto('import_jobs')
    .values({ job_id: jobId, status: 'queued', progress: null, report: null, error: null, created_by: createdBy })
    .execute();
}

/**
 * Jobs left queued or running by a process that stopped: a running job touches its row at least
 * every HEARTBEAT, so one untouched for `staleAfterMs` has no process behind it. They are failed.
 */
export async function failAbandonedJobs(db: Q, staleAfterMs: number): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({ status: 'failed', error: 'the server stopped before the import finished: upload the files again', updated_at: new Date() })
    .where('status', 'in', ['queued', 'running'])
    .where('updated_at', '<', new Date(Date.now() - staleAfterMs))
    .execute();
}

export async function jobById(db: Q, jobId: string): Promise<Selectable<ImportJobsTable> | undefined> {
  return db.selectFrom('import_jobs').selectAll().where('job_id', '=', jobId).executeTakeFirst();
}

export interface JobUpdate {
  status?: ImportJobStatus;
  progress?: unknown;
  report?: unknown;
  error?: string | null;
}

export async function updateJob(db: Q, jobId: string, values: JobUpdate): Promise<void> {
  await db
    .updateTable('import_jobs')
    .set({
      updated_at: new Date(),
      ...(values.status ? { status: values.status } : {}),
      ...(values.progress !== undefined ? { progress: JSON.stringify(values.progress) } : {}),
      ...(values.report !== undefined ? { report: JSON.stringify(values.report) } : {}),
      ...(values.error !== undefined ? { error: values.error } : {}),
    })
    .where('job_id', '=', jobId)
    .execute();
}

export async function insertJobRejects(db: Q, jobId: string, file: string, content: string): Promise<void> {
  await db.insertInto('import_job_rejects').values({ job_id: jobId, file, content }).execute();
}

export async function jobRejects(db: Q, jobId: string, file: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('import_job_rejects')
    .select('content')
    .where('job_id', '=', jobId)
    .where('file', '=', file)
    .executeTakeFirst();
  return row?.content;
}
