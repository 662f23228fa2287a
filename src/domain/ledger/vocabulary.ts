// The ledger's controlled vocabulary (SPEC.md §2), shared by the importer, the metrics and the API.

export const PRINCIPLES = [1, 2, 3, 4] as const;
export type Principle = (typeof PRINCIPLES)[number];

export const PRINCIPLE_NAMES: Readonly<Record<Principle, string>> = {
  1: 'Establish a lasting rapport',
  2: 'Create a coalition',
  3: 'Provide safe passage',
  4: 'Deploy power selectively',
};

export const ACTION_PRINCIPLE = {
  outreach: 1,
  hra_call: 1,
  chw_visit: 2,
  campaign_touch: 2,
  transportation: 3,
  cost_guidance: 3,
  renewal_guidance: 3,
  pcp_appointment: 4,
  in_person_visit: 4,
  claim_dispute_resolved: 4,
} as const satisfies Record<string, Principle>;

export type ActionType = keyof typeof ACTION_PRINCIPLE;
export const ACTION_TYPES = Object.keys(ACTION_PRINCIPLE) as ActionType[];

export const OUTCOMES = [
  'reached',
  'completed',
  'declined',
  'no_answer',
  'left_message',
  'wrong_number',
  'undeliverable',
  'scheduled',
  'resolved',
  'other',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A contact attempt is outreach or an HRA call, whatever its outcome. */
export const CONTACT_ATTEMPT_TYPES: readonly ActionType[] = ['outreach', 'hra_call'];
/** A successful contact is a contact attempt that reached the member. */
export const SUCCESSFUL_OUTCOMES: readonly Outcome[] = ['reached', 'completed', 'declined'];

export function actionTypesOf(principle: Principle): ActionType[] {
  return ACTION_TYPES.filter((t) => ACTION_PRINCIPLE[t] === principle);
}

/** Lines of business of an enrollment (SPEC.md §1, enrollments.csv). */
export const LINES_OF_BUSINESS = ['medicaid', 'commercial', 'dual', 'medicare'] as const;
export type LineOfBusiness = (typeof LINES_OF_BUSINESS)[number];

export const PRODUCTS = ['hmo', 'ppo', 'other'] as const;

export const RISK_TIERS = ['high', 'low'] as const;
export type RiskTier = (typeof RISK_TIERS)[number];

export const PCP_ASSIGNMENTS = ['auto', 'member_choice', 'none'] as const;

export const CHANNELS = ['phone', 'sms', 'email', 'mail', 'portal', 'video', 'in_person'] as const;

/** What members do themselves (member_activity.csv): context for the plan's actions. */
export const ACTIVITY_TYPES = ['portal_login', 'online_tool_use'] as const;

export const STAFF_ROLES = ['case_manager', 'chw', 'social_worker', 'care_coordinator', 'nurse', 'navigator', 'other'] as const;

export const PARTNER_KINDS = ['provider', 'community', 'public_health', 'payer', 'other'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];
/** The kinds that make a campaign a coalition with the community (principle 2). */
export const COMMUNITY_PARTNER_KINDS: readonly PartnerKind[] = ['community', 'public_health'];

/** Where a value stands against its research benchmark. */
export const STATUSES = ['below', 'within', 'above'] as const;
export type Status = (typeof STATUSES)[number];

export const IMPORT_JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number];

// Partner relationships (SPEC.md §7).
export const ATTRIBUTION_BASES = ['assignment', 'claims', 'member_choice', 'contract', 'other'] as const;
export const ARRANGEMENTS = [
  'fee_for_service',
  'pay_for_performance',
  'shared_savings',
  'shared_risk',
  'capitation',
  'grant',
  'mou',
] as const;
export type Arrangement = (typeof ARRANGEMENTS)[number];
export const MEASURE_SOURCES = ['scorecard', 'reported'] as const;
export type MeasureSource = (typeof MEASURE_SOURCES)[number];
export const DIRECTIONS = ['higher', 'lower'] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const TOUCHPOINT_KINDS = ['formal', 'informal'] as const;
export const TOUCHPOINT_TYPES = [
  'scorecard_review',
  'joint_operating_committee',
  'contract_negotiation',
  'meeting',
  'call',
  'site_visit',
  'event',
  'email',
  'other',
] as const;
export const HEALTH_STATUSES = ['good', 'at_risk', 'poor'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

// Cross-sector partnerships (seed 004, issue 14).
export const PIPELINE_STAGES = ['identified', 'approached', 'taking_stock', 'committed'] as const;
export const PARTNERSHIP_ROLES = ['facilitator', 'project_manager', 'sponsor', 'other'] as const;
export const COMMITMENT_STATUSES = ['proposed', 'agreed', 'in_progress', 'delivered', 'withdrawn'] as const;
export const MEASURE_LEVELS = ['population', 'partnership', 'organization'] as const;
export const ASSESSMENT_CYCLES = ['month', 'quarter', 'year'] as const;
