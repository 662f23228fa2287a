// A worklist page's people: a table on a wide screen, one card per person on a phone, where a
// seven-column table would push "Log action" off the screen. Both put the reason and the action
// next to the name.
import { Anchor, Badge, Button, Card, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { Worklist } from '../api';
import { label } from '../format';
import { MemberLink, ActionColumnHeader, TARGET } from './TableBits';

type Item = Worklist['items'][number];

function Subject({ item }: { item: Item }): React.JSX.Element {
  if (item.subject !== 'member') return <>{item.id}</>;
  const phone = item.contact?.phone;
  return (
    <>
      <MemberLink id={item.id} />
      {phone && (
        <Anchor href={`tel:${phone.replace(/[^\d+]/g, '')}`} size="xs" c="dimmed" style={{ ...TARGET, display: 'block' }}>
          {phone}
        </Anchor>
      )}
    </>
  );
}

function LogButton({ item, onLog }: { item: Item; onLog: (id: string) => void }): React.JSX.Element | null {
  if (item.subject !== 'member') return null;
  return (
    <Button size="xs" variant="light" onClick={() => onLog(item.id)} aria-label={`Log action for ${item.id}`}>
      Log action
    </Button>
  );
}

/** The priority score and the signals behind it: who to call first, and why. */
function WhyFirst({ priority }: { priority: NonNullable<Item['priority']> }): React.JSX.Element {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Badge
        variant="light"
        color={priority.score >= 6 ? 'red' : priority.score >= 3 ? 'orange' : 'gray'}
        aria-label={`priority ${priority.score}`}
      >
        {priority.score}
      </Badge>
      <Text size="sm">{priority.reasons || 'no other signal'}</Text>
    </Group>
  );
}

/** Which members are ticked for a bulk log or an assignment (member lists only). */
export interface Selection {
  ids: ReadonlySet<string>;
  toggle: (ids: readonly string[], on: boolean) => void;
}

function Tick({ item, selection }: { item: Item; selection?: Selection }): React.JSX.Element | null {
  if (!selection || item.subject !== 'member') return null;
  return (
    <Checkbox
      aria-label={`Select ${item.id}`}
      checked={selection.ids.has(item.id)}
      onChange={(e) => selection.toggle([item.id], e.currentTarget.checked)}
    />
  );
}

const assignee = (item: Item): string => item.assigned_to?.name ?? 'nobody';

export function WorklistItems({
  data,
  onLog,
  selection,
}: {
  data: Worklist;
  onLog: (id: string) => void;
  selection?: Selection;
}): React.JSX.Element {
  const phone = useMediaQuery('(max-width: 48em)');
  const { columns, subject, title } = data.worklist;
  const pageIds = data.items.map((i) => i.id);
  const allTicked = pageIds.length > 0 && pageIds.every((id) => selection?.ids.has(id));
  if (phone) {
    return (
      <Stack gap="xs" role="list" aria-label={title}>
        {data.items.map((item) => (
          <Card key={item.id} withBorder padding="sm" role="listitem">
            <Group justify="space-between" wrap="nowrap">
              <Group gap="xs" wrap="nowrap">
                <Tick item={item} selection={selection} />
                <Text fw={600}>
                  <Subject item={item} />
                </Text>
              </Group>
              <LogButton item={item} onLog={onLog} />
            </Group>
            <Text size="sm">{item.reason}</Text>
            {item.priority && <WhyFirst priority={item.priority} />}
            <Text size="xs" c="dimmed">
              {[
                ...columns.map((c) => `${label(c)}: ${item.details[c] ?? '—'}`),
                ...(item.subject === 'member' ? [`Assigned to: ${assignee(item)}`] : []),
              ].join(' · ')}
            </Text>
          </Card>
        ))}
      </Stack>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            {selection && subject === 'member' && (
              <Table.Th>
                <Checkbox
                  aria-label="Select everyone on this page"
                  checked={allTicked}
                  onChange={(e) => selection.toggle(pageIds, e.currentTarget.checked)}
                />
              </Table.Th>
            )}
            <Table.Th>{subject === 'member' ? 'Member' : 'Staff'}</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c}>{label(c)}</Table.Th>
            ))}
            <Table.Th>Why</Table.Th>
            {subject === 'member' && <Table.Th>Why first</Table.Th>}
            {subject === 'member' && <Table.Th>Assigned to</Table.Th>}
            {subject === 'member' && <ActionColumnHeader />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((item) => (
            <Table.Tr key={item.id}>
              {selection && item.subject === 'member' && (
                <Table.Td>
                  <Tick item={item} selection={selection} />
                </Table.Td>
              )}
              <Table.Td>
                <Subject item={item} />
              </Table.Td>
              {columns.map((c) => (
                <Table.Td key={c}>{item.details[c] ?? '—'}</Table.Td>
              ))}
              <Table.Td>{item.reason}</Table.Td>
              {item.priority && (
                <Table.Td>
                  <WhyFirst priority={item.priority} />
                </Table.Td>
              )}
              {item.subject === 'member' && <Table.Td>{assignee(item)}</Table.Td>}
              {item.subject === 'member' && (
                <Table.Td>
                  <LogButton item={item} onLog={onLog} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
