// Branch notices (支部通知): posted by the branch secretary, read by the branch's members on their phones.
import { z } from 'zod';
import { ZId, ZPageQuery, zList, zStr } from '../core/schemas';

export const ZNoticeInput = z.object({
  orgId: ZId,
  title: zStr().trim().min(2, { message: '通知标题至少2个字' }).max(60, { message: '通知标题不能超过60个字' }),
  body: zStr().trim().min(2, { message: '通知内容至少2个字' }).max(2000, { message: '通知内容不能超过2000字' }),
});
export type NoticeInput = z.infer<typeof ZNoticeInput>;

export const ZNotice = z.object({
  id: ZId,
  orgId: ZId,
  orgName: z.string(),
  title: z.string(),
  body: z.string(),
  postedByName: z.string(),
  postedAt: z.string(),
  /** For the branch: how many of its live members have read it, of how many. */
  readCount: z.number().int().nullable(),
  memberCount: z.number().int().nullable(),
  /** For a member: whether they have read it. */
  read: z.boolean().nullable(),
});
export type Notice = z.infer<typeof ZNotice>;
/** My branch's notices on the phone: a page, unread first then newest first, the true total and how many are unread. */
export const ZNoticeList = zList(ZNotice).extend({ unread: z.number().int() });
export type NoticeList = z.infer<typeof ZNoticeList>;
/** A branch's notices for its secretary: a page, newest first, with the true total. */
export const ZBranchNoticeQuery = ZPageQuery.extend({ orgId: ZId.optional() });
export type BranchNoticeQuery = z.infer<typeof ZBranchNoticeQuery>;
export const ZBranchNoticePage = zList(ZNotice);
export type BranchNoticePage = z.infer<typeof ZBranchNoticePage>;

