// A partner's take-stock profile (seed 004): who they serve, what they do, why, how they measure
// success — and an editor for people who manage the relationship.
import { Button, Card, Group, Modal, NumberInput, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type Profile } from '../api';
import { label } from '../format';
import { RuleErrors } from './RuleErrors';
import { Contacts } from './Contacts';

const SECTIONS: { title: string; fields: (keyof Profile)[] }[] = [
  { title: 'Who they serve', fields: ['counties', 'demographics', 'health_status', 'payer_mix'] },
  { title: 'What they do', fields: ['services', 'delivery_model', 'legal_requirements', 'funding_sources', 'funding_cycle'] },
  { title: 'Why', fields: ['mission', 'viability', 'strategic_alignment'] },
  { title: 'How they measure success', fields: ['success_measures', 'website'] },
];
const LISTS = new Set<keyof Profile>(['counties', 'services', 'funding_sources']);
const show = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : v === null || v === undefined || v === '' ? '' : String(v));

export function ProfileCard({ profile, canEdit }: { profile: Profile; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <Card withBorder>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h3">
          Profile
        </Title>
        {canEdit && (
          <Button size="xs" variant="default" onClick={() => setEditing(true)}>
            Edit profile
          </Button>
        )}
      </Group>
      <SimpleGrid cols={1}>
        {SECTIONS.map((s) => (
          <Stack key={s.title} gap={4}>
            <Text fw={600} size="sm">
              {s.title}
            </Text>
            {s.fields.map((f) => (
              <Text key={f} size="sm">
                <Text span c="dimmed">
                  {label(f)}:
                </Text>{' '}
                {show(profile[f]) || (
                  <Text span c="dimmed">
                    not recorded
                  </Text>
                )}
              </Text>
            ))}
          </Stack>
        ))}
      </SimpleGrid>
      <Text size="sm" mt="xs" c="dimmed">
        Cadence: a formal touchpoint every {profile.formal_cadence_days} days, an informal one every {profile.informal_cadence_days} days.
      </Text>
      <Contacts profile={profile} canEdit={canEdit} />
      {editing && <ProfileEditor profile={profile} onClose={() => setEditing(false)} />}
    </Card>
  );
}

function ProfileEditor({ profile, onClose }: { profile: Profile; onClose: () => void }) {
  const client = useQueryClient();
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      SECTIONS.flatMap((s) => s.fields).map((f) => [f, Array.isArray(profile[f]) ? (profile[f] as string[]).join('; ') : show(profile[f])]),
    ),
  );
  const [formal, setFormal] = useState<number>(profile.formal_cadence_days);
  const [informal, setInformal] = useState<number>(profile.informal_cadence_days);
  const save = useMutation({
    mutationFn: () =>
      api.saveProfile(profile.partner_id, {
        ...Object.fromEntries(
          Object.entries(draft).map(([k, v]) => [
            k,
            LISTS.has(k as keyof Profile)
              ? v
                  .split(';')
                  .map((x) => x.trim())
                  .filter(Boolean)
              : v.trim() || null,
          ]),
        ),
        formal_cadence_days: formal,
        informal_cadence_days: informal,
      }),
    onSuccess: async () => {
      await client.invalidateQueries();
      onClose();
    },
  });
  return (
    <Modal opened onClose={onClose} title={`Profile of ${profile.name}`} size="xl">
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {Object.keys(draft).map((f) =>
            LISTS.has(f as keyof Profile) || f === 'website' || f === 'funding_cycle' ? (
              <TextInput
                key={f}
                label={`${label(f)}${LISTS.has(f as keyof Profile) ? ' (separate with ;)' : ''}`}
                value={draft[f]}
                onChange={(e) => setDraft({ ...draft, [f]: e.currentTarget.value })}
              />
            ) : (
              <Textarea
                key={f}
                label={label(f)}
                autosize
                minRows={1}
                value={draft[f]}
                onChange={(e) => setDraft({ ...draft, [f]: e.currentTarget.value })}
              />
            ),
          )}
          <NumberInput label="Formal touchpoint every (days)" min={1} max={3650} value={formal} onChange={(v) => setFormal(Number(v))} />
          <NumberInput
            label="Informal touchpoint every (days)"
            min={1}
            max={3650}
            value={informal}
            onChange={(v) => setInformal(Number(v))}
          />
        </SimpleGrid>
        <RuleErrors error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            Save profile
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
