// A worklist's order, filters and download (issue 15, work queues). The order defaults to "who to
// call first" (the API's priority score); filters are the detail columns the list can be cut by.
import { Anchor, Group, Select, TextInput } from '@mantine/core';
import { useState } from 'react';
import { LINES_OF_BUSINESS } from '../../domain/ledger/vocabulary';
import { query, type WorklistInfo } from '../api';
import { label } from '../format';

export type WorklistView = { sort: string } & Partial<Record<'line_of_business' | 'county' | 'language' | 'assigned_to', string>>;

const SORT_LABELS: Record<string, string> = { priority: 'Who to call first', subject_id: 'Staff id', member_id: 'Member id' };

/** A member list opens in priority order; a staff list in its own first order. */
export const defaultView = (info: WorklistInfo): WorklistView => ({ sort: info.sorts.includes('priority') ? 'priority' : info.sorts[0]! });

function TextFilter({ name, value, onChange }: { name: string; value: string | undefined; onChange: (v: string) => void }) {
  const [draft, setDraft] = useState(value ?? '');
  return (
    <TextInput
      label={label(name)}
      placeholder="Any"
      w={150}
      value={draft}
      onChange={(e) => setDraft(e.currentTarget.value)}
      onBlur={() => onChange(draft.trim())}
      onKeyDown={(e) => e.key === 'Enter' && onChange(draft.trim())}
    />
  );
}

export function WorklistControls({
  info,
  view,
  staff,
  onChange,
}: {
  info: WorklistInfo;
  view: WorklistView;
  /** Staff to filter member lists by assignee. */
  staff: { value: string; label: string }[];
  onChange: (v: WorklistView) => void;
}) {
  const set = (key: string, value: string) => onChange({ ...view, [key]: value || undefined });
  return (
    <Group align="flex-end" wrap="wrap">
      <Select
        label="Order"
        w={200}
        data={info.sorts.map((s) => ({ value: s, label: SORT_LABELS[s] ?? label(s) }))}
        value={view.sort}
        onChange={(s) => s && set('sort', s)}
        allowDeselect={false}
      />
      {info.filters.map((f) =>
        f === 'line_of_business' ? (
          <Select
            key={f}
            label={label(f)}
            placeholder="Any"
            w={170}
            clearable
            data={LINES_OF_BUSINESS}
            value={view[f] ?? null}
            onChange={(v) => set(f, v ?? '')}
          />
        ) : (
          <TextFilter key={f} name={f} value={view[f as keyof WorklistView]} onChange={(v) => set(f, v)} />
        ),
      )}
      {info.subject === 'member' && (
        <Select
          label="Assigned to"
          placeholder="Anyone"
          w={190}
          clearable
          searchable
          data={[{ value: 'nobody', label: 'No one yet' }, ...staff]}
          value={view.assigned_to ?? null}
          onChange={(v) => set('assigned_to', v ?? '')}
        />
      )}
      <Anchor href={`/api/worklists/${info.id}/export${query(view)}`} download size="sm" pb={8}>
        Download CSV
      </Anchor>
    </Group>
  );
}
