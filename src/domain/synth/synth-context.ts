// What every step of writing a synthetic plan shares: the random stream (one stream, drawn in a
// fixed order, so the same seed writes the same bytes), the open file writers, the year's months,
// and the organizations members are served by.
import type { FileName } from '../import/file-specs.js';
import type { CsvWriter } from './csv-writer.js';
import type { Random } from './random.js';

export interface Month {
  y: number;
  m: number;
  index: number;
  season: number;
}

export const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
export const ymd = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;
export const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The staff each kind of action is drawn from. */
export interface StaffPools {
  highCms: string[];
  lowCms: string[];
  chws: string[];
  socialWorkers: string[];
  nurses: string[];
  navigators: string[];
  coordinators: string[];
  partnerVisitors: string[];
  outreach: string[];
}

export interface Organizations {
  partners: { id: string; kind: string }[];
  community: { id: string; kind: string }[];
  providers: { id: string; kind: string }[];
  staff: StaffPools;
  campaigns: { id: string; startIdx: number; endIdx: number }[];
}

export interface PlanContext {
  rnd: Random;
  /** The partner side's own stream (synth-relationships.ts): adding to it leaves members and actions as they were. */
  prnd: Random;
  w: Record<FileName, CsvWriter>;
  /** The twelve months of plan actions, oldest first. */
  months: Month[];
  /** The first day of the year of actions, YYYY-MM-DD. */
  start: string;
  intensity: number;
  members: number;
  seq: { staff: number; action: number; activity: number };
}
