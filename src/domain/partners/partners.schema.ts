// The schemas of partners and campaigns (API validation, OpenAPI, web types).
import { Type, type Static } from 'typebox';
import { Id, Nullable, PartnerKind, SuppressibleCount } from '../common.schema.js';
import { Staff } from '../staff/staff.schema.js';

export const Partner = Type.Object({ partner_id: Type.String(), name: Type.String(), kind: Type.String() });
export const Campaign = Type.Object({
  campaign_id: Type.String(),
  name: Type.String(),
  starts_on: Type.String(),
  ends_on: Nullable(Type.String()),
  partner_ids: Type.Array(Type.String()),
});
export const PartnerQuery = Type.Object({ kind: Type.Optional(PartnerKind) });
export const PartnerParams = Type.Object({ partner_id: Id });
export const PartnerList = Type.Object({
  items: Type.Array(Type.Object({ ...Partner.properties, staff_count: Type.Integer(), campaign_count: Type.Integer() })),
});
export type PartnerList = Static<typeof PartnerList>;
export const PartnerDetail = Type.Object({
  partner: Partner,
  staff: Type.Array(Staff),
  campaigns: Type.Array(Campaign),
  actions_by_type: Type.Array(Type.Object({ action_type: Type.String(), actions: SuppressibleCount })),
});
export type PartnerDetail = Static<typeof PartnerDetail>;
export const CampaignList = Type.Object({
  items: Type.Array(Type.Object({ ...Campaign.properties, community: Type.Boolean(), touches: SuppressibleCount })),
});
export type CampaignList = Static<typeof CampaignList>;
