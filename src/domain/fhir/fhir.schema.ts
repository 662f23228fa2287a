// The schemas of the FHIR routes. FHIR resources are FHIR's own JSON (validated in the tests
// against HL7's R4 schema); here they are open objects with their resourceType.
import { Type } from 'typebox';
import { BULK_TYPES } from './fhir-export.service.js';

export const FhirResource = Type.Object(
  { resourceType: Type.String() },
  { additionalProperties: true, description: 'A FHIR R4 resource (application/fhir+json)' },
);
export const MeasureParams = Type.Object({ id: Type.String({ maxLength: 128 }) });
export const MeasureReportQuery = Type.Object({
  period: Type.String({ maxLength: 10, description: 'A month 2025-03, a quarter 2025-Q1 or a year 2025' }),
  measure: Type.Optional(Type.String({ maxLength: 128, description: 'A Measure id or url (all measures when absent)' })),
  contract: Type.Optional(
    Type.String({ maxLength: 64, description: "A contract id, or * for every contract: the contract scorecard's MeasureReports" }),
  ),
  segment: Type.Optional(
    Type.String({ maxLength: 40, description: 'Stratify by a segment of SPEC.md §3 (line_of_business, risk_tier, …)' }),
  ),
});
export const ExportParams = Type.Object({ type: Type.Union(BULK_TYPES.map((t) => Type.Literal(t))) });
export const Ndjson = Type.String({ description: 'One FHIR resource per line (application/fhir+ndjson)' });
