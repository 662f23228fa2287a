// The schemas of cross-sector partnerships (seed 004; API validation, OpenAPI, web types): the
// charter with SMART goals and scope, member organizations and the pipeline, roles, commitments,
// disagreements, the multi-year plan, decisions with follow-ups, measures at three levels with
// their results and assessment calendar, and community engagement.
import { Type, type Static } from 'typebox';
import { DateString, Direction, Id, Nullable } from '../common.schema.js';
import { ASSESSMENT_CYCLES, COMMITMENT_STATUSES, MEASURE_LEVELS, PARTNERSHIP_ROLES, PIPELINE_STAGES } from '../ledger/vocabulary.js';

const Text = Type.String({ maxLength: 4000 });
const Line = Type.String({ minLength: 1, maxLength: 400 });
const Items = Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 });
const closed = { additionalProperties: false } as const;

export const PartnershipParams = Type.Object({ partnership_id: Id });
export const ItemParams = Type.Object({ partnership_id: Id, item_id: Id });
export const ResultParams = Type.Object({ partnership_id: Id, measure_id: Id, period: Type.String({ maxLength: 10 }) });

/** SMART: specific (statement), measurable (a measure, baseline, target), time-bound (by). */
export const Goal = Type.Object(
  {
    goal_id: Id,
    statement: Line,
    measure_id: Nullable(Id),
    baseline: Nullable(Type.Number()),
    target: Nullable(Type.Number()),
    by: Nullable(DateString),
  },
  closed,
);
export const Charter = Type.Object(
  {
    purpose: Text,
    impact: Text,
    vision: Text,
    values: Items,
    goals: Type.Array(Goal, { maxItems: 50 }),
    scope_in: Items,
    scope_out: Items,
  },
  closed,
);
export type Charter = Static<typeof Charter>;
const SegmentValues = Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 50 });
export const Area = Type.Object(
  {
    counties: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 200 }),
    zips: Type.Array(Type.String({ pattern: '^\\d{5}$' }), { maxItems: 500 }),
    /** Only these members of the area (members.csv values); none: everyone living there. */
    segments: Type.Optional(
      Type.Object(
        {
          language: Type.Optional(SegmentValues),
          race: Type.Optional(SegmentValues),
          ethnicity: Type.Optional(SegmentValues),
          risk_tier: Type.Optional(SegmentValues),
          sex: Type.Optional(SegmentValues),
        },
        closed,
      ),
    ),
  },
  closed,
);
export type Area = Static<typeof Area>;
export const PartnershipInput = Type.Object(
  { name: Line, starts_on: DateString, ends_on: Nullable(DateString), area: Area, charter: Charter },
  closed,
);
export type PartnershipInput = Static<typeof PartnershipInput>;

export const MemberInput = Type.Object(
  {
    stage: Type.Enum(PIPELINE_STAGES),
    strengths: Text,
    cannot_do_alone: Text,
    contributes: Text,
    goals: Text,
  },
  closed,
);
export const RoleInput = Type.Object(
  { role: Type.Enum(PARTNERSHIP_ROLES), person: Line, partner_id: Nullable(Id), responsibilities: Text },
  closed,
);
export const CommitmentInput = Type.Object(
  {
    partner_id: Id,
    what: Line,
    resources: Text,
    cost: Nullable(Type.Number({ minimum: 0 })),
    borne_by: Nullable(Type.String({ maxLength: 200 })),
    status: Type.Enum(COMMITMENT_STATUSES),
    due_on: Nullable(DateString),
  },
  closed,
);
export const DisagreementInput = Type.Object(
  { recorded_on: DateString, topic: Line, positions: Text, how_we_proceed: Type.String({ minLength: 1, maxLength: 4000 }) },
  closed,
);
export const PhaseInput = Type.Object(
  { ordinal: Type.Integer({ minimum: 1, maximum: 100 }), name: Line, starts_on: DateString, ends_on: DateString },
  closed,
);
export const ActivityInput = Type.Object(
  {
    phase_id: Id,
    title: Line,
    integrated: Type.Boolean({ description: 'done together (true) or by one organization on its own (false)' }),
    milestone: Type.Boolean(),
    owner_partner_id: Nullable(Id),
    starts_on: DateString,
    due_on: DateString,
    done_on: Nullable(DateString),
    depends_on: Type.Array(Id, { maxItems: 50 }),
  },
  closed,
);
export const ScopeChange = Type.Object({ add_in: Items, remove_in: Items, add_out: Items, remove_out: Items }, closed);
export const DecisionInput = Type.Object(
  {
    decided_on: DateString,
    summary: Type.String({ minLength: 1, maxLength: 4000 }),
    scope_change: Nullable(ScopeChange),
    follow_ups: Type.Array(Type.Object({ title: Line, partner_id: Id, owner_staff_id: Nullable(Id), due_on: DateString }, closed), {
      maxItems: 50,
    }),
  },
  closed,
);
export const MeasureInput = Type.Object(
  {
    level: Type.Enum(MEASURE_LEVELS),
    partner_id: Nullable(Id),
    name: Line,
    unit: Type.String({ maxLength: 40 }),
    direction: Direction,
    baseline: Nullable(Type.Number()),
    target: Nullable(Type.Number()),
    cycle: Type.Enum(ASSESSMENT_CYCLES),
    due_days: Type.Integer({ minimum: 0, maximum: 365, description: 'days after a period ends that its result is due' }),
    metric_key: Nullable(Type.String({ maxLength: 64, description: 'a scorecard metric computed for the area (population level)' })),
  },
  closed,
);
export const ResultInput = Type.Object({ value: Type.Number(), note: Nullable(Type.String({ maxLength: 2000 })) }, closed);
export const EngagementInput = Type.Object(
  {
    held_on: DateString,
    title: Line,
    participants: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    groups_heard: Items,
    what_we_heard: Text,
    what_changed: Text,
  },
  closed,
);

export type MemberInput = Static<typeof MemberInput>;
export type RoleInput = Static<typeof RoleInput>;
export type CommitmentInput = Static<typeof CommitmentInput>;
export type DisagreementInput = Static<typeof DisagreementInput>;
export type PhaseInput = Static<typeof PhaseInput>;
export type ActivityInput = Static<typeof ActivityInput>;
export type DecisionInput = Static<typeof DecisionInput>;
export type ScopeChange = Static<typeof ScopeChange>;
export type MeasureInput = Static<typeof MeasureInput>;
export type ResultInput = Static<typeof ResultInput>;
export type EngagementInput = Static<typeof EngagementInput>;

// What the workspace reads back: each input with its id and what the server works out.
const withId = <K extends string, P extends Record<string, unknown>>(key: K, props: P) =>
  Type.Object({ [key]: Type.String(), ...props } as { [k in K]: ReturnType<typeof Type.String> } & P);

export const FollowUpView = Type.Object({
  follow_up_id: Type.String(),
  decision_id: Nullable(Type.String()),
  partner_id: Type.String(),
  title: Type.String(),
  owner_staff_id: Nullable(Type.String()),
  due_on: Type.String(),
  done_on: Nullable(Type.String()),
  overdue: Type.Boolean(),
});
export const CalendarEntry = Type.Object({
  measure_id: Type.String(),
  period: Type.String(),
  due_on: Type.String(),
  status: Type.Union([Type.Literal('reported'), Type.Literal('computed'), Type.Literal('due'), Type.Literal('overdue')]),
});
export const ResultView = Type.Object({
  period: Type.String(),
  value: Nullable(Type.Number()),
  /** The same metric for the plan's members outside the area (bound measures only). */
  rest_of_plan: Nullable(Type.Number()),
  members: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  source: Type.Union([Type.Literal('reported'), Type.Literal('computed')]),
});
export const MeasureView = Type.Object({
  measure_id: Type.String(),
  ...MeasureInput.properties,
  results: Type.Array(ResultView),
  latest: Nullable(ResultView),
  /** Values are fractions shown as percentages (a bound scorecard rate). */
  percent: Type.Boolean(),
  /** Progress from baseline to target of the latest value, 0..1 (null without both). */
  progress: Nullable(Type.Number()),
});
export const PartnershipSummary = Type.Object({
  partnership_id: Type.String(),
  name: Type.String(),
  starts_on: Type.String(),
  ends_on: Nullable(Type.String()),
  members: Type.Integer(),
  overdue_milestones: Type.Integer(),
  overdue_results: Type.Integer(),
  open_follow_ups: Type.Integer(),
});
export const PartnershipList = Type.Object({ items: Type.Array(PartnershipSummary) });
export const Workspace = Type.Object({
  partnership_id: Type.String(),
  name: Type.String(),
  starts_on: Type.String(),
  ends_on: Nullable(Type.String()),
  area: Area,
  charter: Charter,
  members: Type.Array(Type.Object({ partner_id: Type.String(), name: Type.String(), kind: Type.String(), ...MemberInput.properties })),
  roles: Type.Array(withId('role_id', RoleInput.properties)),
  commitments: Type.Array(withId('commitment_id', CommitmentInput.properties)),
  disagreements: Type.Array(withId('disagreement_id', DisagreementInput.properties)),
  phases: Type.Array(withId('phase_id', PhaseInput.properties)),
  activities: Type.Array(Type.Object({ activity_id: Type.String(), ...ActivityInput.properties, overdue: Type.Boolean() })),
  decisions: Type.Array(Type.Object({ decision_id: Type.String(), ...DecisionInput.properties, follow_ups: Type.Array(FollowUpView) })),
  measures: Type.Array(MeasureView),
  calendar: Type.Array(CalendarEntry),
  engagements: Type.Array(withId('engagement_id', EngagementInput.properties)),
  today: Type.String(),
});
export type Workspace = Static<typeof Workspace>;
export type MeasureView = Static<typeof MeasureView>;
export type ResultView = Static<typeof ResultView>;
export type CalendarEntry = Static<typeof CalendarEntry>;
export type FollowUpView = Static<typeof FollowUpView>;
export type PartnershipSummary = Static<typeof PartnershipSummary>;

export const PacketQuery = Type.Object({ for: Id }, closed);
export const EquityParams = Type.Object({ partnership_id: Id, measure_id: Id });
export const EquityQuery = Type.Object(
  { period: Type.String({ maxLength: 10 }), by: Type.String({ maxLength: 32, description: 'an equity segment, e.g. race' }) },
  closed,
);
export const EquityList = Type.Object({
  items: Type.Array(Type.Object({ segment_value: Type.String(), members: Type.Integer(), value: Nullable(Type.Number()) })),
});
export const EXPORT_TABLES = ['commitments', 'activities', 'measures', 'results', 'decisions', 'follow_ups'] as const;
export const ExportParams = Type.Object({ partnership_id: Id, table: Type.Enum(EXPORT_TABLES) });
export const WorkItem = Type.Object({
  partnership_id: Type.String(),
  partnership: Type.String(),
  kind: Type.Union([Type.Literal('result'), Type.Literal('milestone'), Type.Literal('follow_up')]),
  what: Type.String(),
  owner: Nullable(Type.String()),
  due_on: Type.String(),
});
export const WorkItemList = Type.Object({ items: Type.Array(WorkItem) });
export type WorkItem = Static<typeof WorkItem>;

export const CsvImportParams = Type.Object({
  partnership_id: Id,
  table: Type.Union([Type.Literal('results'), Type.Literal('commitments'), Type.Literal('activities')]),
});
export const CsvImportBody = Type.Object({ csv: Type.String({ maxLength: 10_000_000, description: 'CSV with a header row' }) }, closed);
export const CsvImportReport = Type.Object({
  accepted: Type.Integer(),
  rejected: Type.Array(Type.Object({ line: Type.Integer(), column: Type.String(), reason: Type.String() })),
});
