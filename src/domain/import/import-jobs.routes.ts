import type {} from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.js';
import { errorResponses } from '../../http/schemas.js';
import { Job, JobParams, RejectsCsv, RejectsParams } from './import-jobs.schema.js';
import { DomainError } from '../errors.js';
import { getImportJob, getJobRejects, saveUpload, startImportJob } from './import-jobs.service.js';
import { principalOf } from '../../http/auth.plugin.js';

export const importJobRoutes: FastifyPluginAsyncTypebox<{ db: Db; onJob?: (done: Promise<void>) => void }> = async (app, { db, onJob }) => {
  app.post(
    '/api/imports',
    {
      config: { permission: 'imports:write' },
      schema: {
        tags: ['imports'],
        summary: 'Upload import files (multipart/form-data, one part per file named like actions.csv) and import them in the background',
        consumes: ['multipart/form-data'],
        response: { 202: Job, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) throw new DomainError('validation_failed', 'send the files as multipart/form-data');
      const dir = await saveUpload(request.files());
      const { job, done } = await startImportJob(db, dir, principalOf(request));
      // A bulk write: one audit row for the upload, not one per member of the files.
      await request.audit('write', ['']);
      onJob?.(done);
      return reply.status(202).header('Location', `/api/imports/${job.job_id}`).send(job);
    },
  );

  app.get(
    '/api/imports/:job_id',
    {
      config: { permission: 'imports:write' },
      schema: {
        tags: ['imports'],
        summary: "An import job's status, progress and counts",
        params: JobParams,
        response: { 200: Job, ...errorResponses },
      },
    },
    async (request) => getImportJob(db, request.params.job_id, principalOf(request)),
  );

  app.get(
    '/api/imports/:job_id/rejects/:file',
    {
      config: { permission: 'imports:write' },
      schema: {
        tags: ['imports'],
        summary: 'The rejected rows of one file of the job, as CSV to fix and import again',
        params: RejectsParams,
        produces: ['text/csv'],
        response: { 200: RejectsCsv, ...errorResponses },
      },
    },
    async (request, reply) => {
      const csv = await getJobRejects(db, request.params.job_id, request.params.file, principalOf(request));
      // The rejects hold member rows: the audit names the job and file they came from.
      await request.audit('read', [''], `job ${request.params.job_id} ${request.params.file}`);
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${request.params.file.replace(/[^a-z_]/g, '')}.rejects.csv"`)
        .send(csv);
    },
  );
};
