// Server pagination for a list answered as {items, total, page, pageSize}: the page the screen asks for, and the
// antd pager (of a Table or a List) that shows the true total. The page goes back to 1 whenever a filter (the `filters` key) changes.
import type { PaginationProps } from 'antd';
import { useEffect, useState } from 'react';

export const DEFAULT_PAGE_SIZE = 20;

export function useServerPage(filters: unknown, initialPageSize = DEFAULT_PAGE_SIZE) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const key = JSON.stringify(filters ?? null);
  useEffect(() => setPage(1), [key]);
  /** The pager of a Table or List: the true total from the server, "共 N 个" in words. */
  const pagination = (total: number | undefined, unit = '条'): PaginationProps => ({
    current: page,
    pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    hideOnSinglePage: false,
    showTotal: (t) => `共 ${t} ${unit}`,
    onChange: (p, s) => {
      if (s !== pageSize) {
        setPageSize(s);
        setPage(1);
      } else setPage(p);
    },
  });
  return { page, pageSize, query: { page, pageSize }, pagination };
}
