// The FHIR codes Diplomat reads and writes, and its own code systems and extensions. Every rule
// that turns a FHIR coding into a Diplomat value is here, so docs/fhir.md can list them from one place.
import type { CodeableConcept, Coding, Extension, Identifier } from 'fhir/r4.js';
import { ACTION_TYPES, OUTCOMES, STAFF_ROLES, type LineOfBusiness } from '../../ledger/vocabulary.js';

/** Diplomat's own systems: URNs, so no host is named and nothing resolves over a network. */
export const DIPLOMAT = {
  memberId: 'urn:diplomat:member-id',
  staffId: 'urn:diplomat:staff-id',
  partnerId: 'urn:diplomat:partner-id',
  actionId: 'urn:diplomat:action-id',
  actionType: 'urn:diplomat:CodeSystem:action-type',
  outcome: 'urn:diplomat:CodeSystem:action-outcome',
  staffRole: 'urn:diplomat:CodeSystem:staff-role',
  riskTier: 'urn:diplomat:StructureDefinition:risk-tier',
  personalized: 'urn:diplomat:StructureDefinition:personalized',
  minutes: 'urn:diplomat:StructureDefinition:minutes',
  campaign: 'urn:diplomat:StructureDefinition:campaign',
  actionOutcome: 'urn:diplomat:StructureDefinition:action-outcome',
  partner: 'urn:diplomat:StructureDefinition:partner',
  channel: 'urn:diplomat:StructureDefinition:channel',
  metric: 'urn:diplomat:Measure',
} as const;

export const US_CORE_RACE = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-race';
export const US_CORE_ETHNICITY = 'http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity';
export const NPI = 'http://hl7.org/fhir/sid/us-npi';
const V2_0203 = 'http://terminology.hl7.org/CodeSystem/v2-0203';
const ORGANIZATION_TYPE = 'http://terminology.hl7.org/CodeSystem/organization-type';
const PARTICIPATION_MODE = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationMode';
/** Source of Payment Typology (PHDSC), the payer codes of US Core Coverage. */
const PAYER_TYPOLOGY = 'urn:oid:2.16.840.1.113883.3.221.5';

/** OMB race categories (CDC Race & Ethnicity codes) → the values the scorecard segments by. */
const RACE = new Map([
  ['1002-5', 'american_indian'],
  ['2028-9', 'asian'],
  ['2054-5', 'black'],
  ['2076-8', 'pacific_islander'],
  ['2106-3', 'white'],
  ['2131-1', 'other'],
]);
const ETHNICITY = new Map([
  ['2135-2', 'hispanic'],
  ['2186-5', 'not_hispanic'],
]);

const ombCodes = (extensions: readonly Extension[] | undefined, url: string): string[] =>
  (extensions?.find((e) => e.url === url)?.extension ?? [])
    .filter((e) => e.url === 'ombCategory' && e.valueCoding?.code)
    .map((e) => e.valueCoding!.code!);

/** US Core race: one OMB category → its value; two or more → `multiple`; none (or asked but unknown) → null. */
export function raceOf(extensions: readonly Extension[] | undefined): string | null {
  const known = [
    ...new Set(
      ombCodes(extensions, US_CORE_RACE)
        .map((c) => RACE.get(c))
        .filter((v) => v !== undefined),
    ),
  ];
  if (known.length === 0) return null;
  return known.length === 1 ? known[0]! : 'multiple';
}

export function ethnicityOf(extensions: readonly Extension[] | undefined): string | null {
  for (const code of ombCodes(extensions, US_CORE_ETHNICITY)) {
    const value = ETHNICITY.get(code);
    if (value) return value;
  }
  return null;
}

/** Patient.gender → members.sex as the CSV files write it. */
export function sexOf(gender: string | undefined): string | null {
  if (gender === 'female') return 'F';
  if (gender === 'male') return 'M';
  return gender === 'other' ? 'other' : null;
}

/** A BCP-47 tag's language (`en-US` → `en`). */
export function languageOf(concept: CodeableConcept | undefined): string | null {
  const code = concept?.coding?.find((c) => c.code)?.code;
  return code ? code.split('-')[0]!.toLowerCase() : null;
}

export const codingIn = (concepts: readonly (CodeableConcept | undefined)[], system: string): Coding | undefined =>
  concepts.flatMap((c) => c?.coding ?? []).find((c) => c.system === system && c.code);

/** Identifier of a v2-0203 type (`MB` member number, `MR` medical record number). */
export const identifierOfType = (ids: readonly Identifier[] | undefined, type: string): Identifier | undefined =>
  ids?.find((i) => i.value && i.type?.coding?.some((c) => c.system === V2_0203 && c.code === type));

export const identifierOfSystem = (ids: readonly Identifier[] | undefined, system: string): Identifier | undefined =>
  ids?.find((i) => i.system === system && i.value);

/** Organization.type → partners.kind. */
export function partnerKindOf(types: readonly CodeableConcept[] | undefined): string {
  const codes = (types ?? [])
    .flatMap((t) => t.coding ?? [])
    .filter((c) => c.system === ORGANIZATION_TYPE)
    .map((c) => c.code);
  if (codes.includes('prov')) return 'provider';
  if (codes.includes('pay') || codes.includes('ins')) return 'payer';
  if (codes.includes('govt')) return 'public_health';
  if (codes.includes('cg') || codes.includes('reli')) return 'community';
  return 'other';
}

const ROLE_WORDS: readonly [RegExp, string][] = [
  [/community health worker|\bchw\b/i, 'chw'],
  [/social work/i, 'social_worker'],
  [/case manag/i, 'case_manager'],
  [/care coordinat/i, 'care_coordinator'],
  [/navigator/i, 'navigator'],
  [/nurse|\brn\b/i, 'nurse'],
];

/** PractitionerRole.code → staff.role: Diplomat's staff-role code, else words of the code's text; null when neither says. */
export function staffRoleOf(codes: readonly CodeableConcept[] | undefined): string | null {
  const own = codingIn(codes ?? [], DIPLOMAT.staffRole)?.code;
  if (own && (STAFF_ROLES as readonly string[]).includes(own)) return own;
  const words = (codes ?? []).flatMap((c) => [c.text ?? '', ...(c.coding ?? []).map((k) => k.display ?? '')]).join(' ');
  for (const [pattern, role] of ROLE_WORDS) if (pattern.test(words)) return role;
  return null;
}

/** Communication.medium (v3 ParticipationMode) → actions.channel. */
const CHANNEL = new Map([
  ['PHONE', 'phone'],
  ['SMSWRIT', 'sms'],
  ['EMAILWRIT', 'email'],
  ['MAILWRIT', 'mail'],
  ['ONLINEWRIT', 'portal'],
  ['VIDEOCONF', 'video'],
  ['FACE', 'in_person'],
]);

const CHANNEL_CODE = new Map([...CHANNEL].map(([code, channel]) => [channel, code]));

/** actions.channel → Communication.medium. */
export function mediumOf(channel: unknown): CodeableConcept[] | undefined {
  const code = typeof channel === 'string' ? CHANNEL_CODE.get(channel) : undefined;
  return code ? [{ coding: [{ system: PARTICIPATION_MODE, code }] }] : undefined;
}

export const channelOf = (media: readonly CodeableConcept[] | undefined): string | null => {
  const code = codingIn(media ?? [], PARTICIPATION_MODE)?.code;
  return (code && CHANNEL.get(code)) ?? null;
};

/** Diplomat's action-type code in any of these concepts. */
export function actionTypeIn(concepts: readonly (CodeableConcept | undefined)[]): string | null {
  const code = codingIn(concepts, DIPLOMAT.actionType)?.code;
  return code && (ACTION_TYPES as readonly string[]).includes(code) ? code : null;
}

export function outcomeIn(extensions: readonly Extension[] | undefined): string | null {
  const code = extensions?.find((e) => e.url === DIPLOMAT.actionOutcome)?.valueCoding?.code;
  return code && (OUTCOMES as readonly string[]).includes(code) ? code : null;
}

export type Coverage = { lob: LineOfBusiness; product: 'hmo' | 'ppo' | 'other' } | { lob: 'none' } | null;

/**
 * Line of business and product of a coverage, from the payer-typology code where there is one,
 * else from the words of its type, class and payor (Synthea writes `medicaid`, `medicare`,
 * `private`, `no_insurance`). `none`: uninsured; null: the coverage does not say.
 */
export function coverageOf(type: CodeableConcept | undefined, words: readonly (string | undefined)[]): Coverage {
  const all = [type?.text, ...(type?.coding ?? []).map((c) => c.display), ...words].filter(Boolean).join(' ').toLowerCase();
  const product = /\bhmo\b/.test(all) ? 'hmo' : /\bppo\b/.test(all) ? 'ppo' : 'other';
  const sop = codingIn([type], PAYER_TYPOLOGY)?.code;
  if (sop) {
    if (sop.startsWith('14')) return { lob: 'dual', product };
    if (sop.startsWith('1')) return { lob: 'medicare', product };
    if (sop.startsWith('2')) return { lob: 'medicaid', product };
    if (sop === '511' || sop.startsWith('5') || sop.startsWith('6') || sop.startsWith('7')) {
      return { lob: 'commercial', product: sop === '511' ? 'hmo' : sop === '512' ? 'ppo' : product };
    }
    if (sop.startsWith('8')) return { lob: 'none' };
  }
  if (/\bdual|medi-medi|\bmmp\b|d-snp/.test(all)) return { lob: 'dual', product };
  if (/medicaid|\bchip\b|medi-cal/.test(all)) return { lob: 'medicaid', product };
  if (/medicare/.test(all)) return { lob: 'medicare', product };
  if (/no_insurance|no insurance|uninsured|self.?pay/.test(all)) return { lob: 'none' };
  if (/private|commercial|employer|marketplace|exchange|\bhmo\b|\bppo\b/.test(all)) return { lob: 'commercial', product };
  return null;
}
