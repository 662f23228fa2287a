import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.js';
import { principalOf } from '../../http/auth.plugin.js';
import { errorResponses } from '../../http/schemas.js';
import { contractEquity, contractMeasureMembers, contractTrend } from './contract-drilldown.service.js';
import { computeContractScorecard } from './contract-scorecard.service.js';
import {
  CompareQuery,
  Contract,
  ContractDetail,
  ContractInput,
  ContractList,
  ContractListQuery,
  ContractParams,
  ContractScorecard,
  ContractScorecardQuery,
  EquityQuery,
  EquityRows,
  MeasureChanges,
  MeasureMembers,
  MeasureQuery,
  MeasuresInput,
  RenewalList,
  RenewalQuery,
  ResultInput,
  Snapshots,
  Trend,
  TrendQuery,
} from './contracts.schema.js';
import {
  getContract,
  listContracts,
  measureSetChanges,
  renewalsDue,
  reviewSnapshots,
  saveContract,
  saveMeasures,
  saveResult,
} from './contracts.service.js';

const tags = ['contracts'];

export const contractRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const read = { permission: 'partners:read' } as const;
  const write = { permission: 'partners:write' } as const;

  app.get(
    '/api/contract-scorecard',
    {
      config: read,
      schema: {
        tags,
        summary: 'The contract scorecard of SPEC 7.3: a row per contract and measure, then a summary row per contract',
        querystring: ContractScorecardQuery,
        response: { 200: ContractScorecard, ...errorResponses },
      },
    },
    async (request) => ({ items: await computeContractScorecard(db, request.query, principalOf(request)) }),
  );

  app.get(
    '/api/contracts',
    {
      config: read,
      schema: {
        tags,
        summary: 'Value-based contracts',
        querystring: ContractListQuery,
        response: { 200: ContractList, ...errorResponses },
      },
    },
    async (request) => ({ items: await listContracts(db, request.query, principalOf(request)) }),
  );

  app.get(
    '/api/contracts/renewals',
    {
      config: read,
      schema: {
        tags,
        summary: 'Contracts ending within their renewal notice (default 90 days)',
        querystring: RenewalQuery,
        response: { 200: RenewalList, ...errorResponses },
      },
    },
    async (request) => ({ items: await renewalsDue(db, request.query, principalOf(request)) }),
  );

  app.post(
    '/api/contracts',
    {
      config: write,
      schema: { tags, summary: 'Create or update a contract', body: ContractInput, response: { 200: Contract, ...errorResponses } },
    },
    async (request) => saveContract(db, request.body, principalOf(request)),
  );

  app.get(
    '/api/contracts/:contract_id',
    {
      config: read,
      schema: {
        tags,
        summary: 'A contract and its measure sets by year',
        params: ContractParams,
        response: { 200: ContractDetail, ...errorResponses },
      },
    },
    async (request) => getContract(db, request.params.contract_id, principalOf(request)),
  );

  app.post(
    '/api/contracts/:contract_id/measures',
    {
      config: write,
      schema: {
        tags,
        summary: "Add or change measures of a contract's yearly measure set",
        params: ContractParams,
        body: MeasuresInput,
        response: { 200: ContractDetail, ...errorResponses },
      },
    },
    async (request) => {
      await saveMeasures(db, request.params.contract_id, request.body.measures, principalOf(request));
      return getContract(db, request.params.contract_id, principalOf(request));
    },
  );

  app.post(
    '/api/contracts/:contract_id/results',
    {
      config: write,
      schema: {
        tags,
        summary: "Enter a reported measure's result for a period; answers with the contract's scorecard of that period",
        params: ContractParams,
        body: ResultInput,
        response: { 200: ContractScorecard, ...errorResponses },
      },
    },
    async (request) => {
      const actor = principalOf(request);
      await saveResult(db, request.params.contract_id, request.body, actor);
      return { items: await computeContractScorecard(db, { period: request.body.period, contract: request.params.contract_id }, actor) };
    },
  );

  app.get(
    '/api/contracts/:contract_id/changes',
    {
      config: read,
      schema: {
        tags,
        summary: 'What changed in the measure set from one year to another',
        params: ContractParams,
        querystring: CompareQuery,
        response: { 200: MeasureChanges, ...errorResponses },
      },
    },
    async (request) => ({
      items: await measureSetChanges(db, request.params.contract_id, request.query.from, request.query.to, principalOf(request)),
    }),
  );
};

/** Behind a contract's numbers: trend, equity breakdown, the members, the reviews kept. */
export const contractDrilldownRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const read = { permission: 'partners:read' } as const;
  app.get(
    '/api/contracts/:contract_id/trend',
    {
      config: read,
      schema: {
        tags,
        summary: 'The contract scorecard of each month and quarter of a year',
        params: ContractParams,
        querystring: TrendQuery,
        response: { 200: Trend, ...errorResponses },
      },
    },
    async (request) => ({ items: await contractTrend(db, request.params.contract_id, request.query.year, principalOf(request)) }),
  );

  app.get(
    '/api/contracts/:contract_id/equity',
    {
      config: { permission: 'populations:read' },
      schema: {
        tags,
        summary: "A scorecard measure by an equity segment, within the contract's population (plan staff)",
        params: ContractParams,
        querystring: EquityQuery,
        response: { 200: EquityRows, ...errorResponses },
      },
    },
    async (request) => {
      const q = request.query;
      return { items: await contractEquity(db, request.params.contract_id, q.period, q.measure_id, q.by, principalOf(request)) };
    },
  );

  app.get(
    '/api/contracts/:contract_id/members',
    {
      config: { permission: 'members:read' },
      schema: {
        tags,
        summary: 'The members a scorecard measure counts, those not yet in its numerator first',
        params: ContractParams,
        querystring: MeasureQuery,
        response: { 200: MeasureMembers, ...errorResponses },
      },
    },
    async (request) => {
      const items = await contractMeasureMembers(
        db,
        request.params.contract_id,
        request.query.period,
        request.query.measure_id,
        principalOf(request),
      );
      await request.audit(
        'read',
        items.map((m) => m.member_id),
      );
      return { items };
    },
  );

  app.get(
    '/api/contracts/:contract_id/reviews',
    {
      config: read,
      schema: {
        tags,
        summary: 'The contract scorecards kept at scorecard reviews',
        params: ContractParams,
        response: { 200: Snapshots, ...errorResponses },
      },
    },
    async (request) => {
      const rows = await reviewSnapshots(db, request.params.contract_id, principalOf(request));
      return { items: rows.map((r) => ({ ...r, taken_at: new Date(r.taken_at).toISOString(), rows: r.rows as unknown[] })) };
    },
  );
};
