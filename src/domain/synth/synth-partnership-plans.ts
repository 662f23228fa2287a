// The shape of the demo's partnerships as data (synth-partnership-*.ts): who is in them, what they
// committed to, their plans, decisions, measures and community meetings. Days are offsets from the
// partnership's start (or from today for commitments), so synth-partnerships.ts can place them
// relative to the day the demo runs.
import type { Charter, CommitmentInput, MeasureInput, MemberInput, RoleInput, ScopeChange } from '../partnerships/partnerships.schema.js';

type Measure = Omit<MeasureInput, 'baseline' | 'target'> & { id: string; baseline: number; target: number; pace: number; late: boolean };

export interface DemoPartnership {
  id: string;
  name: string;
  ageDays: number;
  area: { counties: string[]; zips: string[] };
  charter: Omit<Charter, 'goals'>;
  goals: { goal_id: string; statement: string; measure_id: string; baseline: number; target: number; by_days: number }[];
  members: (MemberInput & { partner_id: string })[];
  roles: RoleInput[];
  commitments: (Omit<CommitmentInput, 'due_on'> & { due_in: number | null })[];
  disagreements: { topic: string; positions: string; how_we_proceed: string; after_days: number }[];
  phases: string[];
  activities: {
    id: string;
    phase: string;
    title: string;
    integrated: boolean;
    milestone: boolean;
    owner: string | null;
    start: number;
    length: number;
    done: boolean;
    depends_on: string[];
  }[];
  decisions: {
    after_days: number;
    summary: string;
    scope_change: ScopeChange | null;
    follow_ups: { title: string; partner_id: string; due_days: number }[];
  }[];
  measures: Measure[];
  engagements: {
    title: string;
    participants: number;
    groups_heard: string[];
    what_we_heard: string;
    what_changed: string;
    after_days: number;
  }[];
}

export const member = (
  partner_id: string,
  stage: MemberInput['stage'],
  strengths: string,
  contributes: string,
  cannot: string,
  goals: string,
): DemoPartnership['members'][number] => ({
  partner_id,
  stage,
  strengths,
  contributes,
  cannot_do_alone: cannot,
  goals,
});
export const measure = (m: Partial<Measure> & Pick<Measure, 'id' | 'level' | 'name' | 'cycle'>): Measure => ({
  partner_id: null,
  unit: '',
  direction: 'higher',
  baseline: 0,
  target: 0,
  due_days: 30,
  metric_key: null,
  pace: 0.8,
  late: false,
  ...m,
});

type Activity = DemoPartnership['activities'][number];
/** An activity in one line: id, phase, title, integrated?, milestone?, owner, start day, length in days, done?, dependencies. */
export const activity = (
  id: string,
  phase: string,
  title: string,
  [integrated, milestone, done]: [boolean, boolean, boolean],
  owner: string | null,
  [start, length]: [number, number],
  depends_on: string[] = [],
): Activity => ({ id, phase, title, integrated, milestone, owner, start, length, done, depends_on });
