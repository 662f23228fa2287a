// The web app's API client. Types come from the API's own TypeBox schemas (type-only imports),
// so the browser and the server cannot drift apart.
import type { Static } from 'typebox';
import type { Action, ActionDetail, ActionInput, CorrectionInput } from '../domain/actions/actions.schema';
import type { MemberDetail, MemberPage } from '../domain/members/members.schema';
import type { HistoryResponse, MetricCatalog, ScorecardResponse, ScorecardRow } from '../domain/scorecard/scorecard.schema';
import type { WorklistPage, WorklistSummary } from '../domain/worklists/worklists.schema';
import type { AuditList, NewUser, UserList } from '../domain/auth/auth.schema';
import type { Job } from '../domain/import/import-jobs.schema';
import type { CaseloadReport, StaffList } from '../domain/staff/staff.schema';

export type Row = Static<typeof ScorecardRow>;
export type Scorecard = Static<typeof ScorecardResponse>;
export type History = Static<typeof HistoryResponse>;
export type Catalog = Static<typeof MetricCatalog>;
export type Metric = Catalog['metrics'][number];
export type Members = Static<typeof MemberPage>;
export type Member = Static<typeof MemberDetail>;
export type Worklist = Static<typeof WorklistPage>;
export type WorklistInfo = Static<typeof WorklistSummary>;
export type NewAction = Static<typeof ActionInput>;
export type ActionRow = Static<typeof Action>;
export type ActionWithCorrections = Static<typeof ActionDetail>;
export type Correction = Static<typeof CorrectionInput>;

export interface Problem {
  status: number;
  code: string;
  detail?: string;
  errors?: { column: string; reason: string }[];
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? `${problem.status} ${problem.code}`);
  }
}

// The session cookie is HttpOnly; the CSRF token it pairs with is kept in memory only.
let csrfToken: string | null = null;

async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = {
    method,
    headers: { accept: 'application/json', ...(method !== 'GET' && csrfToken ? { 'x-csrf-token': csrfToken } : {}), ...headers },
  };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await fetch(path, init);
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) throw new ApiError((data as Problem | undefined) ?? { status: res.status, code: 'http_error' });
  return data as T;
}

export const query = (params: Record<string, string | number | undefined | null>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
};

export interface Me {
  user: { user_id: string; email: string; role: string; partner_id: string | null } | null;
  csrf_token: string | null;
}

export const api = {
  me: async () => {
    const me = await request<Me>('GET', '/api/auth/me');
    csrfToken = me.csrf_token;
    return me;
  },
  login: async (email: string, password: string) => {
    const me = await request<Me>('POST', '/api/auth/login', { email, password });
    csrfToken = me.csrf_token;
    return me;
  },
  logout: async () => {
    await request<{ ok: boolean }>('POST', '/api/auth/logout');
    csrfToken = null;
  },
  scorecard: (period: string, by?: string) => request<Scorecard>('GET', `/api/scorecard${query({ period, by })}`),
  history: (period: string, count: number, by?: string) => request<History>('GET', `/api/scorecard/history${query({ period, count, by })}`),
  catalog: () => request<Catalog>('GET', '/api/metrics'),
  members: (params: Record<string, string | undefined>) => request<Members>('GET', `/api/members${query(params)}`),
  member: (id: string) => request<Member>('GET', `/api/members/${encodeURIComponent(id)}`),
  worklists: () => request<{ worklists: WorklistInfo[] }>('GET', '/api/worklists'),
  worklist: (id: string, params: Record<string, string | number | undefined>) =>
    request<Worklist>('GET', `/api/worklists/${id}${query(params)}`),
  recordAction: (action: NewAction) =>
    request<{ outcome: string; action: ActionRow }>('POST', '/api/actions', action, { 'idempotency-key': crypto.randomUUID() }),
  correctAction: (id: string, body: Correction) =>
    request<ActionWithCorrections>('POST', `/api/actions/${encodeURIComponent(id)}/corrections`, body),
  voidAction: (id: string, reason: string) =>
    request<ActionWithCorrections>('POST', `/api/actions/${encodeURIComponent(id)}/void`, { reason }),
  caseloads: () => request<Static<typeof CaseloadReport>>('GET', '/api/caseloads'),
  staff: () => request<Static<typeof StaffList>>('GET', '/api/staff'),
  users: () => request<Static<typeof UserList>>('GET', '/api/users'),
  addUser: (user: Static<typeof NewUser>) => request<unknown>('POST', '/api/users', user),
  audit: (params: Record<string, string>) => request<Static<typeof AuditList>>('GET', `/api/audit${query(params)}`),
  upload: (form: FormData) => request<Static<typeof Job>>('POST', '/api/imports', form),
  job: (id: string) => request<Static<typeof Job>>('GET', `/api/imports/${id}`),
};
