// The ledger's rows as FHIR R4 resources that import back to the same rows (import/fhir reads
// them): members as Patient, partners as Organization, staff as Practitioner with a
// PractitionerRole, enrollments as Coverage, care programs as EpisodeOfCare, caseload as CareTeam.
import { createHash } from 'node:crypto';
import type {
  CareTeam,
  Coverage,
  EpisodeOfCare,
  Extension,
  Organization,
  Patient,
  Practitioner,
  PractitionerRole,
  Reference,
} from 'fhir/r4.js';
import { DIPLOMAT, US_CORE_ETHNICITY, US_CORE_RACE } from '../import/fhir/fhir-codes.js';
import type { ExportRow } from './fhir-export.queries.js';

const OMB = 'urn:oid:2.16.840.1.113883.6.238';
const RACE_CODE: Readonly<Record<string, [string, string]>> = {
  american_indian: ['1002-5', 'American Indian or Alaska Native'],
  asian: ['2028-9', 'Asian'],
  black: ['2054-5', 'Black or African American'],
  pacific_islander: ['2076-8', 'Native Hawaiian or Other Pacific Islander'],
  white: ['2106-3', 'White'],
  other: ['2131-1', 'Other Race'],
};
const ETHNICITY_CODE: Readonly<Record<string, [string, string]>> = {
  hispanic: ['2135-2', 'Hispanic or Latino'],
  not_hispanic: ['2186-5', 'Not Hispanic or Latino'],
};

/** A FHIR id from a Diplomat id: FHIR allows 64 of [A-Za-z0-9-.]; anything else becomes `-`. */
export const fhirId = (id: string): string => id.replace(/[^A-Za-z0-9\-.]/g, '-').slice(0, 64) || '-';

/** An id for a row keyed by several columns: a digest, as the columns together can pass 64 characters. */
const keyId = (...parts: unknown[]): string => createHash('sha256').update(parts.map(String).join('\u0000')).digest('hex').slice(0, 32);

const s = (v: unknown): string | undefined => (v === null || v === undefined || v === '' ? undefined : String(v));

function ombExtension(url: string, codes: Readonly<Record<string, [string, string]>>, value: unknown): Extension[] {
  const code = typeof value === 'string' ? codes[value] : undefined;
  if (!code) return [];
  return [
    {
      url,
      extension: [
        { url: 'ombCategory', valueCoding: { system: OMB, code: code[0], display: code[1] } },
        { url: 'text', valueString: code[1] },
      ],
    },
  ];
}

const GENDER: Readonly<Record<string, Patient['gender']>> = { F: 'female', M: 'male', other: 'other' };

export function patientOf(m: ExportRow): Patient {
  const memberId = String(m.member_id);
  const telecom = [
    ...(s(m.phone) ? [{ system: 'phone' as const, value: s(m.phone)! }] : []),
    ...(s(m.email) ? [{ system: 'email' as const, value: s(m.email)! }] : []),
  ];
  const address =
    s(m.county) || s(m.zip) ? [{ ...(s(m.county) ? { district: s(m.county)! } : {}), ...(s(m.zip) ? { postalCode: s(m.zip)! } : {}) }] : [];
  return {
    resourceType: 'Patient',
    id: fhirId(memberId),
    extension: [
      ...ombExtension(US_CORE_RACE, RACE_CODE, m.race),
      ...ombExtension(US_CORE_ETHNICITY, ETHNICITY_CODE, m.ethnicity),
      { url: DIPLOMAT.riskTier, valueCode: String(m.risk_tier) },
    ],
    identifier: [{ system: DIPLOMAT.memberId, value: memberId }],
    ...(s(m.sex) ? { gender: GENDER[String(m.sex)] ?? 'unknown' } : {}),
    ...(s(m.birth_date) ? { birthDate: s(m.birth_date)! } : {}),
    ...(telecom.length ? { telecom } : {}),
    ...(address.length ? { address } : {}),
    ...(s(m.language)
      ? { communication: [{ language: { coding: [{ system: 'urn:ietf:bcp:47', code: s(m.language)! }] }, preferred: true }] }
      : {}),
  };
}

const ORG_TYPE: Readonly<Record<string, string>> = {
  provider: 'prov',
  payer: 'pay',
  public_health: 'govt',
  community: 'cg',
  other: 'other',
};

export function organizationOf(p: ExportRow): Organization {
  const partnerId = String(p.partner_id);
  return {
    resourceType: 'Organization',
    id: fhirId(partnerId),
    identifier: [{ system: DIPLOMAT.partnerId, value: partnerId }],
    name: String(p.name),
    type: [
      {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/organization-type', code: ORG_TYPE[String(p.kind)] ?? 'other' }],
        text: String(p.kind),
      },
    ],
  };
}

/** A reference by Diplomat's own identifier: it resolves on import whatever ids the receiver gives. */
export const byIdentifier = (type: 'Patient' | 'Practitioner' | 'Organization', system: string, value: unknown): Reference => ({
  reference: `${type}?identifier=${system}|${encodeURIComponent(String(value))}`,
});

export function practitionerOf(row: ExportRow): [Practitioner, PractitionerRole] {
  const staffId = String(row.staff_id);
  const practitioner: Practitioner = {
    resourceType: 'Practitioner',
    id: fhirId(staffId),
    identifier: [{ system: DIPLOMAT.staffId, value: staffId }],
    ...(s(row.name) ? { name: [{ text: s(row.name)! }] } : {}),
  };
  const role: PractitionerRole = {
    resourceType: 'PractitionerRole',
    id: keyId('PractitionerRole', staffId),
    practitioner: byIdentifier('Practitioner', DIPLOMAT.staffId, staffId),
    ...(s(row.partner_id) ? { organization: byIdentifier('Organization', DIPLOMAT.partnerId, row.partner_id) } : {}),
    code: [{ coding: [{ system: DIPLOMAT.staffRole, code: String(row.role) }], text: String(row.role) }],
    period: { start: String(row.hired_on), ...(s(row.left_on) ? { end: s(row.left_on)! } : {}) },
  };
  return [practitioner, role];
}

/** Line of business as a Source of Payment Typology code (what the importer reads first). */
const PAYER_CODE: Readonly<Record<string, [string, string]>> = {
  medicare: ['1', 'MEDICARE'],
  medicaid: ['2', 'MEDICAID'],
  dual: ['14', 'Dual Eligibility Medicare/Medicaid Organization'],
  commercial: ['5', 'PRIVATE HEALTH INSURANCE'],
};

const member = (row: ExportRow) => byIdentifier('Patient', DIPLOMAT.memberId, row.member_id);
const period = (start: unknown, end: unknown) => ({ start: String(start), ...(s(end) ? { end: s(end)! } : {}) });

export function coverageOf(row: ExportRow): Coverage {
  const [code, display] = PAYER_CODE[String(row.line_of_business)]!;
  const product = String(row.product);
  return {
    resourceType: 'Coverage',
    id: keyId(row.member_id, row.enrolled_from),
    status: 'active',
    type: { coding: [{ system: 'urn:oid:2.16.840.1.113883.3.221.5', code, display }], text: String(row.line_of_business) },
    beneficiary: member(row),
    payor: [{ display: 'the health plan' }],
    ...(product === 'other'
      ? {}
      : {
          class: [
            {
              type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'plan' }] },
              value: product.toUpperCase(),
              name: product.toUpperCase(),
            },
          ],
        }),
    period: period(row.enrolled_from, row.enrolled_to),
  };
}

export function episodeOfCareOf(row: ExportRow): EpisodeOfCare {
  return {
    resourceType: 'EpisodeOfCare',
    id: keyId(row.member_id, row.program, row.enrolled_on),
    status: s(row.disenrolled_on) ? 'finished' : 'active',
    type: [{ text: String(row.program) }],
    patient: member(row),
    period: period(row.enrolled_on, row.disenrolled_on),
  };
}

export function careTeamOf(row: ExportRow): CareTeam {
  return {
    resourceType: 'CareTeam',
    id: keyId(row.member_id, row.staff_id, row.assigned_on),
    status: s(row.unassigned_on) ? 'inactive' : 'active',
    subject: member(row),
    participant: [
      { member: byIdentifier('Practitioner', DIPLOMAT.staffId, row.staff_id), period: period(row.assigned_on, row.unassigned_on) },
    ],
  };
}
