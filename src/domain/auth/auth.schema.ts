// The schemas of sign-in, users, API tokens and the audit trail (API validation, OpenAPI, web types).
import { Type } from 'typebox';
import { DateString, Nullable } from '../common.schema.js';
import { ROLES } from './permissions.js';

export const User = Type.Object({ user_id: Type.String(), email: Type.String(), role: Type.String(), partner_id: Nullable(Type.String()) });
export const Me = Type.Object({ user: Nullable(User), csrf_token: Nullable(Type.String()) });
export const UserRow = Type.Object({ ...User.properties, created_at: Type.String(), locked: Type.Boolean() });
export const AuditRow = Type.Object({
  member_id: Type.String(),
  audit_id: Type.String(),
  at: Type.String(),
  actor: Type.String(),
  role: Type.String(),
  access: Type.String(),
  via: Type.String(),
  ip: Nullable(Type.String()),
});
export const AuditQuery = Type.Object({
  member_id: Type.Optional(Type.String({ maxLength: 64 })),
  actor: Type.Optional(Type.String({ maxLength: 200 })),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 500 })),
});
export const LoginInput = Type.Object(
  { email: Type.String({ maxLength: 200 }), password: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
export const Ok = Type.Object({ ok: Type.Boolean() });
export const NewToken = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    days: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 366,
        description: 'default and maximum: 30 (admin, partner), 90 (manager, coordinator), 180 (analyst)',
      }),
    ),
  },
  { additionalProperties: false },
);
export const TokenCreated = Type.Object({ token_id: Type.String(), token: Type.String(), expires_at: Type.String() });
export const TokenParams = Type.Object({ token_id: Type.String({ format: 'uuid' }) });
export const NewUser = Type.Object(
  {
    email: Type.String({ maxLength: 200 }),
    role: Type.Enum(ROLES),
    password: Type.String({ minLength: 12, maxLength: 500 }),
    partner_id: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  },
  { additionalProperties: false },
);
export const UserList = Type.Object({ items: Type.Array(UserRow) });
export const AuditList = Type.Object({ items: Type.Array(AuditRow) });
export const CsvText = Type.String({ description: 'CSV with a header row' });
export const TokenView = Type.Object({
  token_id: Type.String(),
  name: Type.String(),
  owner: Type.String(),
  created_at: Type.String(),
  expires_at: Type.String(),
  last_used_at: Nullable(Type.String()),
  state: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
});
export const TokenList = Type.Object({ items: Type.Array(TokenView) });
export const PasswordChange = Type.Object(
  { current_password: Type.String({ maxLength: 500 }), new_password: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
export const PasswordReset = Type.Object({ new_password: Type.String({ maxLength: 500 }) }, { additionalProperties: false });
export const UserParams = Type.Object({ user_id: Type.String({ format: 'uuid' }) });
