// The schemas of import jobs over HTTP (API validation, OpenAPI, web types).
import { Type, type Static } from 'typebox';
import { ImportJobStatus, Nullable } from '../common.schema.js';

export const Job = Type.Object({
  job_id: Type.String(),
  status: ImportJobStatus,
  created_at: Type.String({ format: 'date-time' }),
  updated_at: Type.String({ format: 'date-time' }),
  progress: Type.Unknown(),
  report: Type.Unknown(),
  error: Nullable(Type.String()),
});
export type Job = Static<typeof Job>;
export const JobParams = Type.Object({ job_id: Type.String({ format: 'uuid' }) });
export const RejectsParams = Type.Object({ job_id: Type.String({ format: 'uuid' }), file: Type.String({ maxLength: 40 }) });
export const RejectsCsv = Type.String({ description: 'The rejected rows with their line, column and reason' });
