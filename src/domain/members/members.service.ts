// Members: search and one member's whole record (coverage, programs, caseload, timeline).
import type { Db } from '../../db/connect.js';
import { DomainError } from '../errors.js';
import { listMembers, memberRecord, memberTotal, type MemberFilters, type MemberListRow } from './members.queries.js';
import type { MemberDetail } from './members.schema.js';

export interface MemberPage {
  items: MemberListRow[];
  /** Where the next page starts; null on the last page. */
  next: { after: string } | null;
}

export async function searchMembers(db: Db, filters: MemberFilters & { limit?: number }, after?: string): Promise<MemberPage> {
  const limit = filters.limit ?? 50;
  const rows = await listMembers(db.kysely, filters, after, limit + 1);
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? { after: items[items.length - 1]!.member_id } : null };
}

const iso = (d: Date | string): string => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export async function getMember(db: Db, memberId: string, timelineLimit = 500): Promise<MemberDetail> {
  const record = await memberRecord(db.kysely, memberId, timelineLimit);
  if (!record) throw new DomainError('not_found', 'no such member');
  const timeline: MemberDetail['timeline'] = [
    ...record.actions.map((a) => ({
      kind: 'action' as const,
      id: a.action_id,
      type: a.action_type,
      occurred_at: iso(a.occurred_at),
      staff_id: a.staff_id,
      staff_name: a.staff_name ?? null,
      channel: a.channel,
      outcome: a.outcome,
      personalized: a.personalized,
      campaign_id: a.campaign_id,
      minutes: a.minutes,
      voided: a.voided_at !== null,
    })),
    ...record.activity.map((x) => ({
      kind: 'activity' as const,
      id: x.activity_id,
      type: x.activity_type,
      occurred_at: iso(x.occurred_at),
      staff_id: null,
      staff_name: null,
      channel: null,
      outcome: null,
      personalized: null,
      campaign_id: null,
      minutes: null,
      voided: false,
    })),
  ].sort((a, b) => b.occurred_at.localeCompare(a.occurred_at));
  return {
    member: record.member,
    enrollments: record.enrollments.map(({ line_of_business, product, enrolled_from, enrolled_to }) => ({
      line_of_business,
      product,
      enrolled_from,
      enrolled_to,
    })),
    care_programs: record.programs.map(({ program, enrolled_on, disenrolled_on }) => ({ program, enrolled_on, disenrolled_on })),
    caseload: record.caseload.map((c) => ({ ...c, staff_name: c.staff_name ?? null, staff_role: c.staff_role ?? null })),
    renewals: record.renewals.map(({ due_on }) => ({ due_on })),
    timeline,
  };
}

/** How many members the plan has loaded (any enrollment state). */
export async function countMembers(db: Db): Promise<number> {
  return memberTotal(db.kysely);
}
