// Saved views in the header (issue 15): the user's named places — a page with its period, segment
// and filters — one click away on any device they sign in on, and the current page saved by name.
import { ActionIcon, Anchor, Button, Group, Popover, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { api } from '../api';

export function SavedViews(): React.JSX.Element {
  const [opened, setOpened] = useState(false);
  const [name, setName] = useState('');
  const location = useLocation();
  const client = useQueryClient();
  const views = useQuery({ queryKey: ['views'], queryFn: api.views, enabled: opened });
  const done = (data: Awaited<ReturnType<typeof api.views>>) => client.setQueryData(['views'], data);
  const save = useMutation({
    mutationFn: () => api.saveView({ name: name.trim(), path: location.pathname + location.search }),
    onSuccess: done,
  });
  const remove = useMutation({ mutationFn: (n: string) => api.deleteView(n), onSuccess: done });
  return (
    <Popover opened={opened} onChange={setOpened} width={320} position="bottom-end" withArrow trapFocus>
      <Popover.Target>
        <Button size="xs" variant="default" onClick={() => setOpened((o) => !o)} aria-expanded={opened}>
          Saved views
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          {(views.data?.items ?? []).map((v) => (
            <Group key={v.name} justify="space-between" wrap="nowrap">
              <Anchor component={Link} to={v.path} onClick={() => setOpened(false)} size="sm">
                {v.name}
              </Anchor>
              <ActionIcon
                variant="subtle"
                color="red"
                size="md"
                aria-label={`Delete the view ${v.name}`}
                onClick={() => remove.mutate(v.name)}
              >
                ×
              </ActionIcon>
            </Group>
          ))}
          {views.data?.items.length === 0 && (
            <Text size="sm" c="dimmed">
              No saved views yet.
            </Text>
          )}
          <form
            aria-label="Save this view"
            onSubmit={(e) => {
              e.preventDefault();
              if (name.trim()) save.mutate(undefined, { onSuccess: () => setName('') });
            }}
          >
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label="Save this page as"
                placeholder="e.g. Medicaid this quarter"
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                size="xs"
                style={{ flex: 1 }}
              />
              <Button type="submit" size="xs" loading={save.isPending} disabled={!name.trim()}>
                Save
              </Button>
            </Group>
          </form>
          {(save.error ?? remove.error) && (
            <Text size="xs" c="red.9" role="alert">
              {(save.error ?? remove.error)!.message}
            </Text>
          )}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
