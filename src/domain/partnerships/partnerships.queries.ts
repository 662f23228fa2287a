// The SQL of partnerships: the partnership row with its charter, and its child tables, each
// keyed (partnership_id, <item>_id) and written whole (upsert). The child tables share one
// shape, so one typed helper reads and writes them all.
import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Area, Charter } from './partnerships.schema.js';

type Q = Kysely<Database>;

/** Each child table and the column that names an item within a partnership. */
export const ITEM_KEYS = {
  partnership_members: 'partner_id',
  partnership_roles: 'role_id',
  partnership_commitments: 'commitment_id',
  partnership_disagreements: 'disagreement_id',
  partnership_phases: 'phase_id',
  partnership_activities: 'activity_id',
  partnership_decisions: 'decision_id',
  partnership_measures: 'measure_id',
  partnership_engagements: 'engagement_id',
} as const;
export type ItemTable = keyof typeof ITEM_KEYS;
export type ItemRow<T extends ItemTable> = Selectable<Database[T]>;

export interface PartnershipRow {
  partnership_id: string;
  name: string;
  starts_on: string;
  ends_on: string | null;
  area: Area;
  charter: Charter;
}

const asDate = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const dateColumns = new Set(['starts_on', 'ends_on', 'due_on', 'done_on', 'recorded_on', 'decided_on', 'held_on', 'by']);
/** Dates as YYYY-MM-DD and numerics as numbers, whichever driver read them. */
function plain<T>(row: T): T {
  const out: Record<string, unknown> = { ...(row as Record<string, unknown>) };
  for (const [k, v] of Object.entries(out)) {
    if (v !== null && dateColumns.has(k)) out[k] = asDate(v);
    if (k === 'cost' && v !== null) out[k] = Number(v);
  }
  return out as T;
}

export async function listPartnerships(db: Q, partnerId: string | null): Promise<PartnershipRow[]> {
  let q = db.selectFrom('partnerships as p').selectAll('p');
  if (partnerId !== null) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('partnership_members as m')
          .select('m.partner_id')
          .whereRef('m.partnership_id', '=', 'p.partnership_id')
          .where('m.partner_id', '=', partnerId),
      ),
    );
  }
  const rows = await q.orderBy('p.starts_on').orderBy('p.partnership_id').execute();
  return rows.map((r) => ({
    partnership_id: r.partnership_id,
    name: r.name,
    starts_on: asDate(r.starts_on),
    ends_on: r.ends_on === null ? null : asDate(r.ends_on),
    area: { counties: r.area_counties, zips: r.area_zips, segments: (r.area_segments ?? {}) as Area['segments'] },
    charter: r.charter as Charter,
  }));
}

export async function partnershipOf(db: Q, id: string): Promise<PartnershipRow | undefined> {
  return (await listPartnerships(db, null)).find((p) => p.partnership_id === id);
}

export async function savePartnership(db: Q, p: PartnershipRow): Promise<void> {
  const row = {
    partnership_id: p.partnership_id,
    name: p.name,
    starts_on: p.starts_on,
    ends_on: p.ends_on,
    area_counties: sql<string[]>`${sql.val(p.area.counties)}::text[]`,
    area_zips: sql<string[]>`${sql.val(p.area.zips)}::text[]`,
    area_segments: JSON.stringify(p.area.segments ?? {}),
    charter: JSON.stringify(p.charter),
  };
  await db
    .insertInto('partnerships')
    .values(row as never)
    .onConflict((oc) => oc.column('partnership_id').doUpdateSet(row as never))
    .execute();
}

export async function itemsOf<T extends ItemTable>(db: Q, table: T, partnershipId: string): Promise<ItemRow<T>[]> {
  // Kysely cannot type a table chosen at run time; every table in ITEM_KEYS has partnership_id.
  const rows = await db
    .selectFrom(table as 'partnership_roles')
    .selectAll()
    .where('partnership_id', '=', partnershipId)
    .orderBy(ITEM_KEYS[table] as 'role_id')
    .execute();
  return rows.map(plain) as unknown as ItemRow<T>[];
}

/** Arrays go to PostgreSQL as text[] literals, jsonb as text: the same on both drivers. */
function toColumns(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      Array.isArray(v) ? sql`${sql.val(v)}::text[]` : v !== null && typeof v === 'object' ? JSON.stringify(v) : v,
    ]),
  );
}

export async function saveItem<T extends ItemTable>(db: Q, table: T, row: Insertable<Database[T]>): Promise<void> {
  const values = toColumns(row as Record<string, unknown>);
  await db
    .insertInto(table)
    .values(values as never)
    .onConflict((oc) => oc.columns(['partnership_id', ITEM_KEYS[table]] as never).doUpdateSet(values as never))
    .execute();
}

export async function resultsOf(db: Q, partnershipId: string): Promise<Selectable<Database['partnership_results']>[]> {
  return db.selectFrom('partnership_results').selectAll().where('partnership_id', '=', partnershipId).orderBy('period').execute();
}

export async function saveResult(db: Q, row: Insertable<Database['partnership_results']>): Promise<void> {
  await db
    .insertInto('partnership_results')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['partnership_id', 'measure_id', 'period'])
        .doUpdateSet({ value: row.value, note: row.note, entered_by: row.entered_by, entered_at: new Date() }),
    )
    .execute();
}

export interface DecisionFollowUp {
  follow_up_id: string;
  decision_id: string | null;
  partner_id: string;
  title: string;
  owner_staff_id: string | null;
  due_on: string;
  done_on: string | null;
}

export async function decisionFollowUps(db: Q, partnershipId: string): Promise<DecisionFollowUp[]> {
  const rows = await db
    .selectFrom('follow_ups')
    .select(['follow_up_id', 'decision_id', 'partner_id', 'title', 'owner_staff_id', 'due_on', 'done_on'])
    .where('partnership_id', '=', partnershipId)
    .orderBy('due_on')
    .orderBy('follow_up_id')
    .execute();
  return rows.map(plain);
}

export async function addFollowUp(db: Q, row: DecisionFollowUp & { partnership_id: string }): Promise<void> {
  await db
    .insertInto('follow_ups')
    .values({ ...row, touchpoint_id: null })
    .execute();
}

export async function partnersByName(db: Q): Promise<{ partner_id: string; name: string; kind: string }[]> {
  return db.selectFrom('partners').select(['partner_id', 'name', 'kind']).orderBy('name').execute();
}

/** The first month the plan's ledger has actions in (YYYY-MM-01), or null when it has none. */
export async function ledgerFirstMonth(db: Q): Promise<string | null> {
  const row = await db
    .selectFrom('actions')
    .select((eb) => eb.fn.min('occurred_at').as('first'))
    .executeTakeFirst();
  const first = row?.first as Date | string | null | undefined;
  if (!first) return null;
  return `${new Date(first).toISOString().slice(0, 7)}-01`;
}
