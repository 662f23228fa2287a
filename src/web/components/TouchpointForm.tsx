// Logging a touchpoint with a partner (and, optionally, the follow-up it produced): nothing is
// pre-filled but today's date, so one click cannot invent a meeting. A scorecard review of a
// contract keeps the contract scorecard of the reviewed year as it stands today.
import { Button, Group, Modal, Select, Stack, TextInput, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { RuleErrors } from './RuleErrors';
import { TOUCHPOINT_KINDS, TOUCHPOINT_TYPES } from '../../domain/ledger/vocabulary';
import { label, todayLocal } from '../format';

export function TouchpointForm({
  partnerId,
  contracts,
  opened,
  onClose,
}: {
  partnerId: string;
  contracts: { contract_id: string; name: string }[];
  opened: boolean;
  onClose: () => void;
}) {
  const client = useQueryClient();
  const [occurredOn, setOccurredOn] = useState(todayLocal());
  const [kind, setKind] = useState<string | null>(null);
  const [type, setType] = useState<string | null>(null);
  const [contractId, setContractId] = useState<string | null>(null);
  const [summary, setSummary] = useState('');
  const [nextStep, setNextStep] = useState('');
  const [dueOn, setDueOn] = useState('');
  const save = useMutation({
    mutationFn: async () => {
      const tp = await api.recordTouchpoint({
        partner_id: partnerId,
        occurred_on: occurredOn,
        kind: kind as 'formal',
        type: type as 'meeting',
        contract_id: contractId,
        summary: summary || null,
        next_step: nextStep || null,
      });
      if (nextStep && dueOn)
        await api.recordFollowUp({ partner_id: partnerId, touchpoint_id: tp.touchpoint_id, title: nextStep, due_on: dueOn });
      return tp;
    },
    onSuccess: async () => {
      await client.invalidateQueries();
      setKind(null);
      setType(null);
      setSummary('');
      setNextStep('');
      setDueOn('');
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Log a touchpoint" size="lg">
      <Stack>
        <Group grow>
          <TextInput label="Date" type="date" required value={occurredOn} onChange={(e) => setOccurredOn(e.currentTarget.value)} />
          <Select
            label="Formal or informal"
            required
            placeholder="Choose"
            data={TOUCHPOINT_KINDS.map((k) => ({ value: k, label: label(k) }))}
            value={kind}
            onChange={setKind}
          />
        </Group>
        <Group grow>
          <Select
            label="Type"
            required
            placeholder="Choose"
            data={TOUCHPOINT_TYPES.map((t) => ({ value: t, label: label(t) }))}
            value={type}
            onChange={setType}
          />
          <Select
            label="Contract (optional)"
            clearable
            placeholder="None"
            data={contracts.map((c) => ({ value: c.contract_id, label: c.name }))}
            value={contractId}
            onChange={setContractId}
          />
        </Group>
        <Textarea label="What was discussed" autosize minRows={2} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} />
        <Group grow align="flex-start">
          <TextInput label="Next step (becomes a follow-up)" value={nextStep} onChange={(e) => setNextStep(e.currentTarget.value)} />
          <TextInput
            label="Follow-up due"
            type="date"
            value={dueOn}
            onChange={(e) => setDueOn(e.currentTarget.value)}
            disabled={!nextStep}
          />
        </Group>
        <RuleErrors error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={!kind || !type || !occurredOn || (Boolean(nextStep) && !dueOn)}
          >
            Save touchpoint
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
