// Worklists: each gap as people to act on, with "log action" right on the row.
import { Badge, Stack, Tabs, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type WorklistInfo } from '../api';
import { defaultView, WorklistControls, type WorklistView } from '../components/WorklistControls';
import { useWorklistTotals } from '../worklist-totals';
import { Confirmation, loggedDone, type Done } from '../components/Confirmation';
import { LogActionModal } from '../components/LogActionModal';
import { Pager } from '../components/Pager';
import { WorklistItems } from '../components/WorklistItems';
import { QueryState } from '../components/QueryState';
import { PageTitle } from '../components/PageTitle';

const SUGGESTED: Record<string, string> = {
  high_risk_no_contact: 'outreach',
  renewal_due_no_guidance: 'renewal_guidance',
  care_management_no_hra: 'hra_call',
  not_reached: 'chw_visit',
};

function WorklistTable({ info }: { info: WorklistInfo }) {
  const id = info.id;
  const [view, setView] = useState<WorklistView>(defaultView(info));
  const [cursors, setCursors] = useState<string[]>([]);
  const [logFor, setLogFor] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const client = useQueryClient();
  const cursor = cursors[cursors.length - 1];
  const list = useQuery({ queryKey: ['worklist', id, view, cursor], queryFn: () => api.worklist(id, { ...view, cursor, limit: 25 }) });
  const data = list.data;
  return (
    <Stack mt="md">
      {data && (
        <Text size="sm" c="dimmed">
          {data.worklist.description} {data.total.toLocaleString('en-US')} as of {data.as_of}.
          {info.cleared_by ? ` A member comes off this list with ${info.cleared_by.text}.` : ''}
        </Text>
      )}
      <WorklistControls
        info={info}
        view={view}
        onChange={(v) => {
          setView(v);
          setCursors([]);
        }}
      />
      {done && (
        <Confirmation key={done.message} done={done} onDismiss={() => setDone(null)} onUndone={() => void client.invalidateQueries()} />
      )}
      <QueryState
        loading={list.isLoading}
        error={list.error}
        empty={data?.items.length === 0}
        emptyText="No one is on this worklist today."
      >
        {data && <WorklistItems data={data} onLog={setLogFor} />}
      </QueryState>
      <Pager cursors={cursors} next={data?.next_cursor} onChange={setCursors} />
      {logFor && (
        <LogActionModal
          memberId={logFor}
          suggestedType={SUGGESTED[id]}
          clears={info.cleared_by ? { ...info.cleared_by, list: info.title } : undefined}
          opened
          onClose={() => setLogFor(null)}
          onLogged={(a) => {
            setDone(loggedDone(a));
            void client.invalidateQueries();
          }}
        />
      )}
    </Stack>
  );
}

export function WorklistsPage() {
  const [params, setParams] = useSearchParams();
  const lists = useQuery({ queryKey: ['worklists'], queryFn: api.worklists, staleTime: Infinity });
  const totals = new Map(useWorklistTotals().map((t) => [t.worklist.id, t.total]));
  const active = params.get('list') ?? lists.data?.worklists[0]?.id ?? null;
  return (
    <Stack>
      <PageTitle>Worklists</PageTitle>
      <Text c="dimmed" size="sm">
        Who to reach next, and why. Logging an action here updates the scorecard.
      </Text>
      <QueryState loading={lists.isLoading} error={lists.error}>
        <Tabs value={active} onChange={(v) => v && setParams({ list: v })} keepMounted={false}>
          <Tabs.List>
            {lists.data?.worklists.map((w) => (
              // A long title wraps instead of widening a phone's page.
              <Tabs.Tab key={w.id} value={w.id} maw="100%" style={{ whiteSpace: 'normal', textAlign: 'left' }}>
                {w.title}
                {totals.get(w.id) != null && (
                  <Badge size="sm" variant="light" ml={6} aria-label={`${totals.get(w.id)} on this list`}>
                    {totals.get(w.id)!.toLocaleString('en-US')}
                  </Badge>
                )}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {lists.data?.worklists.map((w) => (
            <Tabs.Panel key={w.id} value={w.id}>
              <WorklistTable info={w} />
            </Tabs.Panel>
          ))}
        </Tabs>
      </QueryState>
    </Stack>
  );
}
