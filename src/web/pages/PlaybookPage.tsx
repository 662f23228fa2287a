// A partner's playbook (seed 003): the market, the outcomes required, our differentiator, what we
// want, the payer's Star Ratings, and the gap analysis with its plan-do-study-act improvements.
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type PlaybookDoc } from '../api';
import { QueryState } from '../components/QueryState';
import { GapAnalysis } from '../components/GapAnalysis';
import { MarketPlayers } from '../components/MarketPlayers';
import { StarConverter, StarRatings } from '../components/StarRatings';
import { label } from '../format';
import { PageTitle } from '../components/PageTitle';

const WANTS: (keyof PlaybookDoc['wants'])[] = [
  'financial_requirements',
  'timelines',
  'outcomes_we_can_meet',
  'data_we_need',
  'financial_risk',
];
const TEXTS = ['required_outcomes', 'differentiator'] as const;

/** A player row added and left empty is not a player. */
function withoutBlankPlayers(doc: PlaybookDoc): PlaybookDoc {
  return { ...doc, market_players: doc.market_players.filter((p) => Object.values(p).some((v) => v.trim() !== '')) };
}

export function PlaybookPage() {
  const { partnerId = '' } = useParams();
  const client = useQueryClient();
  const me = useQuery({ queryKey: ['me'], queryFn: api.me, staleTime: Infinity });
  const canWrite = ['admin', 'manager'].includes(me.data?.user?.role ?? '');
  const profile = useQuery({ queryKey: ['profile', partnerId], queryFn: () => api.profile(partnerId) });
  const info = useQuery({ queryKey: ['playbook', partnerId], queryFn: () => api.playbook(partnerId) });
  const [draft, setDraft] = useState<PlaybookDoc | null>(null);
  const save = useMutation({
    mutationFn: (doc: PlaybookDoc) => api.savePlaybook(partnerId, doc),
    onSuccess: async () => {
      setDraft(null);
      await client.invalidateQueries({ queryKey: ['playbook', partnerId] });
    },
  });
  const doc = info.data?.playbook;
  const editing = draft !== null;
  const shown = draft ?? doc;
  return (
    <QueryState loading={info.isLoading} error={info.error}>
      {shown && (
        <Stack>
          <Anchor component={Link} to={`/partners/${encodeURIComponent(partnerId)}`} size="sm">
            ← {profile.data?.name ?? partnerId}
          </Anchor>
          <Group justify="space-between">
            <PageTitle>{`Playbook: ${profile.data?.name ?? partnerId}`}</PageTitle>
            {canWrite && !editing && <Button onClick={() => setDraft(structuredClone(doc!))}>Edit playbook</Button>}
            {editing && (
              <Group gap="xs">
                <Button variant="default" onClick={() => setDraft(null)}>
                  Cancel
                </Button>
                <Button loading={save.isPending} onClick={() => save.mutate(withoutBlankPlayers(draft))}>
                  Save playbook
                </Button>
              </Group>
            )}
          </Group>
          {(info.data?.overdue_improvements ?? 0) > 0 && (
            <Badge color="red">{info.data!.overdue_improvements} improvement item(s) past due</Badge>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Card withBorder>
              <Title order={2} size="h3" mb="xs">
                What they need and what sets us apart
              </Title>
              {TEXTS.map((f) =>
                editing ? (
                  <Textarea
                    key={f}
                    label={label(f)}
                    autosize
                    value={draft[f]}
                    onChange={(e) => setDraft({ ...draft, [f]: e.currentTarget.value })}
                  />
                ) : (
                  <Text key={f} size="sm" mb={4}>
                    <Text span c="dimmed">
                      {label(f)}:
                    </Text>{' '}
                    {shown[f] || '—'}
                  </Text>
                ),
              )}
              {editing ? (
                <TextInput
                  label="CMS contract numbers (Medicare Advantage), separated by commas"
                  value={draft.cms_contract_ids.join(', ')}
                  onChange={(e) =>
                    setDraft({
                      ...draft,
                      cms_contract_ids: e.currentTarget.value
                        .split(/[,\s]+/)
                        .filter(Boolean)
                        .map((x) => x.toUpperCase()),
                    })
                  }
                />
              ) : (
                <Text size="sm">
                  <Text span c="dimmed">
                    CMS contracts:
                  </Text>{' '}
                  {shown.cms_contract_ids.join(', ') || '—'}
                </Text>
              )}
            </Card>
            <Card withBorder>
              <Title order={2} size="h3" mb="xs">
                What we want
              </Title>
              {WANTS.map((f) =>
                editing ? (
                  <Textarea
                    key={f}
                    label={label(f)}
                    autosize
                    value={draft.wants[f]}
                    onChange={(e) => setDraft({ ...draft, wants: { ...draft.wants, [f]: e.currentTarget.value } })}
                  />
                ) : (
                  <Text key={f} size="sm" mb={4}>
                    <Text span c="dimmed">
                      {label(f)}:
                    </Text>{' '}
                    {shown.wants[f] || '—'}
                  </Text>
                ),
              )}
            </Card>
          </SimpleGrid>
          <MarketPlayers
            players={shown.market_players}
            onChange={editing ? (market_players) => setDraft({ ...draft, market_players }) : null}
          />
          <StarRatings contracts={info.data!.star_contracts} />
          <StarConverter />
          <GapAnalysis doc={shown} canWrite={canWrite} onSave={(d) => save.mutate(d)} />
        </Stack>
      )}
    </QueryState>
  );
}
