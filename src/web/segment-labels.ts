// How a segment's values read on screen: partners by their name rather than their id, the
// demographic codes in words (`american_indian` → American Indian), every other segment by its
// value as stored (counties, languages and the plan's own codes, which people know as they are).
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from './api';
import { label } from './format';

const WORDED = new Set(['race', 'ethnicity', 'sex']);
const titleCase = (v: string): string => v.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

export function useSegmentLabel(segment: string): (value: string) => string {
  const partners = useQuery({ queryKey: ['partners'], queryFn: api.partners, enabled: segment === 'partner' });
  return useMemo(() => {
    if (WORDED.has(segment)) return titleCase;
    if (segment !== 'partner') return (v: string) => v;
    const names = new Map((partners.data?.items ?? []).map((p) => [p.partner_id, p.name]));
    return (v: string) => names.get(v) ?? label(v);
  }, [segment, partners.data]);
}
