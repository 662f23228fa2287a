// The shape of the synthetic plan: population mix, propensities and seasonality. Chosen so each
// metric lands near its research benchmark with visible differences between months, lines of
// business and equity segments (language and county gaps in reach), as a real plan would show.

export const LOB_MIX = [
  ['medicaid', 55],
  ['commercial', 25],
  ['dual', 10],
  ['medicare', 10],
] as const;

export const PRODUCT_MIX: Record<string, readonly (readonly [string, number])[]> = {
  medicaid: [
    ['hmo', 80],
    ['ppo', 10],
    ['other', 10],
  ],
  commercial: [
    ['hmo', 40],
    ['ppo', 50],
    ['other', 10],
  ],
  dual: [
    ['hmo', 60],
    ['ppo', 30],
    ['other', 10],
  ],
  medicare: [
    ['hmo', 55],
    ['ppo', 40],
    ['other', 5],
  ],
};

/** Age bands by line of business, as [minAge, maxAge, weight]. */
export const AGE_MIX: Record<string, readonly (readonly [readonly [number, number], number])[]> = {
  medicaid: [
    [[0, 17], 40],
    [[18, 44], 45],
    [[45, 64], 15],
  ],
  commercial: [
    [[0, 17], 25],
    [[18, 44], 50],
    [[45, 64], 25],
  ],
  dual: [
    [[21, 64], 30],
    [[65, 95], 70],
  ],
  medicare: [
    [[45, 64], 10],
    [[65, 98], 90],
  ],
};

export const HIGH_RISK_SHARE: Record<string, number> = { medicaid: 0.13, commercial: 0.08, dual: 0.38, medicare: 0.27 };

export const RACE_MIX = [
  ['white', 55],
  ['black', 18],
  ['asian', 7],
  ['american_indian', 2],
  ['other', 8],
  [null, 10],
] as const;
export const ETHNICITY_MIX = [
  ['not_hispanic', 72],
  ['hispanic', 20],
  [null, 8],
] as const;
export const LANGUAGE_MIX = [
  ['en', 78],
  ['es', 14],
  ['vi', 3],
  ['zh', 2],
  ['other', 2],
  [null, 1],
] as const;
export const SEX_MIX = [
  ['F', 52],
  ['M', 47],
  [null, 1],
] as const;

/** Counties with their weight and whether they are rural (fewer in-person touches, lower reach). */
export const COUNTIES = [
  ['King', 38, false],
  ['Pierce', 20, false],
  ['Snohomish', 15, false],
  ['Spokane', 12, false],
  ['Yakima', 9, true],
  ['Okanogan', 6, true],
] as const;

/** How much more (or less) of the plan's effort a month gets: more in winter, less in summer. */
export const SEASON = [1.15, 1.1, 1.05, 0.95, 0.9, 0.8, 0.8, 0.9, 1.0, 1.1, 1.15, 0.95];

/** The plan reaches some members less: the equity gaps the dashboard should reveal. */
export function reachFactor(language: string | null, rural: boolean, age: number): number {
  let f = 1;
  if (language && language !== 'en') f *= 0.7;
  if (rural) f *= 0.8;
  if (age >= 18 && age <= 30) f *= 0.85;
  return f;
}

export const OUTCOMES_PHONE = [
  ['reached', 24],
  ['completed', 6],
  ['declined', 4],
  ['no_answer', 34],
  ['left_message', 22],
  ['wrong_number', 7],
  ['other', 3],
] as const;

export const OUTCOMES_WRITTEN = [
  ['reached', 30],
  ['undeliverable', 8],
  ['other', 62],
] as const;

export const MINUTES: Record<string, readonly [number, number]> = {
  outreach: [4, 15],
  hra_call: [25, 45],
  chw_visit: [40, 90],
  campaign_touch: [0, 2],
  transportation: [8, 20],
  cost_guidance: [15, 30],
  renewal_guidance: [20, 40],
  pcp_appointment: [8, 15],
  in_person_visit: [60, 120],
  claim_dispute_resolved: [30, 90],
};

export const PROGRAMS = ['diabetes', 'heart_failure', 'copd', 'maternity', 'behavioral_health'];

export const PARTNER_KINDS = [
  ['provider', 40],
  ['community', 30],
  ['public_health', 10],
  ['payer', 10],
  ['other', 10],
] as const;
