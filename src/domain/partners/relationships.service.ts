// Managing a relationship the way a diplomat would (seeds 002, 004): relationship health
// (SPEC.md §7.4), formal and informal touchpoints, follow-ups, a timeline per partner, and the
// partner's take-stock profile. Writes go through the importer (recordOrRefuse), so a touchpoint
// entered in the web app obeys the rules of touchpoints.csv.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { assertPartnerInScope, partnerScopeOf } from '../auth/scope.js';
import { computeContractScorecard } from '../contracts/contract-scorecard.service.js';
import { insertSnapshot } from '../contracts/contracts.queries.js';
import { DomainError } from '../errors.js';
import { recordOrRefuse } from '../import/import.service.js';
import { getSetting, todayIn } from '../settings/settings.service.js';
import { byNeed, healthOf, type HealthRow } from './health.js';
import { partnerProfile, queryFollowUps, queryHealthInputs, queryTouchpoints, replaceContacts } from './relationships.queries.js';
import type {
  Contact,
  FollowUp,
  FollowUpInput,
  PartnerProfile,
  ProfileInput,
  Touchpoint,
  TouchpointInput,
} from './relationships.schema.js';

const newId = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;
const listCell = (values: readonly string[] | undefined): string => (values ?? []).join(';');

/** SPEC §7.4 on date `on` (default: today in the plan's time zone), one row per partner in id order. */
export async function partnersHealth(db: Db, q: { on?: string }, actor: Principal): Promise<HealthRow[]> {
  const on = q.on ?? todayIn(await getSetting(db, 'timezone'));
  return (await queryHealthInputs(db.kysely, on, partnerScopeOf(actor))).map((input) => healthOf(input, on));
}

/** The relationships that need attention (not `good`), worst first. */
export async function relationshipsNeedingAttention(db: Db, q: { on?: string }, actor: Principal): Promise<HealthRow[]> {
  return (await partnersHealth(db, q, actor)).filter((h) => h.status !== 'good').sort(byNeed);
}

export async function getProfile(db: Db, partnerId: string, actor: Principal): Promise<PartnerProfile> {
  assertPartnerInScope(partnerScopeOf(actor), partnerId);
  const profile = await partnerProfile(db.kysely, partnerId);
  if (!profile) throw new DomainError('not_found', 'no such partner');
  return profile;
}

/** Replaces the profile fields given; the rest stay as they are. */
export async function updateProfile(db: Db, partnerId: string, input: ProfileInput, actor: Principal): Promise<PartnerProfile> {
  const { contacts: _contacts, ...current } = await getProfile(db, partnerId, actor);
  const next = { ...current, ...input };
  await recordOrRefuse(
    db,
    'partners',
    [
      {
        ...Object.fromEntries(Object.entries(next).map(([k, v]) => [k, v === null || v === undefined ? null : String(v)])),
        counties: listCell(next.counties),
        services: listCell(next.services),
        funding_sources: listCell(next.funding_sources),
      },
    ],
    'partner profile',
  );
  return getProfile(db, partnerId, actor);
}

/** Replaces the partner's contacts (people to call: name, title, email, phone). */
export async function updateContacts(db: Db, partnerId: string, contacts: readonly Contact[], actor: Principal): Promise<PartnerProfile> {
  await getProfile(db, partnerId, actor);
  await replaceContacts(db.kysely, partnerId, contacts);
  return getProfile(db, partnerId, actor);
}

export async function listTouchpoints(db: Db, partnerId: string, actor: Principal): Promise<Touchpoint[]> {
  assertPartnerInScope(partnerScopeOf(actor), partnerId);
  return queryTouchpoints(db.kysely, partnerId);
}

export async function listFollowUps(db: Db, filter: { partnerId?: string; open?: boolean }, actor: Principal): Promise<FollowUp[]> {
  const scope = partnerScopeOf(actor);
  if (filter.partnerId) assertPartnerInScope(scope, filter.partnerId);
  return queryFollowUps(db.kysely, { ...filter, partnerId: filter.partnerId ?? scope?.partnerId });
}

/**
 * Records a touchpoint. A scorecard review of a contract keeps the contract scorecard of the
 * reviewed period as it stands now, so later data does not rewrite what was reviewed.
 */
export async function recordTouchpoint(db: Db, input: TouchpointInput, actor: Principal): Promise<Touchpoint> {
  assertPartnerInScope(partnerScopeOf(actor), input.partner_id);
  const touchpointId = input.touchpoint_id ?? newId('T');
  await recordOrRefuse(
    db,
    'touchpoints',
    [{ ...input, touchpoint_id: touchpointId, staff_ids: listCell(input.staff_ids), review_period: undefined }],
    'touchpoint',
  );
  if (input.type === 'scorecard_review' && input.contract_id) {
    const period = input.review_period ?? input.occurred_on.slice(0, 4);
    const rows = await computeContractScorecard(db, { period, contract: input.contract_id }, actor);
    await insertSnapshot(db.kysely, touchpointId, input.contract_id, period, rows);
  }
  const saved = (await queryTouchpoints(db.kysely, input.partner_id)).find((t) => t.touchpoint_id === touchpointId);
  if (!saved) throw new Error('touchpoint not found after recording it');
  return saved;
}

export async function recordFollowUp(db: Db, input: FollowUpInput, actor: Principal): Promise<FollowUp> {
  assertPartnerInScope(partnerScopeOf(actor), input.partner_id);
  const followUpId = input.follow_up_id ?? newId('F');
  await recordOrRefuse(db, 'follow_ups', [{ ...input, follow_up_id: followUpId }], 'follow-up');
  const saved = (await queryFollowUps(db.kysely, { partnerId: input.partner_id })).find((f) => f.follow_up_id === followUpId);
  if (!saved) throw new Error('follow-up not found after recording it');
  return saved;
}

/** Marks a follow-up done on a date (default today), through the same rules. */
export async function completeFollowUp(db: Db, followUpId: string, doneOn: string | undefined, actor: Principal): Promise<FollowUp> {
  const scope = partnerScopeOf(actor);
  const current = (await queryFollowUps(db.kysely, { followUpId, partnerId: scope?.partnerId }))[0];
  if (!current) throw new DomainError('not_found', 'no such follow-up');
  const done = doneOn ?? todayIn(await getSetting(db, 'timezone'));
  return recordFollowUp(db, { ...current, done_on: done }, actor);
}
