// Accounts, login and session schemas.
import { z } from 'zod';
import { ZId, ZPageQuery, ZVersion, zList, zQueryText, zStr } from '../core/schemas';
import { checkPasswordPolicy } from './password-policy';
import { PERMISSIONS, ROLES } from './permissions';

export const ZPassword = zStr({ error: '请填写密码' }).max(200, { message: '密码不能超过200位' }).superRefine((p, ctx) => {
  const r = checkPasswordPolicy(p);
  if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
});

export const ZUsername = zStr({ error: '请填写用户名' })
  .trim()
  .min(3, { message: '用户名至少3位' })
  .max(40, { message: '用户名不能超过40位' })
  .regex(/^[A-Za-z0-9_.@-]+$/, { message: '用户名只能包含字母、数字和 _ . @ -' });

export const ZLogin = z.object({ username: zStr().trim().min(1, { message: '请填写用户名' }).max(100), password: zStr().min(1, { message: '请填写密码' }).max(200) });

export const ZChangePassword = z
  .object({ currentPassword: zStr().min(1, { message: '请填写当前密码' }).max(200), newPassword: ZPassword })
  .refine((v) => v.currentPassword !== v.newPassword, { message: '新密码不能与当前密码相同', path: ['newPassword'] });

export const ZMe = z.object({
  id: ZId,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  orgId: ZId,
  orgName: z.string(),
  memberId: ZId.nullable(),
  permissions: z.array(z.enum(PERMISSIONS)),
  mustChangePassword: z.boolean(),
  /** Why the password must be changed: the administrator's initial one, or older than the county's 密码有效期. */
  mustChangePasswordReason: z.enum(['initial', 'expired']).nullable(),
  /** The county's 密码有效期 in days (0: never expires). */
  passwordMaxAgeDays: z.number().int(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof ZMe>;

/** One of my signed-in sessions (我的账号 → 登录设备), revocable by its id. */
export const ZMySession = z.object({
  id: ZId,
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type MySession = z.infer<typeof ZMySession>;

/** The county's password settings (county administrator). */
export const ZPasswordSettings = z.object({
  passwordMaxAgeDays: z.number({ error: '请填写密码有效期（天）' }).int({ message: '密码有效期须为整数天' }).min(0, { message: '密码有效期不能为负数' }).max(3650, { message: '密码有效期不能超过3650天' }),
});
export type PasswordSettings = z.infer<typeof ZPasswordSettings>;

export const ZAccountCreate = z.object({
  username: ZUsername,
  displayName: zStr().trim().min(2, { message: '姓名至少2个字' }).max(30),
  role: z.enum(ROLES, { error: '请选择角色' }),
  orgId: ZId,
  memberId: ZId.nullish().transform((v) => v ?? null),
  password: ZPassword,
});
export type AccountCreate = z.infer<typeof ZAccountCreate>;

export const ZAccountUpdate = z.object({
  displayName: ZAccountCreate.shape.displayName,
  role: ZAccountCreate.shape.role,
  orgId: ZId,
  disabled: z.boolean(),
  version: ZVersion,
});
export type AccountUpdate = z.infer<typeof ZAccountUpdate>;

export const ZAccountResetPassword = z.object({ password: ZPassword });

export const ZAccount = z.object({
  id: ZId,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  orgId: ZId,
  orgName: z.string(),
  memberId: ZId.nullable(),
  disabled: z.boolean(),
  locked: z.boolean(),
  mustChangePassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
  /** What the signed-in user may do to this account (the UI shows buttons from this, never re-deriving rules). */
  can: z.object({ update: z.boolean(), resetPassword: z.boolean(), unlock: z.boolean(), disable: z.boolean() }),
});
export type Account = z.infer<typeof ZAccount>;
export const ZAccountList = zList(ZAccount);

export const ZAccountQuery = ZPageQuery.extend({
  q: zQueryText(40).optional(),
  role: z.enum(ROLES).optional(),
  /** Only the accounts of this org's subtree (inside the caller's own). */
  orgId: ZId.optional(),
});
export type AccountQuery = z.infer<typeof ZAccountQuery>;
