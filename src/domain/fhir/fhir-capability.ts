// What Diplomat's FHIR endpoint supports, as a CapabilityStatement (GET /fhir/metadata).
import type { CapabilityStatement } from 'fhir/r4.js';
import { BULK_TYPES } from './fhir-export.service.js';

export function capabilityStatement(): CapabilityStatement {
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: '2026-11-26',
    kind: 'instance',
    software: { name: 'Diplomat' },
    implementation: { description: "Diplomat's scorecard measures, and the plan's ledger as bulk NDJSON" },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation: 'Every request needs a session or an API token (Authorization: Bearer …), like the rest of the API.',
        resource: [
          { type: 'Measure', interaction: [{ code: 'read' }, { code: 'search-type' }] },
          {
            type: 'MeasureReport',
            interaction: [{ code: 'search-type' }],
            searchParam: [
              { name: 'period', type: 'date', documentation: 'Required: a month 2025-03, a quarter 2025-Q1 or a year 2025' },
              { name: 'measure', type: 'reference', documentation: 'A Measure id or url; every measure when absent' },
              {
                name: 'contract',
                type: 'token',
                documentation: "A contract id, or *: the contract scorecard's reports, with their Measures included",
              },
              {
                name: 'segment',
                type: 'token',
                documentation:
                  'Stratify by a segment: line_of_business, product, risk_tier, county, partner, age_band, sex, race, ethnicity, language',
              },
            ],
          },
        ],
        operation: BULK_TYPES.map((type) => ({
          name: `export-${type}`,
          definition: 'http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export',
          documentation: `GET /fhir/export/${type}: every ${type} as NDJSON, synchronously`,
        })),
      },
    ],
  };
}
