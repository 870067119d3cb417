import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../ui/api';
import type { TextHit, TextCheck } from './scripts-types';

const DELAY_MS = 400;

/**
 * Checks outgoing text against the organization's forbidden phrases while the agent types:
 * debounced, so one request goes out when typing pauses. Hits carry positions in `text`.
 */
export function useTextCheck(text: string): { hits: TextHit[]; blocked: boolean; loading: boolean } {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const empty = settled.trim() === '';
  const query = useQuery({
    queryKey: ['text-check', settled],
    queryFn: () => api<TextCheck>('/text-check', { body: { text: settled } }),
    enabled: !empty,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  if (text.trim() === '') return { hits: [], blocked: false, loading: false };
  return { hits: query.data?.hits ?? [], blocked: query.data?.blocked ?? false, loading: settled !== text || query.isFetching };
}
