// Community engagement: meetings with the community, who took part, which groups were heard and
// what changed because of it — so each voice is seen to count.
import { Badge, Button, Card, Group, NumberInput, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type PartnershipWorkspace } from '../../api';
import { formatDate } from '../../format';
import { RuleErrors } from '../RuleErrors';

export function CommunityTab({ workspace: w, canWrite }: { workspace: PartnershipWorkspace; canWrite: boolean }) {
  const meetings = [...w.engagements].sort((a, b) => b.held_on.localeCompare(a.held_on));
  const groups = new Set(w.engagements.flatMap((e) => e.groups_heard));
  return (
    <Stack>
      <Text size="sm">
        {w.engagements.length} meeting{w.engagements.length === 1 ? '' : 's'} with the community, {groups.size} group
        {groups.size === 1 ? '' : 's'} heard, {w.engagements.filter((e) => e.what_changed.trim()).length} that changed what the partnership
        does.
      </Text>
      {canWrite && <EngagementForm workspace={w} />}
      {meetings.map((e) => (
        <Card withBorder key={e.engagement_id}>
          <Group gap="xs">
            <Badge variant="light">{formatDate(e.held_on)}</Badge>
            <Text fw={500}>{e.title}</Text>
            <Text size="sm" c="dimmed">
              {e.participants} people
            </Text>
          </Group>
          <Group gap={4} mt={4}>
            {e.groups_heard.map((g) => (
              <Badge key={g} color="grape" variant="light">
                {g}
              </Badge>
            ))}
          </Group>
          <Text size="sm" mt={4}>
            <Text span c="dimmed">
              We heard:{' '}
            </Text>
            {e.what_we_heard || '—'}
          </Text>
          <Text size="sm">
            <Text span c="dimmed">
              What changed:{' '}
            </Text>
            {e.what_changed || 'nothing yet'}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

function EngagementForm({ workspace: w }: { workspace: PartnershipWorkspace }) {
  const client = useQueryClient();
  const [title, setTitle] = useState('');
  const [people, setPeople] = useState<number | string>('');
  const [groups, setGroups] = useState('');
  const [heard, setHeard] = useState('');
  const [changed, setChanged] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.partnershipEngagement(w.partnership_id, `E${w.engagements.length + 1}-${Date.now().toString(36)}`, {
        held_on: w.today,
        title,
        participants: Number(people || 0),
        groups_heard: groups
          .split(/[;,]/)
          .map((g) => g.trim())
          .filter(Boolean),
        what_we_heard: heard,
        what_changed: changed,
      }),
    onSuccess: (next) => {
      client.setQueryData(['partnership', w.partnership_id], next);
      setTitle('');
      setPeople('');
      setGroups('');
      setHeard('');
      setChanged('');
    },
  });
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        Record a community meeting (today)
      </Title>
      <Group align="flex-end">
        <TextInput label="Meeting" value={title} onChange={(e) => setTitle(e.currentTarget.value)} w={280} />
        <NumberInput label="People" value={people} onChange={setPeople} min={0} w={100} />
        <TextInput label="Groups heard (comma-separated)" value={groups} onChange={(e) => setGroups(e.currentTarget.value)} w={280} />
      </Group>
      <Textarea label="What we heard" value={heard} onChange={(e) => setHeard(e.currentTarget.value)} autosize />
      <Textarea label="What changed because of it" value={changed} onChange={(e) => setChanged(e.currentTarget.value)} autosize />
      <Button mt="xs" w="fit-content" onClick={() => save.mutate()} loading={save.isPending} disabled={!title.trim()}>
        Save meeting
      </Button>
      <RuleErrors error={save.error} mt="xs" />
    </Card>
  );
}
