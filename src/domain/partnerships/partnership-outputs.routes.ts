// A partnership's outputs: the results packet (PDF), CSV exports of its tables, the equity view of
// a computed measure (plan staff only, like a contract population's breakdown) and the worklist
// of what is overdue across partnerships.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/connect.js';
import { principalOf } from '../../http/auth.plugin.js';
import { errorResponses } from '../../http/schemas.js';
import { CsvText } from '../auth/auth.schema.js';
import { buildPacket } from './packet/packet.service.js';
import { importPartnershipCsv } from './partnership-csv.service.js';
import { exportTable, measureEquity, partnershipWorklist } from './partnership-outputs.service.js';
import {
  EquityList,
  EquityParams,
  EquityQuery,
  ExportParams,
  CsvImportBody,
  CsvImportParams,
  CsvImportReport,
  PacketQuery,
  PartnershipParams,
  WorkItemList,
} from './partnerships.schema.js';

const tags = ['partnerships'];

export const partnershipOutputRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/partnerships/:partnership_id/packet',
    {
      config: { permission: 'partnerships:read' },
      schema: {
        tags,
        summary: 'The results packet (PDF) for one member organization’s leaders',
        params: PartnershipParams,
        querystring: PacketQuery,
        produces: ['application/pdf'],
        response: { 200: Type.String({ format: 'binary', description: 'a PDF' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { filename, pdf } = await buildPacket(db, request.params.partnership_id, request.query.for, principalOf(request));
      return reply
        .type('application/pdf')
        .header('Content-Disposition', `attachment; filename="${filename}"`)
        .send(pdf as unknown as string); // a Buffer is sent as is, never serialized
    },
  );

  app.get(
    '/api/partnerships/:partnership_id/export/:table',
    {
      config: { permission: 'partnerships:read' },
      schema: {
        tags,
        summary: "One of a partnership's tables as CSV",
        params: ExportParams,
        produces: ['text/csv'],
        response: { 200: CsvText, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { partnership_id, table } = request.params;
      const csv = await exportTable(db, partnership_id, table, principalOf(request));
      return reply
        .type('text/csv; charset=utf-8')
        .header('Content-Disposition', `attachment; filename="${partnership_id}-${table}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/api/partnerships/:partnership_id/measures/:measure_id/equity',
    {
      config: { permission: 'populations:read' },
      schema: {
        tags,
        summary: 'A computed population measure by an equity segment, within the area',
        params: EquityParams,
        querystring: EquityQuery,
        response: { 200: EquityList, ...errorResponses },
      },
    },
    async (request) => {
      const { partnership_id, measure_id } = request.params;
      return { items: await measureEquity(db, partnership_id, measure_id, request.query.period, request.query.by, principalOf(request)) };
    },
  );

  app.post(
    '/api/partnerships/:partnership_id/import/:table',
    {
      config: { permission: 'partnerships:contribute' },
      schema: {
        tags,
        summary: 'Import results, commitments or plan activities from CSV; bad rows are reported by line, good rows kept',
        params: CsvImportParams,
        body: CsvImportBody,
        response: { 200: CsvImportReport, ...errorResponses },
      },
    },
    async (request) =>
      importPartnershipCsv(db, request.params.partnership_id, request.params.table, request.body.csv, principalOf(request)),
  );

  app.get(
    '/api/worklists/partnerships',
    {
      config: { permission: 'partnerships:read' },
      schema: {
        tags,
        summary: 'Overdue results, milestones and decision follow-ups across partnerships, oldest first',
        response: { 200: WorkItemList, ...errorResponses },
      },
    },
    async (request) => ({ items: await partnershipWorklist(db, principalOf(request)) }),
  );
};
