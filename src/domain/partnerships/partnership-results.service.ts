// Writing measures and their results. A measure for one organization names a member organization;
// a measure bound to a scorecard metric is a population measure and takes no entered results
// (Diplomat computes it). A result fits the measure's cycle and the partnership's dates; a partner
// account enters results only for its own organization's measures.
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { DomainError } from '../errors.js';
import type { PeriodKind } from '../metrics/periods.js';
import { checkResultPeriod } from './assessment-cycles.js';
import { assertOwnOrganization, readablePartnership, refuse } from './partnership-access.js';
import { boundMeasure } from './partnership-measures.service.js';
import { today } from './partnerships.service.js';
import { itemsOf, saveItem, saveResult } from './partnerships.queries.js';
import type { MeasureInput, ResultInput } from './partnerships.schema.js';

export async function putMeasure(db: Db, partnershipId: string, measureId: string, input: MeasureInput, actor: Principal): Promise<void> {
  await readablePartnership(db, partnershipId, actor);
  if (input.level === 'organization') {
    if (input.partner_id === null) refuse('partner_id', 'is missing: an organization-level measure belongs to one member organization');
    const members = await itemsOf(db.kysely, 'partnership_members', partnershipId);
    if (!members.some((m) => m.partner_id === input.partner_id))
      refuse('partner_id', `names ${input.partner_id}, which is not a member of this partnership`);
  } else if (input.partner_id !== null) refuse('partner_id', `is only for organization-level measures, not ${input.level}`);
  if (input.metric_key !== null) {
    if (input.level !== 'population')
      refuse('metric_key', 'binds a population measure to a scorecard metric; this measure is not population-level');
    try {
      boundMeasure(input.metric_key);
    } catch (error) {
      refuse('metric_key', error instanceof DomainError ? error.message.replace(/^metric_key \S+ /, '') : String(error));
    }
  }
  await saveItem(db.kysely, 'partnership_measures', { partnership_id: partnershipId, measure_id: measureId, ...input });
}

export async function putResult(
  db: Db,
  partnershipId: string,
  measureId: string,
  periodText: string,
  input: ResultInput,
  actor: Principal,
): Promise<void> {
  const p = await readablePartnership(db, partnershipId, actor);
  const measure = (await itemsOf(db.kysely, 'partnership_measures', partnershipId)).find((m) => m.measure_id === measureId);
  if (!measure) throw new DomainError('not_found', `no measure ${measureId} in this partnership`);
  assertOwnOrganization(actor, measure.partner_id, 'results');
  if (measure.metric_key) refuse('measure_id', `${measureId} is computed from the plan's members in the area; it takes no entered results`);
  let period;
  try {
    period = checkResultPeriod(periodText, measure.cycle as PeriodKind, p.starts_on, p.ends_on, await today(db));
  } catch (error) {
    refuse('period', error instanceof DomainError ? error.message : String(error));
  }
  await saveResult(db.kysely, {
    partnership_id: partnershipId,
    measure_id: measureId,
    period: period.label,
    value: input.value,
    note: input.note,
    entered_by: actor.userId ?? null,
  });
}
