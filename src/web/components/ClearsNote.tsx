// Says, while an action is being logged from a worklist, whether it will take the member off that
// list (issue 15): a CHW visit is a fine next step for someone not reached, but only a successful
// outreach or HRA call clears "not reached", and the person logging should know before saving.
import { Text } from '@mantine/core';
import { SUCCESSFUL_OUTCOMES } from '../../domain/ledger/vocabulary';
import type { WorklistInfo } from '../api';

export type Clears = NonNullable<WorklistInfo['cleared_by']> & { list: string };

/** Whether logging this type with this outcome clears the list; null until an outcome is chosen, where it matters. */
export function clearsList(clears: Clears, type: string | null, outcome: string | null): boolean | null {
  if (!type || !clears.action_types.includes(type)) return false;
  if (!clears.successful_only) return true;
  if (!outcome) return null;
  return (SUCCESSFUL_OUTCOMES as readonly string[]).includes(outcome);
}

export function ClearsNote({
  clears,
  memberId,
  type,
  outcome,
}: {
  clears: Clears;
  memberId: string;
  type: string | null;
  outcome: string | null;
}) {
  const result = clearsList(clears, type, outcome);
  if (result === null) return null;
  return (
    <Text size="sm" role="status" data-testid="clears-note" c={result ? 'green.9' : 'orange.9'}>
      {result
        ? `This takes ${memberId} off “${clears.list}”.`
        : `This does not take ${memberId} off “${clears.list}”: only ${clears.text} does.`}
    </Text>
  );
}
