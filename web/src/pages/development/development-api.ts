// Queries of the development pages.
import { useQuery } from '@tanstack/react-query';
import type { FileDetail, Pipeline, z, ZFileList, ZRuleSetView } from './types';
import { api } from '../../app/api';

export const useRuleSet = () => useQuery({ queryKey: ['development', 'rule-set'], queryFn: () => api.get<z.infer<typeof ZRuleSetView>>('/api/development/rule-set'), staleTime: 300_000 });
export const usePipeline = (orgId?: string) =>
  useQuery({ queryKey: ['development', 'pipeline', orgId ?? null], queryFn: () => api.get<Pipeline>('/api/development/pipeline', { orgId }) });
export const useFile = (id: string) => useQuery({ queryKey: ['development', 'file', id], queryFn: () => api.get<FileDetail>(`/api/development/files/${id}`) });
export type FileList = z.infer<typeof ZFileList>;

/** The party groups (党小组) of a branch, for step 19 and its timeline entry. */
export function useBranchGroups(orgId: string): { id: string; name: string }[] {
  const tree = useQuery({
    queryKey: ['orgs', 'tree', orgId, 1],
    queryFn: () => api.get<{ items: { id: string; name: string; type: string; parentId: string | null }[] }>('/api/orgs/tree', { rootId: orgId, depth: 1 }),
    enabled: !!orgId,
    staleTime: 300_000,
  });
  return (tree.data?.items ?? []).filter((o) => o.type === 'group' && o.parentId === orgId);
}
