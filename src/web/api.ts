// The web app's API client. Types come from the API's own TypeBox schemas (type-only imports),
// so the browser and the server cannot drift apart.
import type { Static } from 'typebox';
import type { Action, ActionDetail, ActionInput, CorrectionInput } from '../domain/actions/actions.schema';
import type { MemberDetail, MemberPage } from '../domain/members/members.schema';
import type {
  HistoryResponse,
  MetricCatalog,
  MetricMembersResponse,
  ScorecardResponse,
  ScorecardRow,
} from '../domain/scorecard/scorecard.schema';
import type { SavedViewList as SavedViewListSchema } from '../domain/views/views.schema';
import type { WorklistPage, WorklistSummary } from '../domain/worklists/worklists.schema';
import type { AuditList, NewUser, UserList } from '../domain/auth/auth.schema';
import type { Job } from '../domain/import/import-jobs.schema';
import type { CaseloadReport, StaffList } from '../domain/staff/staff.schema';
import type { CampaignList, PartnerList } from '../domain/partners/partners.schema';
import type { Playbook, PlaybookView, StarMeasureChoices, StarsAnswer } from '../domain/partners/playbook.schema';
import type {
  FollowUp,
  FollowUpInput,
  FollowUpList,
  HealthList,
  PartnerProfile,
  ProfileInput,
  Touchpoint,
  TouchpointInput,
  TouchpointList,
} from '../domain/partners/relationships.schema';
import type {
  ContractDetail,
  ContractInput,
  MeasureInput,
  ContractList,
  ContractScorecard,
  EquityRows,
  MeasureChanges,
  MeasureMembers,
  RenewalList,
  ResultInput,
  Snapshots,
  Trend,
} from '../domain/contracts/contracts.schema';
import type {
  ActivityInput as PlanActivityInput,
  DecisionInput,
  EngagementInput,
  EquityList as AreaEquityList,
  PartnershipInput,
  PartnershipList,
  Workspace,
  WorkItemList,
} from '../domain/partnerships/partnerships.schema';

export type Row = Static<typeof ScorecardRow>;
export type Scorecard = Static<typeof ScorecardResponse>;
export type History = Static<typeof HistoryResponse>;
export type Catalog = Static<typeof MetricCatalog>;
export type MetricMembers = Static<typeof MetricMembersResponse>;
export type SavedViewList = Static<typeof SavedViewListSchema>;
export type Metric = Catalog['metrics'][number];
export type Members = Static<typeof MemberPage>;
export type Member = Static<typeof MemberDetail>;
export type Worklist = Static<typeof WorklistPage>;
export type WorklistInfo = Static<typeof WorklistSummary>;
export type NewAction = Static<typeof ActionInput>;
export type ActionRow = Static<typeof Action>;
export type ActionWithCorrections = Static<typeof ActionDetail>;
export type Correction = Static<typeof CorrectionInput>;

export type Health = Static<typeof HealthList>['items'][number];
export type Profile = Static<typeof PartnerProfile>;
export type TouchpointRow = Static<typeof Touchpoint>;
export type FollowUpRow = Static<typeof FollowUp>;
export type ContractInfo = Static<typeof ContractDetail>;
export type ContractRows = Static<typeof ContractScorecard>['items'];
export type PlaybookInfo = Static<typeof PlaybookView>;
export type PlaybookDoc = Static<typeof Playbook>;
export type PartnershipWorkspace = Static<typeof Workspace>;
export type PartnershipMeasure = PartnershipWorkspace['measures'][number];

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
  views: () => request<SavedViewList>('GET', '/api/views'),
  saveView: (view: { name: string; path: string }) => request<SavedViewList>('POST', '/api/views', view),
  deleteView: (name: string) => request<SavedViewList>('DELETE', `/api/views/${encodeURIComponent(name)}`),
  /** The members behind a number: `params` as GET /api/scorecard/members takes them. */
  metricMembers: (params: Record<string, string | undefined>) => request<MetricMembers>('GET', `/api/scorecard/members${query(params)}`),
  history: (period: string, count: number, by?: string) => request<History>('GET', `/api/scorecard/history${query({ period, count, by })}`),
  catalog: () => request<Catalog>('GET', '/api/metrics'),
  members: (params: Record<string, string | undefined>) => request<Members>('GET', `/api/members${query(params)}`),
  member: (id: string) => request<Member>('GET', `/api/members/${encodeURIComponent(id)}`),
  worklists: () => request<{ worklists: WorklistInfo[] }>('GET', '/api/worklists'),
  worklist: (id: string, params: Record<string, string | number | undefined>) =>
    request<Worklist>('GET', `/api/worklists/${id}${query(params)}`),
  assign: (worklistId: string, memberIds: string[], staffId: string | null) =>
    request<{ assigned: number }>('POST', `/api/worklists/${worklistId}/assignments`, { member_ids: memberIds, staff_id: staffId }),
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
  partners: () => request<Static<typeof PartnerList>>('GET', '/api/partners'),
  campaigns: () => request<CampaignList>('GET', '/api/campaigns'),
  health: (on?: string) => request<Static<typeof HealthList>>('GET', `/api/partners/health${query({ on })}`),
  profile: (id: string) => request<Profile>('GET', `/api/partners/${encodeURIComponent(id)}/profile`),
  saveProfile: (id: string, body: Static<typeof ProfileInput>) =>
    request<Profile>('PATCH', `/api/partners/${encodeURIComponent(id)}/profile`, body),
  saveContacts: (id: string, contacts: Profile['contacts']) =>
    request<Profile>('PUT', `/api/partners/${encodeURIComponent(id)}/contacts`, { contacts }),
  touchpoints: (id: string) => request<Static<typeof TouchpointList>>('GET', `/api/partners/${encodeURIComponent(id)}/touchpoints`),
  recordTouchpoint: (body: Static<typeof TouchpointInput>) => request<TouchpointRow>('POST', '/api/touchpoints', body),
  followUps: (partnerId?: string) => request<Static<typeof FollowUpList>>('GET', `/api/follow-ups${query({ partner_id: partnerId })}`),
  recordFollowUp: (body: Static<typeof FollowUpInput>) => request<FollowUpRow>('POST', '/api/follow-ups', body),
  completeFollowUp: (id: string) => request<FollowUpRow>('POST', `/api/follow-ups/${encodeURIComponent(id)}/done`, {}),
  contracts: (partnerId?: string) => request<Static<typeof ContractList>>('GET', `/api/contracts${query({ partner_id: partnerId })}`),
  renewals: () => request<Static<typeof RenewalList>>('GET', '/api/contracts/renewals'),
  contract: (id: string) => request<ContractInfo>('GET', `/api/contracts/${encodeURIComponent(id)}`),
  contractScorecard: (period: string, contract: string) =>
    request<Static<typeof ContractScorecard>>('GET', `/api/contract-scorecard${query({ period, contract })}`),
  contractTrend: (id: string, year: number) =>
    request<Static<typeof Trend>>('GET', `/api/contracts/${encodeURIComponent(id)}/trend${query({ year })}`),
  contractChanges: (id: string, from: number, to: number) =>
    request<Static<typeof MeasureChanges>>('GET', `/api/contracts/${encodeURIComponent(id)}/changes${query({ from, to })}`),
  contractEquity: (id: string, period: string, measureId: string, by: string) =>
    request<Static<typeof EquityRows>>(
      'GET',
      `/api/contracts/${encodeURIComponent(id)}/equity${query({ period, measure_id: measureId, by })}`,
    ),
  contractMembers: (id: string, period: string, measureId: string) =>
    request<Static<typeof MeasureMembers>>(
      'GET',
      `/api/contracts/${encodeURIComponent(id)}/members${query({ period, measure_id: measureId })}`,
    ),
  contractReviews: (id: string) => request<Static<typeof Snapshots>>('GET', `/api/contracts/${encodeURIComponent(id)}/reviews`),
  playbook: (id: string) => request<PlaybookInfo>('GET', `/api/partners/${encodeURIComponent(id)}/playbook`),
  savePlaybook: (id: string, doc: PlaybookDoc) => request<PlaybookInfo>('PUT', `/api/partners/${encodeURIComponent(id)}/playbook`, doc),
  starMeasures: () => request<Static<typeof StarMeasureChoices>>('GET', '/api/stars/measures'),
  starsFor: (measureCode: string, value: number, orgType?: string) =>
    request<Static<typeof StarsAnswer>>('GET', `/api/stars/convert${query({ measure_code: measureCode, value, org_type: orgType })}`),
  saveContract: (body: Static<typeof ContractInput>) => request<ContractInfo['contract']>('POST', '/api/contracts', body),
  saveMeasures: (id: string, measures: Static<typeof MeasureInput>[]) =>
    request<ContractInfo>('POST', `/api/contracts/${encodeURIComponent(id)}/measures`, { measures }),
  partnerships: () => request<Static<typeof PartnershipList>>('GET', '/api/partnerships'),
  partnershipWork: () => request<Static<typeof WorkItemList>>('GET', '/api/worklists/partnerships'),
  partnership: (id: string) => request<PartnershipWorkspace>('GET', `/api/partnerships/${encodeURIComponent(id)}`),
  savePartnership: (id: string, body: Static<typeof PartnershipInput>) =>
    request<PartnershipWorkspace>('PUT', `/api/partnerships/${encodeURIComponent(id)}`, body),
  partnershipItem: (id: string, kind: string, itemId: string, body: unknown) =>
    request<PartnershipWorkspace>('PUT', `/api/partnerships/${encodeURIComponent(id)}/${kind}/${encodeURIComponent(itemId)}`, body),
  partnershipActivity: (id: string, activityId: string, body: Static<typeof PlanActivityInput>) =>
    request<PartnershipWorkspace>('PUT', `/api/partnerships/${encodeURIComponent(id)}/activities/${encodeURIComponent(activityId)}`, body),
  partnershipEngagement: (id: string, engagementId: string, body: Static<typeof EngagementInput>) =>
    request<PartnershipWorkspace>(
      'PUT',
      `/api/partnerships/${encodeURIComponent(id)}/engagements/${encodeURIComponent(engagementId)}`,
      body,
    ),
  recordDecision: (id: string, body: Static<typeof DecisionInput>) =>
    request<PartnershipWorkspace>('POST', `/api/partnerships/${encodeURIComponent(id)}/decisions`, body),
  partnershipResult: (id: string, measureId: string, period: string, value: number, note: string | null) =>
    request<PartnershipWorkspace>(
      'PUT',
      `/api/partnerships/${encodeURIComponent(id)}/measures/${encodeURIComponent(measureId)}/results/${encodeURIComponent(period)}`,
      { value, note },
    ),
  areaEquity: (id: string, measureId: string, period: string, by: string) =>
    request<Static<typeof AreaEquityList>>(
      'GET',
      `/api/partnerships/${encodeURIComponent(id)}/measures/${encodeURIComponent(measureId)}/equity${query({ period, by })}`,
    ),
  saveResult: (id: string, body: Static<typeof ResultInput>) =>
    request<Static<typeof ContractScorecard>>('POST', `/api/contracts/${encodeURIComponent(id)}/results`, body),
};
