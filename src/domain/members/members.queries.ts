// The only SQL of the members area: search with cursor pagination, and one member's record.
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.js';

export interface MemberFilters {
  q?: string;
  line_of_business?: string;
  product?: string;
  risk_tier?: string;
  county?: string;
  language?: string;
  race?: string;
  ethnicity?: string;
  sex?: string;
  /** Only members enrolled on this day. */
  enrolled_on?: string;
}

export interface MemberListRow {
  member_id: string;
  birth_date: string | null;
  sex: string | null;
  race: string | null;
  ethnicity: string | null;
  language: string | null;
  county: string | null;
  risk_tier: string;
  line_of_business: string | null;
  product: string | null;
  enrolled_from: string | null;
  enrolled_to: string | null;
}

const SEGMENT_COLUMNS = ['county', 'language', 'race', 'ethnicity', 'sex'] as const;

export async function listMembers(
  db: Kysely<Database>,
  filters: MemberFilters,
  after: string | undefined,
  limit: number,
): Promise<MemberListRow[]> {
  // The member's current coverage is their latest enrollment span.
  let query = db
    .selectFrom('members as m')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('enrollments as e')
          .select(['e.line_of_business', 'e.product', 'e.enrolled_from', 'e.enrolled_to'])
          .whereRef('e.member_id', '=', 'm.member_id')
          .orderBy('e.enrolled_from', 'desc')
          .limit(1)
          .as('cur'),
      (join) => join.onTrue(),
    )
    .select([
      'm.member_id',
      'm.birth_date',
      'm.sex',
      'm.race',
      'm.ethnicity',
      'm.language',
      'm.county',
      'm.risk_tier',
      'cur.line_of_business',
      'cur.product',
      'cur.enrolled_from',
      'cur.enrolled_to',
    ])
    .orderBy('m.member_id')
    .limit(limit);
  if (after !== undefined) query = query.where('m.member_id', '>', after);
  if (filters.q) query = query.where('m.member_id', 'like', `${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (filters.risk_tier) query = query.where('m.risk_tier', '=', filters.risk_tier);
  if (filters.line_of_business) query = query.where('cur.line_of_business', '=', filters.line_of_business);
  if (filters.product) query = query.where('cur.product', '=', filters.product);
  for (const column of SEGMENT_COLUMNS) {
    const value = filters[column];
    if (value === undefined) continue;
    // `unknown` is how segments show a missing attribute, so it filters for null.
    query = value === 'unknown' ? query.where(`m.${column}`, 'is', null) : query.where(`m.${column}`, '=', value);
  }
  if (filters.enrolled_on) {
    const day = filters.enrolled_on;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('enrollments as e2')
          .select(sql`1`.as('one'))
          .whereRef('e2.member_id', '=', 'm.member_id')
          .where('e2.enrolled_from', '<=', day)
          .where((eb) => eb.or([eb('e2.enrolled_to', 'is', null), eb('e2.enrolled_to', '>=', day)])),
      ),
    );
  }
  return (await query.execute()) as MemberListRow[];
}

export type MemberRecord = NonNullable<Awaited<ReturnType<typeof memberRecordQuery>>>;

export async function memberRecord(db: Kysely<Database>, memberId: string, timelineLimit: number): Promise<MemberRecord | undefined> {
  return memberRecordQuery(db, memberId, timelineLimit);
}

async function memberRecordQuery(db: Kysely<Database>, memberId: string, timelineLimit: number) {
  const member = await db.selectFrom('members').selectAll().where('member_id', '=', memberId).executeTakeFirst();
  if (!member) return undefined;
  const [enrollments, programs, caseload, renewals, actions, activity] = await Promise.all([
    db.selectFrom('enrollments').selectAll().where('member_id', '=', memberId).orderBy('enrolled_from').execute(),
    db.selectFrom('care_programs').selectAll().where('member_id', '=', memberId).orderBy('enrolled_on').execute(),
    db
      .selectFrom('caseload as c')
      .leftJoin('staff as s', 's.staff_id', 'c.staff_id')
      .select(['c.staff_id', 's.name as staff_name', 's.role as staff_role', 'c.assigned_on', 'c.unassigned_on'])
      .where('c.member_id', '=', memberId)
      .orderBy('c.assigned_on')
      .execute(),
    db.selectFrom('renewals').selectAll().where('member_id', '=', memberId).orderBy('due_on').execute(),
    db
      .selectFrom('actions as a')
      .leftJoin('staff as s', 's.staff_id', 'a.staff_id')
      .select([
        'a.action_id',
        'a.action_type',
        'a.occurred_at',
        'a.staff_id',
        's.name as staff_name',
        'a.channel',
        'a.outcome',
        'a.personalized',
        'a.campaign_id',
        'a.partner_id',
        'a.minutes',
        'a.voided_at',
      ])
      .where('a.member_id', '=', memberId)
      .orderBy('a.occurred_at', 'desc')
      .limit(timelineLimit)
      .execute(),
    db
      .selectFrom('member_activity')
      .select(['activity_id', 'activity_type', 'occurred_at'])
      .where('member_id', '=', memberId)
      .orderBy('occurred_at', 'desc')
      .limit(timelineLimit)
      .execute(),
  ]);
  return { member, enrollments, programs, caseload, renewals, actions, activity };
}

export async function memberTotal(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
