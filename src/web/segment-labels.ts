// How a segment's values read on screen: partners by their name rather than their id, every
// other segment by its value as stored.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from './api';
import { label } from './format';

export function useSegmentLabel(segment: string): (value: string) => string {
  const partners = useQuery({ queryKey: ['partners'], queryFn: api.partners, enabled: segment === 'partner' });
  return useMemo(() => {
    if (segment !== 'partner') return (v: string) => v;
    const names = new Map((partners.data?.items ?? []).map((p) => [p.partner_id, p.name]));
    return (v: string) => names.get(v) ?? label(v);
  }, [segment, partners.data]);
}
