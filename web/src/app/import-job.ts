// An Excel import job as every import page sees it (roster, development files, dues bases), polled while it works.
import { useQuery } from '@tanstack/react-query';
import { api } from './api';

export type ImportIssue = { row: number; column: string; message: string };
export type ImportJob = {
  id?: string;
  status: 'validating' | 'validated' | 'failed' | 'importing' | 'done';
  fileName?: string;
  totalRows: number;
  processedRows: number;
  errors: ImportIssue[];
  errorCount: number;
  warnings?: string[];
  summary: Record<string, number> | null;
  result: Record<string, number> | null;
  message?: string | null;
};

/** The job at `url` (none until a file is uploaded), refetched every 0.7 s while it validates or imports. */
export function useImportJob(queryKey: readonly unknown[], url: string | null) {
  return useQuery({
    queryKey: [...queryKey, url],
    queryFn: () => api.get<ImportJob>(url!),
    enabled: url !== null,
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'validating' || q.state.data.status === 'importing') ? 700 : false),
  });
}
