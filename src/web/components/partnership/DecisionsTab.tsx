// The decisions log, newest first, each with any scope change and its follow-up actions (overdue
// ones flagged, done with one click), and a form to record the next decision.
import { Badge, Button, Card, Group, List, Stack, Text, TextInput, Textarea, Title, Select } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, type PartnershipWorkspace } from '../../api';
import { formatDate } from '../../format';
import { RuleErrors } from '../RuleErrors';
import { CsvLink } from './CsvLink';

export function DecisionsTab({ workspace: w, canWrite }: { workspace: PartnershipWorkspace; canWrite: boolean }) {
  const client = useQueryClient();
  const name = new Map(w.members.map((m) => [m.partner_id, m.name]));
  const refresh = () => client.invalidateQueries({ queryKey: ['partnership', w.partnership_id] });
  const done = useMutation({ mutationFn: (id: string) => api.completeFollowUp(id), onSuccess: refresh });
  const decisions = [...w.decisions].sort((a, b) => b.decided_on.localeCompare(a.decided_on));
  return (
    <Stack>
      {canWrite && <DecisionForm workspace={w} />}
      <Group gap="md">
        <CsvLink partnershipId={w.partnership_id} table="decisions">
          Decisions as CSV
        </CsvLink>
        <CsvLink partnershipId={w.partnership_id} table="follow_ups">
          Follow-ups as CSV
        </CsvLink>
      </Group>
      {decisions.map((d) => (
        <Card withBorder key={d.decision_id} role="article" aria-label={`Decision of ${d.decided_on}`}>
          <Group gap="xs">
            <Badge variant="light">{formatDate(d.decided_on)}</Badge>
            {d.scope_change && <Badge color="grape">scope changed</Badge>}
          </Group>
          <Text mt={4}>{d.summary}</Text>
          {d.scope_change && (
            <Text size="sm" c="dimmed">
              {[
                ...d.scope_change.add_in.map((x) => `into scope: ${x}`),
                ...d.scope_change.remove_in.map((x) => `out of scope: ${x}`),
                ...d.scope_change.add_out.map((x) => `explicitly out: ${x}`),
                ...d.scope_change.remove_out.map((x) => `no longer excluded: ${x}`),
              ].join(' · ')}
            </Text>
          )}
          <List size="sm" mt="xs">
            {d.follow_ups.map((f) => (
              <List.Item key={f.follow_up_id}>
                <Group gap={6}>
                  <Text size="sm" td={f.done_on ? 'line-through' : undefined}>
                    {f.title} — {name.get(f.partner_id) ?? f.partner_id}, due {formatDate(f.due_on)}
                  </Text>
                  {f.overdue && <Badge color="red">overdue</Badge>}
                  {f.done_on && (
                    <Text size="xs" c="dimmed">
                      done {formatDate(f.done_on)}
                    </Text>
                  )}
                  {canWrite && !f.done_on && (
                    <Button size="compact-xs" variant="light" onClick={() => done.mutate(f.follow_up_id)} loading={done.isPending}>
                      Mark done
                    </Button>
                  )}
                </Group>
              </List.Item>
            ))}
          </List>
        </Card>
      ))}
    </Stack>
  );
}

function DecisionForm({ workspace: w }: { workspace: PartnershipWorkspace }) {
  const client = useQueryClient();
  const [summary, setSummary] = useState('');
  const [addIn, setAddIn] = useState('');
  const [followUp, setFollowUp] = useState('');
  const [owner, setOwner] = useState<string | null>(null);
  const [due, setDue] = useState('');
  const save = useMutation({
    mutationFn: () =>
      api.recordDecision(w.partnership_id, {
        decided_on: w.today,
        summary,
        scope_change: addIn.trim() ? { add_in: [addIn.trim()], remove_in: [], add_out: [], remove_out: [] } : null,
        follow_ups:
          followUp.trim() && owner && due ? [{ title: followUp.trim(), partner_id: owner, owner_staff_id: null, due_on: due }] : [],
      }),
    onSuccess: async (next) => {
      client.setQueryData(['partnership', w.partnership_id], next);
      await client.invalidateQueries({ queryKey: ['partnerships'] });
      setSummary('');
      setAddIn('');
      setFollowUp('');
      setDue('');
    },
  });
  return (
    <Card withBorder>
      <Title order={3} size="h4">
        Record a decision
      </Title>
      <form
        aria-label="Record a decision"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Textarea label="What was decided" value={summary} onChange={(e) => setSummary(e.currentTarget.value)} required autosize />
        <TextInput label="Brings into scope (optional)" value={addIn} onChange={(e) => setAddIn(e.currentTarget.value)} />
        <Group align="flex-end" mt="xs">
          <TextInput label="Follow-up action" value={followUp} onChange={(e) => setFollowUp(e.currentTarget.value)} w={280} />
          <Select
            label="Owner"
            data={w.members.filter((m) => m.stage === 'committed').map((m) => ({ value: m.partner_id, label: m.name }))}
            value={owner}
            onChange={setOwner}
            w={200}
          />
          <TextInput label="Due" type="date" value={due} onChange={(e) => setDue(e.currentTarget.value)} />
          <Button type="submit" loading={save.isPending} disabled={!summary.trim()}>
            Record decision
          </Button>
        </Group>
        <RuleErrors error={save.error} mt="xs" />
      </form>
    </Card>
  );
}
