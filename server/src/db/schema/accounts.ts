// Accounts (one per person, bound to an org), server-side sessions.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { countyIdColumn, idColumn, timestamps, versionColumn } from './common';
import { orgs } from './orgs';

export const accounts = pgTable(
  'accounts',
  {
    id: idColumn(),
    countyId: countyIdColumn(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    orgId: uuid('org_id').notNull().references(() => orgs.id),
    memberId: uuid('member_id'),
    disabled: boolean('disabled').notNull().default(false),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'date' }),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    isDemo: boolean('is_demo').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'date' }),
    /** argon2 hashes of the previous passwords, newest first (with the current one they make the last 5 that may not be reused). */
    passwordHistory: jsonb('password_history').$type<string[]>().notNull().default([]),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, mode: 'date' }),
    version: versionColumn(),
    ...timestamps(),
  },
  (t) => [index('accounts_org_idx').on(t.orgId), index('accounts_member_idx').on(t.memberId)],
);

export const sessions = pgTable(
  'sessions',
  {
    // SHA-256 of the cookie token: a stolen database copy holds no usable session.
    tokenHash: text('token_hash').primaryKey(),
    /** What the account's session list shows and revokes by (never the token or its hash). */
    sid: uuid('sid').notNull().default(sql`gen_random_uuid()`),
    accountId: uuid('account_id').notNull().references(() => accounts.id),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'date' }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

/**
 * Failed-login counters, one row per key: `pair:<account>|<address>` (an account from one address) and `ip:<address>`
 * (any account from one address). Counted with one INSERT … ON CONFLICT … RETURNING before the password is checked,
 * so a parallel burst cannot read a stale count; a source over the limit is refused, the account stays open to others.
 */
export const loginThrottle = pgTable(
  'login_throttle',
  {
    key: text('key').primaryKey(),
    accountId: uuid('account_id'),
    failures: integer('failures').notNull(),
    lastAt: timestamp('last_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('login_throttle_account_idx').on(t.accountId)],
);
