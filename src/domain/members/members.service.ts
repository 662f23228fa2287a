// Members: search and one member's whole record (coverage, programs, caseload, timeline).
import type { Db } from '../../db/connect.js';
import { decodeCursor, encodeCursor } from '../../http/cursor.js';
import { DomainError } from '../errors.js';
import { listMembers, memberRecord, type MemberFilters, type MemberListRow } from './members.queries.js';
import type { MemberDetail } from './members.schema.js';

export async function searchMembers(
  db: Db,
  filters: MemberFilters & { cursor?: string; limit?: number },
): Promise<{ items: MemberListRow[]; next_cursor: string | null }> {
  const limit = filters.limit ?? 50;
  const after = decodeCursor<{ after: string }>(filters.cursor)?.after;
  const rows = await listMembers(db.kysely, filters, after, limit + 1);
  const items = rows.slice(0, limit);
  const next = rows.length > limit ? encodeCursor({ after: items[items.length - 1]!.member_id }) : null;
  return { items, next_cursor: next };
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
