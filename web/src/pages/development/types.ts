export type { FileDetail, FileSummary, Pipeline } from '@yanzhen/domain';
export type { ZFileList, ZRuleSetView } from '@yanzhen/domain';
export type { z } from 'zod';
