// The multi-year plan as a timeline: each phase a band, each activity a bar from start to due
// date (milestones marked, overdue in red, done struck through), with its owner, whether it is
// done together or alone, and what it waits on. Managers add or change activities below it.
import { Badge, Box, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { PartnershipWorkspace } from '../../api';
import { formatDate } from '../../format';
import { ActivityForm } from './ActivityForm';
import { CsvLink } from './CsvLink';
import { PhaseForm } from './PhaseForm';

const day = (d: string): number => Date.parse(`${d}T00:00:00Z`);

export function PlanTimeline({ workspace: w, canWrite }: { workspace: PartnershipWorkspace; canWrite: boolean }) {
  const dates = [...w.phases.flatMap((p) => [p.starts_on, p.ends_on]), ...w.activities.flatMap((a) => [a.starts_on, a.due_on])];
  if (dates.length === 0) return canWrite ? <PhaseForm workspace={w} /> : <Text c="dimmed">No plan yet.</Text>;
  const from = Math.min(...dates.map(day));
  const to = Math.max(...dates.map(day));
  const pct = (d: string): string => `${(((day(d) - from) / (to - from || 1)) * 100).toFixed(2)}%`;
  const width = (a: string, b: string): string => `${Math.max(1, ((day(b) - day(a)) / (to - from || 1)) * 100).toFixed(2)}%`;
  const name = new Map(w.members.map((m) => [m.partner_id, m.name]));
  const todayLeft = day(w.today) >= from && day(w.today) <= to ? pct(w.today) : null;
  return (
    <Stack>
      <CsvLink partnershipId={w.partnership_id} table="activities">
        Download the plan as CSV
      </CsvLink>
      <Text size="sm" c="dimmed">
        Bars run from start to due date. ◆ marks a milestone; red is overdue; solid is done together, outlined is one organization’s own
        work. The dashed line is today.
      </Text>
      <Box role="list" aria-label="Plan timeline" pos="relative">
        {todayLeft && (
          <Box
            pos="absolute"
            top={0}
            bottom={0}
            left={todayLeft}
            style={{ borderLeft: '2px dashed var(--mantine-color-dark-3)', zIndex: 1 }}
          />
        )}
        {[...w.phases]
          .sort((a, b) => a.ordinal - b.ordinal)
          .map((p) => (
            <Box key={p.phase_id} mb="sm">
              <Box pos="relative" h={24} bg="gray.1" style={{ borderRadius: 4 }}>
                <Box
                  pos="absolute"
                  left={pct(p.starts_on)}
                  w={width(p.starts_on, p.ends_on)}
                  h={24}
                  bg="gray.3"
                  style={{ borderRadius: 4 }}
                />
                <Text pos="absolute" left={8} top={2} size="sm" fw={600}>
                  {p.name}
                </Text>
              </Box>
              {w.activities
                .filter((a) => a.phase_id === p.phase_id)
                .map((a) => {
                  const color = a.done_on
                    ? 'var(--mantine-color-green-6)'
                    : a.overdue
                      ? 'var(--mantine-color-red-6)'
                      : 'var(--mantine-color-blue-6)';
                  const owner = a.owner_partner_id ? (name.get(a.owner_partner_id) ?? a.owner_partner_id) : 'the partnership';
                  return (
                    <Box key={a.activity_id} role="listitem" aria-label={`${a.title}${a.overdue ? ', overdue' : ''}`} mt={6}>
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm" td={a.done_on ? 'line-through' : undefined}>
                          {a.milestone ? '◆ ' : ''}
                          {a.title}
                        </Text>
                        {a.overdue && <Badge color="red">overdue</Badge>}
                        <Text size="xs" c="dimmed">
                          {owner} · {a.integrated ? 'together' : 'on its own'} · due {formatDate(a.due_on)}
                          {a.depends_on.length ? ` · after ${a.depends_on.join(', ')}` : ''}
                        </Text>
                      </Group>
                      <Box pos="relative" h={10}>
                        <Tooltip label={`${formatDate(a.starts_on)} – ${formatDate(a.due_on)}`}>
                          <Box
                            pos="absolute"
                            left={pct(a.starts_on)}
                            w={width(a.starts_on, a.due_on)}
                            h={10}
                            style={{ borderRadius: 3, border: `2px solid ${color}`, background: a.integrated ? color : 'transparent' }}
                          />
                        </Tooltip>
                      </Box>
                    </Box>
                  );
                })}
            </Box>
          ))}
      </Box>
      {canWrite && (
        <>
          <Title order={3} size="h4">
            Add or change an activity
          </Title>
          <ActivityForm workspace={w} />
          <PhaseForm workspace={w} />
        </>
      )}
    </Stack>
  );
}
