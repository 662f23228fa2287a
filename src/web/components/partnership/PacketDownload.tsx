// Download the results packet (PDF) for one member organization; a partner account gets its own.
import { Button, Group, Select } from '@mantine/core';
import { useState } from 'react';
import type { PartnershipWorkspace } from '../../api';

export function PacketDownload({ workspace, partnerId }: { workspace: PartnershipWorkspace; partnerId: string | null }) {
  const committed = workspace.members.filter((m) => m.stage === 'committed' && (partnerId === null || m.partner_id === partnerId));
  const [chosen, setChosen] = useState<string | null>(committed[0]?.partner_id ?? null);
  if (committed.length === 0) return null;
  const href = `/api/partnerships/${encodeURIComponent(workspace.partnership_id)}/packet?for=${encodeURIComponent(chosen ?? '')}`;
  return (
    <Group align="flex-end" gap="xs">
      <Select
        label="Results packet for"
        data={committed.map((m) => ({ value: m.partner_id, label: m.name }))}
        value={chosen}
        onChange={setChosen}
        allowDeselect={false}
        w={240}
      />
      <Button component="a" href={href} download disabled={!chosen}>
        Download packet (PDF)
      </Button>
    </Group>
  );
}
