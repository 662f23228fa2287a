// FHIR R4 over HTTP: the CapabilityStatement, the scorecard's Measures and MeasureReports, and the
// bulk NDJSON export of the ledger. Same authorization, partner suppression and audit as /api.
import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.js';
import { principalOf } from '../../http/auth.plugin.js';
import { errorResponses } from '../../http/schemas.js';
import { capabilityStatement } from './fhir-capability.js';
import { bulkNdjson, fhirContractReports, fhirMeasure, fhirMeasureReports, fhirMeasures, searchset } from './fhir-export.service.js';
import { ExportParams, FhirResource, MeasureParams, MeasureReportQuery, Ndjson } from './fhir.schema.js';

const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export const fhirRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['fhir'];
  app.get(
    '/fhir/metadata',
    {
      config: { permission: 'self' },
      schema: {
        tags,
        summary: 'What this FHIR endpoint supports (CapabilityStatement)',
        response: { 200: FhirResource, ...errorResponses },
      },
    },
    async (_request, reply) => reply.type(FHIR_JSON).send(capabilityStatement()),
  );

  app.get(
    '/fhir/Measure',
    {
      config: { permission: 'scorecard:read' },
      schema: {
        tags,
        summary: 'The scorecard metrics as Measures (a searchset Bundle)',
        response: { 200: FhirResource, ...errorResponses },
      },
    },
    async (_request, reply) => reply.type(FHIR_JSON).send(searchset(fhirMeasures())),
  );

  app.get(
    '/fhir/Measure/:id',
    {
      config: { permission: 'scorecard:read' },
      schema: { tags, summary: 'One metric as a Measure', params: MeasureParams, response: { 200: FhirResource, ...errorResponses } },
    },
    async (request, reply) => reply.type(FHIR_JSON).send(fhirMeasure(request.params.id)),
  );

  app.get(
    '/fhir/MeasureReport',
    {
      config: { permission: 'scorecard:read' },
      schema: {
        tags,
        summary:
          "Summary MeasureReports of a period: the scorecard's numbers, stratified by a segment when asked; with contract=ID (or *), the contract scorecard's, its Measures included",
        querystring: MeasureReportQuery,
        response: { 200: FhirResource, ...errorResponses },
      },
    },
    async (request, reply) => {
      const actor = principalOf(request);
      const bundle = request.query.contract
        ? await fhirContractReports(db, actor, request.query)
        : searchset(await fhirMeasureReports(db, actor, request.query));
      return reply.type(FHIR_JSON).send(bundle);
    },
  );

  app.get(
    '/fhir/export/:type',
    {
      config: { permission: 'members:read' },
      schema: {
        tags,
        summary: 'Bulk export: every resource of a type as NDJSON (import it back with diplomat import)',
        params: ExportParams,
        produces: ['application/fhir+ndjson'],
        response: { 200: Ndjson, ...errorResponses },
      },
    },
    async (request, reply) => {
      const pages = bulkNdjson(db, request.params.type);
      // Each page's members are audited before the page is sent.
      const lines = async function* (): AsyncGenerator<string> {
        for await (const page of pages) {
          await request.audit('read', page.memberIds, `FHIR export ${request.params.type}`);
          yield page.text;
        }
      };
      return reply.type('application/fhir+ndjson').send(Readable.from(lines()) as unknown as string); // a stream is sent as is, never serialized
    },
  );
};
