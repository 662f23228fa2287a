// Logging a plan action from wherever the gap shows (a worklist row, a member's page). The server
// validates it exactly like an imported row; its reasons are shown next to the form. Nothing is
// pre-filled that the person logging did not see happen: the outcome must be chosen (a
// successful contact is never one click away), personalized is off and minutes empty. A campaign
// touch asks for its campaign. Given several members (a worklist's selection), it logs the same
// action for each, one request apiece, and reports any the server refused.
import { Alert, Button, Checkbox, Group, List, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ACTION_TYPES, CHANNELS, OUTCOMES } from '../../domain/ledger/vocabulary';
import { api, ApiError, type ActionRow, type NewAction } from '../api';
import { ClearsNote, type Clears } from './ClearsNote';

function localNow(): string {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
}

export function LogActionModal({
  memberId,
  suggestedType,
  opened,
  onClose,
  onLogged,
  clears,
  memberIds,
}: {
  memberId: string;
  /** Log the same action for each of these members (memberId is then the first). */
  memberIds?: readonly string[];
  suggestedType?: string;
  /** The worklist it is logged from and what clears it: the form says whether this action will. */
  clears?: Clears;
  opened: boolean;
  onClose: () => void;
  /** Called once per action recorded. */
  onLogged: (action: ActionRow) => void;
}) {
  const everyone = memberIds ?? [memberId];
  // On a phone the form takes the screen and its fields stack, so its buttons are never off-screen.
  const phone = useMediaQuery('(max-width: 48em)');
  const staff = useQuery({ queryKey: ['staff'], queryFn: api.staff, enabled: opened });
  const [type, setType] = useState<string | null>(suggestedType ?? 'outreach');
  const [when, setWhen] = useState(localNow());
  const [channel, setChannel] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [staffId, setStaffId] = useState<string | null>(null);
  const [personalized, setPersonalized] = useState(false);
  const [minutes, setMinutes] = useState<string | number>('');
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const campaigns = useQuery({ queryKey: ['campaigns'], queryFn: api.campaigns, enabled: opened && type === 'campaign_touch' });
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);

  const [progress, setProgress] = useState(0);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setError(null);
    const action = (member_id: string) =>
      ({
        member_id,
        action_type: type,
        occurred_at: new Date(when).toISOString(),
        channel,
        outcome,
        staff_id: staffId,
        personalized,
        minutes: minutes === '' ? null : Number(minutes),
        ...(type === 'campaign_touch' ? { campaign_id: campaignId } : {}),
      }) as NewAction;
    const refused: string[] = [];
    let failure: ApiError | null = null;
    for (const [i, id] of everyone.entries()) {
      setProgress(i);
      try {
        onLogged((await api.recordAction(action(id))).action);
      } catch (e) {
        failure = e instanceof ApiError ? e : new ApiError({ status: 0, code: 'network', detail: 'The server could not be reached.' });
        refused.push(id);
      }
    }
    setSaving(false);
    if (!failure) return onClose();
    // Say who was not logged (and why, from the last refusal); those logged stay logged.
    setError(
      everyone.length > 1
        ? new ApiError({ ...failure.problem, detail: `Not logged for ${refused.join(', ')}: ${failure.message}` })
        : failure,
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={everyone.length > 1 ? `Log the same action for ${everyone.length} members` : `Log an action for ${memberId}`}
      size="lg"
      fullScreen={phone}
    >
      <form onSubmit={submit} aria-label="Log an action">
        <Stack>
          {error && (
            <Alert color="red" title={error.message} role="alert">
              {error.problem.errors && (
                <List size="sm">
                  {error.problem.errors.map((e) => (
                    <List.Item key={e.column + e.reason}>{e.reason}</List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label="Action" data={ACTION_TYPES} value={type} onChange={setType} allowDeselect={false} required />
            <TextInput label="When" type="datetime-local" value={when} onChange={(e) => setWhen(e.currentTarget.value)} required />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label="Channel" data={CHANNELS} value={channel} onChange={setChannel} clearable />
            <Select label="Outcome" placeholder="What happened" data={OUTCOMES} value={outcome} onChange={setOutcome} required />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Staff"
              placeholder="Who acted"
              searchable
              clearable
              data={(staff.data?.items ?? []).map((s) => ({
                value: s.staff_id,
                label: `${s.name ?? s.staff_id} (${s.role}${s.partner_id ? ', partner' : ''})`,
              }))}
              value={staffId}
              onChange={setStaffId}
            />
            <NumberInput label="Minutes" min={0} value={minutes} onChange={setMinutes} />
          </SimpleGrid>
          {type === 'campaign_touch' && (
            <Select
              label="Campaign"
              placeholder="Which campaign"
              data={(campaigns.data?.items ?? []).map((c) => ({ value: c.campaign_id, label: c.name }))}
              value={campaignId}
              onChange={setCampaignId}
              required
            />
          )}
          {clears && <ClearsNote clears={clears} memberId={memberId} type={type} outcome={outcome} />}
          <Checkbox label="Personalized to this member" checked={personalized} onChange={(e) => setPersonalized(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving} disabled={!outcome || (type === 'campaign_touch' && !campaignId)}>
              {everyone.length > 1 ? `Log for ${everyone.length} members` : 'Log action'}
            </Button>
            {saving && everyone.length > 1 && (
              <Text size="sm" role="status">
                {progress + 1} of {everyone.length}…
              </Text>
            )}
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
