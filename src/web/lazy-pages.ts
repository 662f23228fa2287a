// Every page is its own chunk, fetched the first time it is visited, so the sign-in and the
// first screen do not wait for the code of every other page (and its charts).
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

type Page = LazyExoticComponent<ComponentType>;
const page = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): Page =>
  lazy(async () => ({ default: (await load())[name] }));

export const AdminPage = page(() => import('./pages/AdminPage'), 'AdminPage');
export const CaseloadPage = page(() => import('./pages/CaseloadPage'), 'CaseloadPage');
export const ContractPage = page(() => import('./pages/ContractPage'), 'ContractPage');
export const ImportPage = page(() => import('./pages/ImportPage'), 'ImportPage');
export const MemberPage = page(() => import('./pages/MemberPage'), 'MemberPage');
export const MembersPage = page(() => import('./pages/MembersPage'), 'MembersPage');
export const MetricMembersPage = page(() => import('./pages/MetricMembersPage'), 'MetricMembersPage');
export const MetricPage = page(() => import('./pages/MetricPage'), 'MetricPage');
export const PartnerPage = page(() => import('./pages/PartnerPage'), 'PartnerPage');
export const PartnersPage = page(() => import('./pages/PartnersPage'), 'PartnersPage');
export const PartnershipPage = page(() => import('./pages/PartnershipPage'), 'PartnershipPage');
export const PartnershipsPage = page(() => import('./pages/PartnershipsPage'), 'PartnershipsPage');
export const PlaybookPage = page(() => import('./pages/PlaybookPage'), 'PlaybookPage');
export const ScorecardPage = page(() => import('./pages/ScorecardPage'), 'ScorecardPage');
export const WorklistsPage = page(() => import('./pages/WorklistsPage'), 'WorklistsPage');
