// For admins: who can sign in, and who looked at or changed which member's data.
import { Alert, Anchor, Button, Group, PasswordInput, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { isRole, ROLES, type Role } from '../../domain/auth/permissions';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, query } from '../api';
import { QueryState } from '../components/QueryState';
import { formatDateTime } from '../format';
import { PageTitle } from '../components/PageTitle';

function Users() {
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: api.users });
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('coordinator');
  const [partner, setPartner] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <Stack>
      <Title order={2} size="h3">
        Users
      </Title>
      <form
        aria-label="Add a user"
        onSubmit={async (e) => {
          e.preventDefault();
          setError(null);
          try {
            await api.addUser({ email, role, password, partner_id: partner || null });
            setEmail('');
            setPassword('');
            await client.invalidateQueries({ queryKey: ['users'] });
          } catch (err) {
            setError(err instanceof ApiError ? err.message : 'The server could not be reached.');
          }
        }}
      >
        <Group align="flex-end" wrap="wrap">
          <TextInput label="Email" type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} required />
          <Select
            label="Role"
            data={[...ROLES]}
            value={role}
            onChange={(r) => r && isRole(r) && setRole(r)}
            allowDeselect={false}
            w={150}
          />
          {role === 'partner' && (
            <TextInput label="Partner ID" value={partner} onChange={(e) => setPartner(e.currentTarget.value)} required w={140} />
          )}
          <PasswordInput
            label="Password (12+ characters)"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            required
            minLength={12}
            w={220}
          />
          <Button type="submit">Add user</Button>
        </Group>
      </form>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <QueryState loading={users.isLoading} error={users.error}>
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label="Users">
            <Table.Thead>
              <Table.Tr>
                {['Email', 'Role', 'Partner', 'Created', 'Locked'].map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data?.items.map((u) => (
                <Table.Tr key={u.user_id}>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{u.role}</Table.Td>
                  <Table.Td>{u.partner_id ?? ''}</Table.Td>
                  <Table.Td>{formatDateTime(u.created_at)}</Table.Td>
                  <Table.Td>{u.locked ? 'locked' : ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
    </Stack>
  );
}

function Audit() {
  const [memberId, setMemberId] = useState('');
  const [actor, setActor] = useState('');
  const [filters, setFilters] = useState<Record<string, string>>({});
  const trail = useQuery({ queryKey: ['audit', filters], queryFn: () => api.audit({ ...filters, limit: '200' }) });
  return (
    <Stack>
      <Title order={2} size="h3">
        Audit trail
      </Title>
      <form
        aria-label="Search the audit trail"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...(memberId ? { member_id: memberId } : {}), ...(actor ? { actor } : {}) });
        }}
      >
        <Group align="flex-end">
          <TextInput label="Member ID" value={memberId} onChange={(e) => setMemberId(e.currentTarget.value)} />
          <TextInput label="Who (email)" value={actor} onChange={(e) => setActor(e.currentTarget.value)} />
          <Button type="submit">Search</Button>
          <Anchor href={`/api/audit/export${query(filters)}`} download>
            Export CSV
          </Anchor>
        </Group>
      </form>
      <QueryState
        loading={trail.isLoading}
        error={trail.error}
        empty={trail.data?.items.length === 0}
        emptyText="No access recorded for this search."
      >
        <Table.ScrollContainer minWidth={560}>
          <Table striped aria-label="Audit trail">
            <Table.Thead>
              <Table.Tr>
                {['When', 'Who', 'Role', 'Access', 'Member', 'Through', 'From'].map((h) => (
                  <Table.Th key={h}>{h}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {trail.data?.items.map((a) => (
                <Table.Tr key={a.audit_id}>
                  <Table.Td>{formatDateTime(a.at)}</Table.Td>
                  <Table.Td>{a.actor}</Table.Td>
                  <Table.Td>{a.role}</Table.Td>
                  <Table.Td>{a.access}</Table.Td>
                  <Table.Td>{a.member_id || '(bulk)'}</Table.Td>
                  <Table.Td>{a.via}</Table.Td>
                  <Table.Td>{a.ip ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
    </Stack>
  );
}

export function AdminPage() {
  return (
    <Stack gap="xl">
      <PageTitle>Administration</PageTitle>
      <Users />
      <Audit />
    </Stack>
  );
}
