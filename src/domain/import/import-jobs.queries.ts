// The only SQL of import jobs: their state (so any server process can answer a poll) and the
// rejects files kept for download.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, ImportJobsTable } from '../../db/database.js';
import { LEASE, takeAbandonedLease } from '../../db/lease.js';
import type { ImportJobStatus } from '../ledger/vocabulary.js';

type Q = Kysely<Database>;

export async function insertJob(db: Q, jobId: string, createdBy: string): Promise<void> {
  await db
    .insertInto('import_jobs')
    .values({ job_id: jobId, status: 'queued', progress: null, report: null, error: null, created_by: createdBy })
    .execute();
}

/**
 * Jobs left queued or running by a process that stopped. A running job holds a lease
 * (src/db/lease.ts); one whose lease nobody holds, and that this process is not running
 * (`runningHere`), has no process behind it: it is failed at once.
 */
export async function failAbandonedJobs(db: Q, runningHere: readonly string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ job_id: string }>`
      SELECT job_id FROM import_jobs WHERE status IN ('queued', 'running') AND NOT (job_id = ANY (${[...runningHere]}::text[]))`.execute(
      trx,
    );
    const abandoned: string[] = [];
    for (const { job_id } of rows) if (await takeAbandonedLease(trx, LEASE.importJob, job_id)) abandoned.push(job_id);
    if (abandoned.length === 0) return;
    await sql`
      UPDATE import_jobs SET status = 'failed', updated_at = now(),
        error = 'the server stopped before the import finished: nothing of the file it was importing was kept; upload the files again'
      WHERE job_id = ANY (${abandoned}::text[]) AND status IN ('queued', 'running')`.execute(trx);
  });
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
