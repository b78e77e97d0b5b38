// Shared zod building blocks: text, bounded integers, dates, months, ids, pagination, list responses, the error envelope.
// Every input schema (request bodies, querystrings, params) is built from these, so what the database cannot hold —
// a NUL character, an integer beyond its 32-bit column, 2026-02-30 or the year 9999 — is refused with a Chinese
// message before it reaches it (a 400, never a 500).
import { z } from 'zod';
import { isValidIsoDate } from '../calendar/dates';

// Messages zod writes itself (a field without its own message) are in Chinese, on the server and in the browser alike.
z.config(z.locales.zhCN());

/** No NUL and no other control characters (tab, line feed and carriage return are text). */
export const SAFE_TEXT_RE = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/;
export const CONTROL_CHAR_MESSAGE = '含有不可见的控制字符（如 NUL），请删除后重试';

/** The name of an uploaded file as stored: no folders, no control characters (NUL included), at most 200 characters. */
export function safeFileName(raw: string | undefined, fallback: string): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001F\u007F]/g, '').trim().slice(0, 200);
  return clean || fallback;
}

/**
 * Text that reaches the database: `z.string` refusing NUL and other control characters. Use it for every input
 * string (then `.trim()`, `.min()`, `.max()` as usual); responses may keep plain `z.string()`.
 */
export const zStr = (params?: Parameters<typeof z.string>[0]) => z.string(params).regex(SAFE_TEXT_RE, { message: CONTROL_CHAR_MESSAGE });

/** A required trimmed text field with a label for the messages (“请填写活动主题”, “活动主题不能超过100个字”). */
export const zText = (label: string, min: number, max: number) =>
  zStr({ error: `请填写${label}` })
    .trim()
    .min(min, { message: min <= 1 ? `请填写${label}` : `${label}至少${min}个字` })
    .max(max, { message: `${label}不能超过${max}个字` });

/** An optional trimmed text field: empty, null or missing becomes null. */
export const zOptionalText = (label: string, max: number) =>
  zStr()
    .trim()
    .max(max, { message: `${label}不能超过${max}个字` })
    .nullish()
    .transform((v) => (v ? v : null));

/** The bounds of a PostgreSQL `integer` column. */
export const INT32_MAX = 2_147_483_647;
export const INT32_MIN = -2_147_483_648;

/** A whole number within [min, max] (both inside the 32-bit range of an `integer` column). */
export const zInt = (min: number, max: number, label?: string) => {
  const lo = Math.max(min, INT32_MIN);
  const hi = Math.min(max, INT32_MAX);
  const what = label ?? '数值';
  return z
    .number({ error: label ? `请填写${label}` : '应为数字' })
    .int({ message: `${what}应为整数` })
    .min(lo, { message: `${what}不能小于${lo}` })
    .max(hi, { message: `${what}不能大于${hi}` });
};
/** The same for querystrings and other text inputs (coerced from the string). */
export const zQueryInt = (min: number, max: number, label?: string) => {
  const lo = Math.max(min, INT32_MIN);
  const hi = Math.min(max, INT32_MAX);
  const what = label ?? '数值';
  return z.coerce
    .number({ error: `${what}应为数字` })
    .int({ message: `${what}应为整数` })
    .min(lo, { message: `${what}不能小于${lo}` })
    .max(hi, { message: `${what}不能大于${hi}` });
};

/** The optimistic-lock version a client sends back (a positive 32-bit integer). */
export const ZVersion = zInt(1, INT32_MAX, '版本号');

/** The calendar range of every date the platform stores (founding dates of the 1920s, birth dates, plans). */
export const MIN_DATE = '1900-01-01';
export const MAX_DATE = '2100-12-31';
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

/** A real calendar date (no 2026-02-30) between 1900 and 2100, as YYYY-MM-DD. */
export const ZIsoDate = z
  .string({ error: '请填写日期' })
  .refine(isValidIsoDate, { message: '日期格式应为 YYYY-MM-DD，且须是实际存在的日期' })
  .refine((s) => s >= MIN_DATE && s <= MAX_DATE, { message: `日期应在 ${MIN_DATE} 至 ${MAX_DATE} 之间` });

/** An instant as ISO 8601 with an offset (2026-06-15T10:00:00+08:00), on a real date between 1900 and 2100. */
export const ZInstant = z
  .string({ error: '请填写时间' })
  .datetime({ offset: true, message: '时间格式应为 ISO 8601（如 2026-06-15T10:00:00+08:00）' })
  .refine((s) => ZIsoDate.safeParse(s.slice(0, 10)).success, { message: `时间须是实际存在的日期，在 ${MIN_DATE} 至 ${MAX_DATE} 之间` });

export const YEAR_MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
/** A month as YYYY-MM between 1900 and 2100. */
export const ZYearMonth = z
  .string({ error: '请填写月份' })
  .regex(YEAR_MONTH_RE, { message: '月份格式应为 YYYY-MM' })
  .refine((s) => s >= `${MIN_YEAR}-01` && s <= `${MAX_YEAR}-12`, { message: `月份应在 ${MIN_YEAR}-01 至 ${MAX_YEAR}-12 之间` });

/** A year in a querystring (coerced) or a body. */
export const zQueryYear = (min = MIN_YEAR, max = MAX_YEAR) => zQueryInt(min, max, '年度');
export const zYear = (min = MIN_YEAR, max = MAX_YEAR) => zInt(min, max, '年度');

/** The period of a scheduled job: a date (daily jobs) or a month (monthly jobs). */
export const ZPeriod = z
  .string({ error: '请填写周期' })
  .refine((s) => (s.length === 7 ? ZYearMonth.safeParse(s).success : ZIsoDate.safeParse(s).success), {
    message: `周期应为实际存在的日期（YYYY-MM-DD）或月份（YYYY-MM），在 ${MIN_YEAR} 至 ${MAX_YEAR} 年之间`,
  });

export const ZId = z.uuid({ error: '编号格式不正确' });

/** A search box's text in a querystring. */
export const zQueryText = (max = 40) => zStr().trim().max(max, { message: `检索内容不能超过${max}个字` });

export const ZPageQuery = z.object({
  page: zQueryInt(1, 100_000, '页码').default(1),
  pageSize: zQueryInt(1, 200, '每页条数').default(20),
  sort: zStr().max(40).optional(),
});
export type PageQuery = z.infer<typeof ZPageQuery>;

/** The one paged list shape: the page's rows and the true total (no list is cut silently). */
export const zList = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const ZErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const ZOk = z.object({ ok: z.literal(true) });
