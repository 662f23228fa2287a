// Patient → members, Organization → partners, Practitioner (with its PractitionerRoles) → staff.
// Each also registers the ways other resources refer to it (fhir-references.ts).
import type { ContactPoint, HumanName, Identifier, Organization, Patient, Practitioner, PractitionerRole, Reference } from 'fhir/r4.js';
import {
  DIPLOMAT,
  NPI,
  ethnicityOf,
  identifierOfSystem,
  identifierOfType,
  languageOf,
  partnerKindOf,
  raceOf,
  sexOf,
  staffRoleOf,
} from './fhir-codes.js';
import type { ReadResource } from './fhir-sources.js';
import { dateOf, ignore, reject, rows, str, type RoleFacts, type TranslateContext, type Translation } from './fhir-translate-types.js';

const nameOf = (names: readonly HumanName[] | undefined): string | null => {
  const name = names?.find((n) => n.use === 'official') ?? names?.[0];
  if (!name) return null;
  return str(name.text) ?? str([...(name.given ?? []), name.family ?? ''].join(' '));
};

const contact = (telecom: readonly ContactPoint[] | undefined, system: 'phone' | 'email'): string | null =>
  str(telecom?.find((t) => t.system === system && t.value && t.use !== 'old')?.value);

/**
 * A member's id: Diplomat's own member-id identifier, else the member number (v2-0203 `MB`), else
 * the medical record number (`MR`), else the resource id. Business identifiers first: a
 * transaction Bundle's resource ids are the sender's, not stable ones.
 */
export function memberIdOf(patient: Patient): string | null {
  const ids = patient.identifier;
  return str(
    identifierOfSystem(ids, DIPLOMAT.memberId)?.value ??
      identifierOfType(ids, 'MB')?.value ??
      identifierOfType(ids, 'MR')?.value ??
      patient.id,
  );
}

/** A staff member's or partner's id: Diplomat's own, else the NPI, else the resource id. */
function providerIdOf(ids: readonly Identifier[] | undefined, own: string, resourceId: string | undefined): string | null {
  return str(identifierOfSystem(ids, own)?.value ?? identifierOfSystem(ids, NPI)?.value ?? resourceId);
}

export function translatePatient(read: ReadResource, ctx: TranslateContext): Translation {
  const patient = read.resource as unknown as Patient;
  const memberId = memberIdOf(patient);
  if (!memberId) return reject('Patient.identifier', 'gives no member id (no identifier and no id)');
  ctx.refs.add('Patient', memberId, read.resource, read.fullUrl);
  const tier = patient.extension?.find((e) => e.url === DIPLOMAT.riskTier)?.valueCode ?? null;
  const address = patient.address?.find((a) => a.use === 'home') ?? patient.address?.[0];
  const preferred = patient.communication?.find((c) => c.preferred) ?? patient.communication?.[0];
  return rows({
    file: 'members',
    values: {
      member_id: memberId,
      birth_date: dateOf(patient.birthDate),
      sex: sexOf(patient.gender),
      race: raceOf(patient.extension),
      ethnicity: ethnicityOf(patient.extension),
      language: languageOf(preferred?.language),
      county: str(address?.district),
      zip: str(address?.postalCode),
      // Empty: filled from the stored member, or `low` for a new one (fhir-import.service.ts).
      risk_tier: tier,
      phone: contact(patient.telecom, 'phone'),
      email: contact(patient.telecom, 'email'),
    },
  });
}

export function translateOrganization(read: ReadResource, ctx: TranslateContext): Translation {
  const org = read.resource as unknown as Organization;
  const partnerId = providerIdOf(org.identifier, DIPLOMAT.partnerId, org.id);
  if (!partnerId) return reject('Organization.identifier', 'gives no partner id (no identifier and no id)');
  const name = str(org.name);
  if (!name) return reject('Organization.name', 'is required (partners.csv needs a name)');
  ctx.refs.add('Organization', partnerId, read.resource, read.fullUrl);
  return rows({ file: 'partners', values: { partner_id: partnerId, name, kind: partnerKindOf(org.type) } });
}

/** The keys a reference to a practitioner may be written with, to find its roles again. */
function practitionerKeys(read: ReadResource): string[] {
  const p = read.resource as unknown as Practitioner;
  const keys = p.id ? [`Practitioner/${p.id}`] : [];
  if (read.fullUrl) keys.push(read.fullUrl);
  for (const i of p.identifier ?? []) if (i.value) keys.push(`Practitioner?identifier=${i.system ? `${i.system}|` : ''}${i.value}`);
  return keys;
}

const referenceKey = (ref: Reference | undefined): string | null =>
  ref?.reference ??
  (ref?.identifier?.value
    ? `Practitioner?identifier=${ref.identifier.system ? `${ref.identifier.system}|` : ''}${ref.identifier.value}`
    : null);

export function translatePractitionerRole(read: ReadResource, ctx: TranslateContext): Translation {
  const role = read.resource as unknown as PractitionerRole;
  const key = referenceKey(role.practitioner);
  if (!key) return ignore('names no practitioner');
  let partnerId: string | null = null;
  if (role.organization) {
    const org = ctx.refs.resolve(role.organization, 'Organization');
    if ('problem' in org) return reject('PractitionerRole.organization', org.problem);
    partnerId = org.id;
  }
  const facts: RoleFacts = { role: staffRoleOf(role.code), partnerId, start: dateOf(role.period?.start), end: dateOf(role.period?.end) };
  // Several roles: the first that says a role wins; the earliest start and latest end span them.
  const before = ctx.roles.get(key);
  ctx.roles.set(
    key,
    before
      ? {
          role: before.role ?? facts.role,
          partnerId: before.partnerId ?? facts.partnerId,
          start: [before.start, facts.start].filter(Boolean).sort()[0] ?? null,
          end: before.end && facts.end ? [before.end, facts.end].sort()[1]! : null,
        }
      : facts,
  );
  return { kind: 'used' };
}

export function translatePractitioner(read: ReadResource, ctx: TranslateContext): Translation {
  const p = read.resource as unknown as Practitioner;
  const staffId = providerIdOf(p.identifier, DIPLOMAT.staffId, p.id);
  if (!staffId) return reject('Practitioner.identifier', 'gives no staff id (no identifier and no id)');
  ctx.refs.add('Practitioner', staffId, read.resource, read.fullUrl);
  const facts = practitionerKeys(read)
    .map((k) => ctx.roles.get(k))
    .find(Boolean);
  return rows({
    file: 'staff',
    values: {
      staff_id: staffId,
      name: nameOf(p.name),
      // Empty role or start: filled from the stored staff member, or `other` and the import's date (fhir-import.service.ts).
      role: facts?.role ?? null,
      partner_id: facts?.partnerId ?? null,
      hired_on: facts?.start ?? null,
      left_on: facts?.end ?? null,
    },
  });
}
