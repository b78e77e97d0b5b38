// Checks a service's input against its shared zod schema: the parsed value, or a 400 whose message is the first
// problem in Chinese (with the count when there are more) and whose details name each field. One helper for every
// service (they had a copy each).
import { invalid } from '@yanzhen/domain';
import type { z } from 'zod';

export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  throw invalid(details.length > 1 ? `${details[0].message}（共${details.length}处错误）` : details[0].message, details);
}
