// The people to call at a partner, with an inline form for those who manage the relationship.
import { ActionIcon, Anchor, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, ApiError, type Profile } from '../api';

type Contact = Profile['contacts'][number];
const EMPTY = { name: '', title: '', email: '', phone: '' };

export function Contacts({ profile, canEdit }: { profile: Profile; canEdit: boolean }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(EMPTY);
  const save = useMutation({
    mutationFn: (contacts: Contact[]) => api.saveContacts(profile.partner_id, contacts),
    onSuccess: async () => {
      setDraft(EMPTY);
      await client.invalidateQueries({ queryKey: ['profile', profile.partner_id] });
    },
  });
  const add = () =>
    save.mutate([
      ...profile.contacts,
      { name: draft.name.trim(), title: draft.title.trim() || null, email: draft.email.trim() || null, phone: draft.phone.trim() || null },
    ]);
  return (
    <Stack gap={4} mt="sm">
      <Text fw={600} size="sm">
        Contacts
      </Text>
      {profile.contacts.length === 0 && (
        <Text size="sm" c="dimmed">
          No contacts recorded.
        </Text>
      )}
      {profile.contacts.map((c, i) => (
        <Group key={`${c.name}-${i}`} gap="xs">
          <Text size="sm">
            {c.name}
            {c.title ? `, ${c.title}` : ''}
          </Text>
          {c.email && (
            <Anchor size="sm" href={`mailto:${c.email}`}>
              {c.email}
            </Anchor>
          )}
          {c.phone && <Text size="sm">{c.phone}</Text>}
          {canEdit && (
            <ActionIcon
              size="sm"
              variant="subtle"
              color="red"
              aria-label={`Remove ${c.name}`}
              onClick={() => save.mutate(profile.contacts.filter((_, j) => j !== i))}
            >
              ×
            </ActionIcon>
          )}
        </Group>
      ))}
      {canEdit && (
        <Group align="flex-end" gap="xs">
          {(['name', 'title', 'email', 'phone'] as const).map((f) => (
            <TextInput
              key={f}
              size="xs"
              w={130}
              label={f[0]!.toUpperCase() + f.slice(1)}
              value={draft[f]}
              onChange={(e) => setDraft({ ...draft, [f]: e.currentTarget.value })}
            />
          ))}
          <Button size="xs" onClick={add} disabled={!draft.name.trim()} loading={save.isPending}>
            Add contact
          </Button>
        </Group>
      )}
      {save.error instanceof ApiError && (
        <Text size="sm" c="red" role="alert">
          {save.error.message}
        </Text>
      )}
    </Stack>
  );
}
