// The shell: navigation on the left (collapsing on a tablet), one page per area.
import { AppShell, Burger, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Route, Routes, useLocation } from 'react-router';
import { CaseloadPage } from './pages/CaseloadPage';
import { ImportPage } from './pages/ImportPage';
import { MemberPage } from './pages/MemberPage';
import { MembersPage } from './pages/MembersPage';
import { MetricPage } from './pages/MetricPage';
import { ScorecardPage } from './pages/ScorecardPage';
import { WorklistsPage } from './pages/WorklistsPage';

const NAV = [
  { to: '/', label: 'Scorecard' },
  { to: '/worklists', label: 'Worklists' },
  { to: '/members', label: 'Members' },
  { to: '/caseloads', label: 'Caseloads' },
  { to: '/import', label: 'Import' },
];

export function App() {
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const active = (to: string) => (to === '/' ? location.pathname === '/' || location.pathname.startsWith('/metric') : location.pathname.startsWith(to));
  return (
    <AppShell header={{ height: 52 }} navbar={{ width: 200, breakpoint: 'md', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md">
          <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label="Toggle navigation" />
          <Text fw={700}>Diplomat</Text>
          <Text c="dimmed" size="sm" visibleFrom="sm">
            health plan diplomacy
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {NAV.map((n) => (
          <NavLink key={n.to} component={Link} to={n.to} label={n.label} active={active(n.to)} onClick={close} />
        ))}
        <NavLink href="/docs" label="API docs" />
      </AppShell.Navbar>
      <AppShell.Main>
        <Routes>
          <Route path="/" element={<ScorecardPage />} />
          <Route path="/metric/:metricId" element={<MetricPage />} />
          <Route path="/worklists" element={<WorklistsPage />} />
          <Route path="/members" element={<MembersPage />} />
          <Route path="/members/:memberId" element={<MemberPage />} />
          <Route path="/caseloads" element={<CaseloadPage />} />
          <Route path="/import" element={<ImportPage />} />
          <Route path="*" element={<Text>No such page.</Text>} />
        </Routes>
      </AppShell.Main>
    </AppShell>
  );
}
