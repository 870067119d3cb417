import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, type Page } from './api';

/**
 * Cursor pagination for tables: keeps a stack of cursors so the user can go forward and back.
 * Filters reset to the first page.
 */
export function useCursorList<T>(key: string, path: string, filters: Record<string, unknown> = {}, pageSize = 20) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const filterKey = JSON.stringify(filters);
  useEffect(() => setCursors([undefined]), [filterKey]);
  const cursor = cursors[cursors.length - 1];
  const query = useQuery({
    queryKey: [key, filters, cursor, pageSize],
    queryFn: () => api<Page<T>>(path, { query: { ...filters, cursor, limit: pageSize } }),
    placeholderData: keepPreviousData,
  });
  return {
    ...query,
    items: query.data?.items ?? [],
    pageNumber: cursors.length,
    hasNext: !!query.data?.nextCursor,
    hasPrev: cursors.length > 1,
    next: () => query.data?.nextCursor && setCursors((c) => [...c, query.data!.nextCursor!]),
    prev: () => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)),
    first: () => setCursors([undefined]),
  };
}
