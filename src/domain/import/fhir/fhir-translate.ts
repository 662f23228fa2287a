// Which resource types Diplomat imports, in the order that lets references resolve (the
// resources others refer to first), and where each Diplomat column comes from in FHIR (for the
// locations of rejects).
import { translateAppointment, translateCommunication, translateQuestionnaireResponse, translateTask } from './fhir-translate-actions.js';
import { translateCareTeam, translateCoverage, translateEpisodeOfCare, translateExplanationOfBenefit } from './fhir-translate-care.js';
import { translateOrganization, translatePatient, translatePractitioner, translatePractitionerRole } from './fhir-translate-people.js';
import type { Translator } from './fhir-translate-types.js';

export const TRANSLATORS: Readonly<Record<string, Translator>> = {
  Organization: translateOrganization,
  PractitionerRole: translatePractitionerRole,
  Practitioner: translatePractitioner,
  Patient: translatePatient,
  Coverage: translateCoverage,
  ExplanationOfBenefit: translateExplanationOfBenefit,
  CareTeam: translateCareTeam,
  EpisodeOfCare: translateEpisodeOfCare,
  Communication: translateCommunication,
  Task: translateTask,
  Appointment: translateAppointment,
  QuestionnaireResponse: translateQuestionnaireResponse,
};

const ORDER = Object.keys(TRANSLATORS);

/** Sort key of a resource type: imported types in dependency order, the others after. */
export const typeRank = (type: string): number => {
  const at = ORDER.indexOf(type);
  return at < 0 ? ORDER.length : at;
};

/** Where a Diplomat column comes from, per resource type: a reject of that column points here. */
export const COLUMN_PATHS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Patient: {
    member_id: 'Patient.identifier',
    birth_date: 'Patient.birthDate',
    sex: 'Patient.gender',
    race: 'Patient.extension(us-core-race)',
    ethnicity: 'Patient.extension(us-core-ethnicity)',
    language: 'Patient.communication.language',
    county: 'Patient.address.district',
    zip: 'Patient.address.postalCode',
    risk_tier: 'Patient.extension(risk-tier)',
    phone: 'Patient.telecom',
    email: 'Patient.telecom',
  },
  Organization: { partner_id: 'Organization.identifier', name: 'Organization.name', kind: 'Organization.type' },
  Practitioner: {
    staff_id: 'Practitioner.identifier',
    name: 'Practitioner.name',
    role: 'PractitionerRole.code',
    partner_id: 'PractitionerRole.organization',
    hired_on: 'PractitionerRole.period.start',
    left_on: 'PractitionerRole.period.end',
  },
  Coverage: {
    member_id: 'Coverage.beneficiary',
    line_of_business: 'Coverage.type',
    product: 'Coverage.class',
    enrolled_from: 'Coverage.period.start',
    enrolled_to: 'Coverage.period.end',
  },
  ExplanationOfBenefit: {
    member_id: 'ExplanationOfBenefit.patient',
    line_of_business: 'ExplanationOfBenefit.contained(Coverage).type',
    enrolled_from: 'ExplanationOfBenefit.billablePeriod.start',
    enrolled_to: 'ExplanationOfBenefit.billablePeriod.end',
  },
  CareTeam: {
    member_id: 'CareTeam.subject',
    staff_id: 'CareTeam.participant.member',
    assigned_on: 'CareTeam.participant.period.start',
    unassigned_on: 'CareTeam.participant.period.end',
  },
  EpisodeOfCare: {
    member_id: 'EpisodeOfCare.patient',
    program: 'EpisodeOfCare.type',
    enrolled_on: 'EpisodeOfCare.period.start',
    disenrolled_on: 'EpisodeOfCare.period.end',
  },
  Communication: {
    member_id: 'Communication.subject',
    occurred_at: 'Communication.sent',
    staff_id: 'Communication.sender',
    partner_id: 'Communication.sender',
  },
  Task: { member_id: 'Task.for', occurred_at: 'Task.executionPeriod.start', staff_id: 'Task.owner', partner_id: 'Task.owner' },
  Appointment: {
    member_id: 'Appointment.participant.actor',
    occurred_at: 'Appointment.created',
    staff_id: 'Appointment.participant.actor',
  },
  QuestionnaireResponse: {
    member_id: 'QuestionnaireResponse.subject',
    occurred_at: 'QuestionnaireResponse.authored',
    staff_id: 'QuestionnaireResponse.author',
  },
};

const ACTION_EXTENSIONS: Readonly<Record<string, string>> = {
  action_id: 'identifier',
  action_type: 'code',
  channel: 'medium',
  outcome: 'extension(action-outcome)',
  personalized: 'extension(personalized)',
  minutes: 'extension(minutes)',
  campaign_id: 'extension(campaign)',
};

/** The FHIRPath-like location of a Diplomat column of a row made from a `type` resource. */
export function columnPath(type: string, column: string): string {
  return COLUMN_PATHS[type]?.[column] ?? (ACTION_EXTENSIONS[column] ? `${type}.${ACTION_EXTENSIONS[column]}` : type);
}
