// The market in a partner's playbook: who else is there and what each can and cannot deliver.
// Read as a table; while the playbook is being edited, each cell is a field and rows can be
// added or removed.
import { ActionIcon, Button, Card, Table, Text, TextInput, Title } from '@mantine/core';
import type { PlaybookDoc } from '../api';
import { ActionColumnHeader } from './TableBits';

type Player = PlaybookDoc['market_players'][number];
const COLUMNS: [keyof Player, string][] = [
  ['name', 'Player'],
  ['role', 'Role'],
  ['can_deliver', 'Can deliver'],
  ['cannot_deliver', 'Cannot deliver'],
];

export function MarketPlayers(props: { players: Player[]; onChange: ((players: Player[]) => void) | null }) {
  const { players, onChange } = props;
  const set = (i: number, field: keyof Player, value: string) =>
    onChange?.(players.map((p, j) => (j === i ? { ...p, [field]: value } : p)));
  return (
    <Card withBorder>
      <Title order={2} size="h3" mb="xs">
        The market
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table aria-label="Market players">
          <Table.Thead>
            <Table.Tr>
              {COLUMNS.map(([, h]) => (
                <Table.Th key={h}>{h}</Table.Th>
              ))}
              {onChange && <ActionColumnHeader />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {players.map((p, i) => (
              // Names can repeat while being typed; the position is the row's identity here.
              <Table.Tr key={i}>
                {COLUMNS.map(([field, h]) => (
                  <Table.Td key={field}>
                    {onChange ? (
                      <TextInput
                        aria-label={`${h}, row ${i + 1}`}
                        value={p[field]}
                        onChange={(e) => set(i, field, e.currentTarget.value)}
                      />
                    ) : (
                      p[field]
                    )}
                  </Table.Td>
                ))}
                {onChange && (
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`Remove ${p.name || `row ${i + 1}`}`}
                      onClick={() => onChange(players.filter((_, j) => j !== i))}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {players.length === 0 && !onChange && (
        <Text size="sm" c="dimmed">
          No players written down yet.
        </Text>
      )}
      {onChange && (
        <Button
          variant="light"
          mt="xs"
          w="fit-content"
          onClick={() => onChange([...players, { name: '', role: '', can_deliver: '', cannot_deliver: '' }])}
        >
          Add a player
        </Button>
      )}
    </Card>
  );
}
