// Creating or editing a value-based contract, through the rules of contracts.csv.
import { Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, type ContractInfo } from '../api';
import { ARRANGEMENTS, LINES_OF_BUSINESS } from '../../domain/ledger/vocabulary';
import { label } from '../format';
import { RuleErrors } from './RuleErrors';

type Contract = ContractInfo['contract'];

export function ContractForm({ partnerId, contract, onClose }: { partnerId: string; contract?: Contract; onClose: () => void }) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [id, setId] = useState(contract?.contract_id ?? '');
  const [name, setName] = useState(contract?.name ?? '');
  const [arrangement, setArrangement] = useState<string | null>(contract?.arrangement ?? null);
  const [startsOn, setStartsOn] = useState(contract?.starts_on ?? '');
  const [endsOn, setEndsOn] = useState(contract?.ends_on ?? '');
  const [lob, setLob] = useState<string | null>(contract?.line_of_business ?? null);
  const [maxIncentive, setMaxIncentive] = useState<number | string>(contract?.max_incentive ?? '');
  const [notice, setNotice] = useState<number | string>(contract?.renewal_notice_days ?? '');
  const save = useMutation({
    mutationFn: () =>
      api.saveContract({
        contract_id: id.trim(),
        partner_id: partnerId,
        name: name.trim(),
        arrangement: arrangement as Contract['arrangement'],
        starts_on: startsOn,
        ends_on: endsOn || null,
        line_of_business: (lob as Contract['line_of_business']) ?? null,
        max_incentive: maxIncentive === '' ? null : Number(maxIncentive),
        renewal_notice_days: notice === '' ? null : Number(notice),
      }),
    onSuccess: async (saved) => {
      await client.invalidateQueries();
      onClose();
      if (!contract) void navigate(`/contracts/${encodeURIComponent(saved.contract_id)}`);
    },
  });
  return (
    <Modal opened onClose={onClose} title={contract ? 'Edit contract' : 'New contract'} size="lg">
      <Stack>
        <Group grow>
          <TextInput label="Contract ID" required disabled={Boolean(contract)} value={id} onChange={(e) => setId(e.currentTarget.value)} />
          <Select
            label="Arrangement"
            required
            placeholder="Choose"
            data={ARRANGEMENTS.map((a) => ({ value: a, label: label(a) }))}
            value={arrangement}
            onChange={setArrangement}
          />
        </Group>
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <Group grow>
          <TextInput label="Starts on" type="date" required value={startsOn} onChange={(e) => setStartsOn(e.currentTarget.value)} />
          <TextInput label="Ends on (empty: open-ended)" type="date" value={endsOn} onChange={(e) => setEndsOn(e.currentTarget.value)} />
        </Group>
        <Group grow>
          <Select
            label="Line of business (empty: all)"
            clearable
            placeholder="All"
            data={LINES_OF_BUSINESS.map((l) => ({ value: l, label: label(l) }))}
            value={lob}
            onChange={setLob}
          />
          <NumberInput label="Maximum incentive ($ a year)" min={0} value={maxIncentive} onChange={setMaxIncentive} thousandSeparator="," />
          <NumberInput label="Renewal notice (days, default 90)" min={0} max={3650} value={notice} onChange={setNotice} />
        </Group>
        <RuleErrors error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!id.trim() || !name.trim() || !arrangement || !startsOn}>
            Save contract
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
