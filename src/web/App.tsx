// The shell: navigation on the left (collapsing on a tablet), one page per area.
import { Anchor, AppShell, Burger, Button, Center, Group, Loader, NavLink, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from './api';
import { MEMBER_ROLES } from './roles';
import { PageTitle } from './components/PageTitle';
import { SavedViews } from './components/SavedViews';
import { LoginPage } from './pages/LoginPage';
import { Link, Route, Routes, useLocation } from 'react-router';
import { Suspense } from 'react';
import {
  AdminPage,
  CaseloadPage,
  ContractPage,
  ImportPage,
  MemberPage,
  MembersPage,
  MetricMembersPage,
  MetricPage,
  PartnerPage,
  PartnersPage,
  PartnershipPage,
  PartnershipsPage,
  PlaybookPage,
  ScorecardPage,
  WorklistsPage,
} from './lazy-pages';

const NAV = [
  { to: '/', label: 'Scorecard' },
  { to: '/worklists', label: 'Worklists' },
  { to: '/members', label: 'Members' },
  { to: '/caseloads', label: 'Caseloads' },
  { to: '/partners', label: 'Partners' },
  { to: '/partnerships', label: 'Partnerships' },
  { to: '/import', label: 'Import' },
  { to: '/admin', label: 'Administration' },
];

export function App() {
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const client = useQueryClient();
  const me = useQuery({ queryKey: ['me'], queryFn: api.me, retry: false, staleTime: Infinity });
  if (me.isLoading) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  if ((me.data && !me.data.user) || (me.error instanceof ApiError && me.error.problem.status === 401))
    return <LoginPage onSignedIn={() => void client.resetQueries()} />;
  const role = me.data?.user?.role ?? '';
  // Pages a role cannot use are not offered (the server refuses them anyway).
  const nav = NAV.filter((n) =>
    n.to === '/admin'
      ? role === 'admin'
      : ['/worklists', '/members', '/import'].includes(n.to)
        ? MEMBER_ROLES.has(role)
        : n.to !== '/caseloads' || role !== 'partner',
  );
  const active = (to: string) =>
    to === '/'
      ? location.pathname === '/' || location.pathname.startsWith('/metric')
      : to === '/partners'
        ? /^\/(partners|contracts)(\/|$)/.test(location.pathname)
        : location.pathname.startsWith(to);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
        <AppShell.Header>
          <Group h="100%" px="md">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label="Toggle navigation" />
            <Text fw={700}>Diplomat</Text>
            <Text c="dimmed" size="sm" visibleFrom="sm">
              health plan diplomacy
            </Text>
            <Group ml="auto" gap="xs">
              <Text size="sm" visibleFrom="sm">
                {me.data?.user?.email} ({role})
              </Text>
              <SavedViews />
              <Button
                size="xs"
                variant="default"
                onClick={async () => {
                  await api.logout().catch(() => undefined);
                  // A fresh page load drops every cached answer and the CSRF token with it.
                  window.location.assign('/');
                }}
              >
                Sign out
              </Button>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="xs" aria-label="Main">
          {nav.map((n) => (
            <NavLink key={n.to} component={Link} to={n.to} label={n.label} active={active(n.to)} onClick={close} />
          ))}
          <NavLink href="/docs" label="API docs" />
        </AppShell.Navbar>
        <AppShell.Main id="main" tabIndex={-1}>
          <Suspense fallback={<Loader aria-label="Loading the page" />}>
            <Routes>
              <Route path="/" element={<ScorecardPage />} />
              <Route path="/metric/:metricId" element={<MetricPage />} />
              <Route path="/metric/:metricId/members" element={<MetricMembersPage />} />
              <Route path="/worklists" element={<WorklistsPage />} />
              <Route path="/members" element={<MembersPage />} />
              <Route path="/members/:memberId" element={<MemberPage />} />
              <Route path="/caseloads" element={<CaseloadPage />} />
              <Route path="/partners" element={<PartnersPage />} />
              <Route path="/partners/:partnerId" element={<PartnerPage />} />
              <Route path="/partners/:partnerId/playbook" element={<PlaybookPage />} />
              <Route path="/contracts/:contractId" element={<ContractPage />} />
              <Route path="/partnerships" element={<PartnershipsPage />} />
              <Route path="/partnerships/:partnershipId" element={<PartnershipPage />} />
              <Route path="/import" element={<ImportPage />} />
              <Route path="/admin" element={<AdminPage />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Suspense>
        </AppShell.Main>
      </AppShell>
    </>
  );
}

function NotFound(): React.JSX.Element {
  return (
    <Stack gap="xs">
      <PageTitle>No such page</PageTitle>
      <Text>
        The address does not match a page of Diplomat. Go to the{' '}
        <Anchor component={Link} to="/">
          scorecard
        </Anchor>{' '}
        or pick an area on the left.
      </Text>
    </Stack>
  );
}
