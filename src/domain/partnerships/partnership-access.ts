// Who may see and change a partnership. Plan staff see every partnership; a partner account sees
// those its organization has committed to (prospects in the pipeline do not see the partnership's
// workings), and changes only its own commitments and its own organization's results.
import type { Db } from '../../db/connect.js';
import type { Principal } from '../auth/permissions.js';
import { partnerScopeOf } from '../auth/scope.js';
import { DomainError, RejectedError } from '../errors.js';
import { itemsOf, partnershipOf, type PartnershipRow } from './partnerships.queries.js';

/** The partnership, or "not found" for one the reader may not see (which reveals nothing). */
export async function readablePartnership(db: Db, partnershipId: string, actor: Principal): Promise<PartnershipRow> {
  const p = await partnershipOf(db.kysely, partnershipId);
  const scope = partnerScopeOf(actor);
  if (p && scope) {
    const members = await itemsOf(db.kysely, 'partnership_members', partnershipId);
    if (!members.some((m) => m.partner_id === scope.partnerId && m.stage === 'committed')) throw notFound();
  }
  if (!p) throw notFound();
  return p;
}

function notFound(): DomainError {
  return new DomainError('not_found', 'no such partnership');
}

/** A partner account may change only what belongs to its own organization. */
export function assertOwnOrganization(actor: Principal, partnerId: string | null, what: string): void {
  const scope = partnerScopeOf(actor);
  if (scope && scope.partnerId !== partnerId)
    throw new DomainError('forbidden', `a partner account changes only its own organization's ${what}`);
}

/** A refusal naming the field and the reason (problem+json 422 with `errors`). */
export function refuse(column: string, reason: string): never {
  throw new RejectedError(`${column} ${reason}`, [{ column, reason }]);
}
