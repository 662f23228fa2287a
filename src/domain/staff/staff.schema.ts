// The schemas of staff and caseloads (API validation, OpenAPI, web types).
import { Type, type Static } from 'typebox';
import { DateString, Nullable, StaffRole, Status } from '../common.schema.js';

/** Who a staff member is: shared by the staff list and the caseloads. */
const staffIdentity = {
  staff_id: Type.String(),
  name: Nullable(Type.String()),
  role: Type.String(),
  partner_id: Nullable(Type.String()),
};

export const Staff = Type.Object({
  ...staffIdentity,
  hired_on: Type.String(),
  left_on: Nullable(Type.String()),
});
export const StaffQuery = Type.Object({
  role: Type.Optional(StaffRole),
  partner_id: Type.Optional(Type.String({ maxLength: 64 })),
  as_of: Type.Optional(DateString),
});
export type StaffQuery = Static<typeof StaffQuery>;
export const StaffList = Type.Object({ items: Type.Array(Staff) });
export type StaffList = Static<typeof StaffList>;

export const Caseload = Type.Object({
  ...staffIdentity,
  high_risk: Type.Integer(),
  low_risk: Type.Integer(),
  high_status: Nullable(Status),
  low_status: Nullable(Status),
});
const Range = Type.Object({ low: Type.Number(), high: Type.Number() });
export const CaseloadQuery = Type.Object({ as_of: Type.Optional(DateString) });
export const CaseloadReport = Type.Object({
  as_of: Type.String(),
  benchmark: Type.Object({ high: Range, low: Range }),
  productivity: Type.Object(
    {
      days: Type.Integer(),
      roles: Type.Array(
        Type.Object({ role: Type.String(), staff: Type.Integer(), actions: Type.Integer(), hours: Type.Number(), members: Type.Integer() }),
      ),
    },
    { description: "The plan's own staff's logged work by role over the last `days` days: what a staffing what-if projects from" },
  ),
  items: Type.Array(Caseload),
});
export type CaseloadReport = Static<typeof CaseloadReport>;
