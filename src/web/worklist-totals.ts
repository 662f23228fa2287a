// How many people each worklist holds today: one small request per list (limit 1, the total
// comes with it), shared by the worklist tabs and the scorecard's "What needs attention".
import { useQueries, useQuery } from '@tanstack/react-query';
import { api, type WorklistInfo } from './api';
import { MEMBER_ROLES } from './roles';

export interface WorklistTotal {
  worklist: WorklistInfo;
  total: number | null;
}

export function useWorklistTotals(): WorklistTotal[] {
  const me = useQuery({ queryKey: ['me'], queryFn: api.me, retry: false, staleTime: Infinity });
  const allowed = MEMBER_ROLES.has(me.data?.user?.role ?? '');
  const lists = useQuery({ queryKey: ['worklists'], queryFn: api.worklists, staleTime: Infinity, enabled: allowed });
  const worklists = allowed ? (lists.data?.worklists ?? []) : [];
  const totals = useQueries({
    queries: worklists.map((w) => ({ queryKey: ['worklist', w.id, 'total'], queryFn: () => api.worklist(w.id, { limit: 1 }) })),
  });
  return worklists.map((worklist, i) => ({ worklist, total: totals[i]?.data?.total ?? null }));
}
