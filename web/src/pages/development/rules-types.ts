export type { DevelopmentRuleParams, ZFormNumberList, ZRuleSetView } from '@yanzhen/domain';
export type { z } from 'zod';
