// Shared zod building blocks: dates, ids, pagination, list responses, the error envelope.
import { z } from 'zod';
import { isValidIsoDate } from '../calendar/dates';

// Messages zod writes itself (a field without its own message) are in Chinese, on the server and in the browser alike.
z.config(z.locales.zhCN());

export const ZIsoDate = z
  .string({ error: '请填写日期' })
  .refine(isValidIsoDate, { message: '日期格式应为 YYYY-MM-DD' });
export const ZId = z.uuid({ error: '编号格式不正确' });

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z.string().max(40).optional(),
});
export type PageQuery = z.infer<typeof ZPageQuery>;

export const zList = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const ZErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const ZOk = z.object({ ok: z.literal(true) });
