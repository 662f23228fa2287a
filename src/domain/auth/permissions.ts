// Roles and what they may do, as data, checked in one place (the HTTP auth hook) against the
// permission each route declares. Partner scoping and small-cell suppression live in the services.

export const ROLES = ['admin', 'manager', 'coordinator', 'analyst', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'scorecard:read',
  'members:read',
  'actions:read',
  'actions:write',
  'worklists:read',
  'imports:write',
  'staff:read',
  'caseloads:read',
  'partners:read',
  /** Partner profiles, contracts and measure sets, results, touchpoints and follow-ups. */
  'partners:write',
  /** Breakdowns within a contract's population (by equity segment): plan staff only. */
  'populations:read',
  /** The plan's own strategy toward a partner (playbooks, gap analysis): never the partner's to read. */
  'playbooks:read',
  /** Cross-sector partnerships (issue 14): a partner account reads only those it has committed to. */
  'partnerships:read',
  'partnerships:write',
  /** Commitments and results of one's own organization (partner accounts), or any (managers). */
  'partnerships:contribute',
  'users:manage',
  'audit:read',
  'self',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: PERMISSIONS,
  manager: PERMISSIONS.filter((p) => p !== 'users:manage' && p !== 'audit:read'),
  coordinator: [
    'scorecard:read',
    'members:read',
    'actions:read',
    'actions:write',
    'worklists:read',
    'imports:write',
    'staff:read',
    'caseloads:read',
    'partners:read',
    'populations:read',
    'playbooks:read',
    'partnerships:read',
    'self',
  ],
  analyst: [
    'scorecard:read',
    'staff:read',
    'caseloads:read',
    'partners:read',
    'populations:read',
    'playbooks:read',
    'partnerships:read',
    'self',
  ],
  // A partner sees its own organization and suppressed aggregates, never member identities.
  partner: ['scorecard:read', 'partners:read', 'staff:read', 'partnerships:read', 'partnerships:contribute', 'self'],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Who is acting: a signed-in user, an API token, or the local CLI acting as the system. */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  partnerId: string | null;
  via: 'session' | 'token' | 'cli';
  csrfToken?: string;
}

export const SYSTEM: Principal = { userId: 'system', email: 'system (cli)', role: 'admin', partnerId: null, via: 'cli' };

/** Counts below this are shown as "<11" to partners (the CMS small-cell rule). */
export const SMALL_CELL = 11;
