// Partner scoping in one place: a partner user sees only its own organization. Services ask
// these helpers and pass the scope to their queries, which apply it as a filter — the filter is
// the isolation, not the UI.
import { DomainError } from '../errors.js';
import type { Principal } from './permissions.js';

/** The partner a reader is confined to; null for the plan's own staff (they see everything). */
export type PartnerScope = { partnerId: string } | null;

export function partnerScopeOf(actor: Principal): PartnerScope {
  // A partner account without a partner sees nothing: '' matches no partner.
  return actor.role === 'partner' ? { partnerId: actor.partnerId ?? '' } : null;
}

/** Refuses (as "not found", which reveals nothing) a partner outside the reader's scope. */
export function assertPartnerInScope(scope: PartnerScope, partnerId: string): void {
  if (scope && scope.partnerId !== partnerId) throw new DomainError('not_found', 'no such partner');
}
