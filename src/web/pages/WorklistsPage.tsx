// Worklists: each gap as people to act on, with "log action" right on the row.
import { Badge, Stack, Tabs, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api, type ActionRow, type WorklistInfo } from '../api';
import { WorklistBulkBar } from '../components/WorklistBulkBar';
import { defaultView, WorklistControls, type WorklistView } from '../components/WorklistControls';
import { useWorklistTotals } from '../worklist-totals';
import { Confirmation, loggedDone, type Done } from '../components/Confirmation';
import { LogActionModal } from '../components/LogActionModal';
import { Pager } from '../components/Pager';
import { WorklistItems, type Selection } from '../components/WorklistItems';
import { QueryState } from '../components/QueryState';
import { PageTitle } from '../components/PageTitle';

const SUGGESTED: Record<string, string> = {
  high_risk_no_contact: 'outreach',
  renewal_due_no_guidance: 'renewal_guidance',
  care_management_no_hra: 'hra_call',
  not_reached: 'chw_visit',
};

/** The members ticked on a member list, kept across pages until acted on. */
function useSelection(): Selection & { clear: () => void } {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const toggle = (some: readonly string[], on: boolean) =>
    setIds((prev) => {
      const next = new Set(prev);
      for (const id of some)
        if (on) next.add(id);
        else next.delete(id);
      return next;
    });
  return { ids, toggle, clear: () => setIds(new Set()) };
}

function WorklistTable({ info }: { info: WorklistInfo }) {
  const id = info.id;
  const members = info.subject === 'member';
  const [view, setView] = useState<WorklistView>(defaultView(info));
  const [cursors, setCursors] = useState<string[]>([]);
  // One member from a row's button, or every ticked member (the bulk log).
  const [logFor, setLogFor] = useState<string[] | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const selection = useSelection();
  const client = useQueryClient();
  const staff = useQuery({ queryKey: ['staff'], queryFn: api.staff, enabled: members });
  const staffOptions = (staff.data?.items ?? []).map((s) => ({ value: s.staff_id, label: s.name ?? s.staff_id }));
  const cursor = cursors[cursors.length - 1];
  const list = useQuery({ queryKey: ['worklist', id, view, cursor], queryFn: () => api.worklist(id, { ...view, cursor, limit: 25 }) });
  const data = list.data;
  // The actions of the log under way, counted for its confirmation.
  const logged = useRef<ActionRow[]>([]);
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
        staff={staffOptions}
        onChange={(v) => {
          setView(v);
          setCursors([]);
        }}
      />
      {done && (
        <Confirmation key={done.message} done={done} onDismiss={() => setDone(null)} onUndone={() => void client.invalidateQueries()} />
      )}
      <WorklistBulkBar
        worklistId={id}
        ids={[...selection.ids]}
        staff={staffOptions}
        onLogMany={() => {
          logged.current = [];
          setLogFor([...selection.ids]);
        }}
        onAssigned={(message) => {
          setDone({ message });
          selection.clear();
          void client.invalidateQueries({ queryKey: ['worklist', id] });
        }}
      />
      <QueryState
        loading={list.isLoading}
        error={list.error}
        empty={data?.items.length === 0}
        emptyText="No one is on this worklist today."
      >
        {data && (
          <WorklistItems
            data={data}
            onLog={(m) => {
              logged.current = [];
              setLogFor([m]);
            }}
            selection={members ? selection : undefined}
          />
        )}
      </QueryState>
      <Pager cursors={cursors} next={data?.next_cursor} onChange={setCursors} />
      {logFor && (
        <LogActionModal
          memberId={logFor[0]!}
          memberIds={logFor.length > 1 ? logFor : undefined}
          suggestedType={SUGGESTED[id]}
          clears={info.cleared_by ? { ...info.cleared_by, list: info.title } : undefined}
          opened
          onClose={() => {
            // A bulk log refreshes the page once, when it is over, not once per member.
            if (logFor.length > 1) {
              selection.clear();
              void client.invalidateQueries();
            }
            setLogFor(null);
          }}
          onLogged={(a) => {
            logged.current.push(a);
            // One action: its confirmation with an undo. Several: how many, without an undo of each.
            setDone(
              logFor.length > 1
                ? {
                    message: `Logged ${a.action_type.replace(/_/g, ' ')} for ${logged.current.length} of ${logFor.length} members. The scorecard and the worklists count them now.`,
                  }
                : loggedDone(a),
            );
            if (logFor.length === 1) void client.invalidateQueries();
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
