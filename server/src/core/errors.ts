// Maps domain errors, validation errors and unexpected failures to the one error envelope, once, at the edge.
import { DomainError, DUPLICATE, MEMBER_FIELD_LABELS, type DomainErrorKind } from '@yanzhen/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from './db';

const STATUS: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  rule: 422,
  locked: 423,
};

type Issue = { path: string; message: string };

function zodIssues(err: ZodError): Issue[] {
  return err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/** The PostgreSQL error behind a failure, as either driver reports it (directly, or wrapped by Drizzle in `cause`). */
export function pgErrorOf(err: unknown): { code: string; constraint?: string } | null {
  for (let e = err as { code?: unknown; severity?: unknown; constraint?: unknown; cause?: unknown } | null | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    // A server error message (pg's and PGlite's DatabaseError): a SQLSTATE code and a severity.
    if (typeof e.code === 'string' && typeof e.severity === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return { code: e.code, constraint: typeof e.constraint === 'string' ? e.constraint : undefined };
  }
  return null;
}

/** A unique index or primary key refused the row (PostgreSQL 23505), optionally a given one. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const pg = pgErrorOf(err);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}

type UniqueConflict = { code: string; message: string };
const UNIQUE_CONFLICTS: Record<string, UniqueConflict> = {};
const DEFAULT_UNIQUE_CONFLICT: UniqueConflict = { code: DUPLICATE, message: '该记录已存在（可能他人刚刚提交了相同的内容），请刷新后重试' };

/**
 * What a module answers when one of its unique indexes refuses a write: the constraint's name → a stable code and a
 * Chinese message. The error edge maps every unique violation (also concurrent duplicates that slipped past a
 * service's own check) to 409 with these, once; unregistered constraints get the generic DUPLICATE answer.
 */
export function registerUniqueConflicts(byConstraint: Record<string, UniqueConflict>): void {
  Object.assign(UNIQUE_CONFLICTS, byConstraint);
}
export function uniqueConflictOf(constraint: string | undefined): UniqueConflict {
  return (constraint && UNIQUE_CONFLICTS[constraint]) || DEFAULT_UNIQUE_CONFLICT;
}

/**
 * The safety net under the schema blocks: a value the database refused as data (SQLSTATE class 22: a NUL byte, an
 * integer out of range, an impossible date) is the client's bad input, a 400 — never a 500. It is logged as a
 * warning because it means an input schema let through what its column cannot hold (the fuzz test fails on it).
 */
export const DB_REJECTED_INPUT = 'DB_REJECTED_INPUT';
export const DATABASE_UNAVAILABLE_MESSAGE = '数据库连接暂时中断，请稍后重试（服务会自动重新连接）';

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError | ZodError | Error, request, reply) => {
    const pg = pgErrorOf(error);
    if (pg?.code === '23505') {
      const c = uniqueConflictOf(pg.constraint);
      request.log.info({ constraint: pg.constraint }, 'unique violation answered 409');
      return reply.status(409).send({ error: { code: c.code, message: c.message } });
    }
    if (pg?.code.startsWith('22')) {
      request.log.warn({ err: error }, 'input refused by the database: an input schema is missing a block');
      return reply.status(400).send({ error: { code: DB_REJECTED_INPUT, message: '提交的数据含有无法保存的内容（如不可见的控制字符、超出范围的数字或不存在的日期），请检查后重试' } });
    }
    if (error instanceof DomainError) {
      return reply.status(STATUS[error.kind]).send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if (error instanceof ZodError) {
      const details = zodIssues(error);
      return reply.status(400).send({ error: { code: 'VALIDATION', message: summarize(details), details } });
    }
    const fe = error as FastifyError & { validation?: unknown[]; validationContext?: string };
    if (fe.validation) {
      const cause = (fe as { cause?: unknown }).cause;
      const details: Issue[] =
        cause instanceof ZodError
          ? zodIssues(cause)
          : (fe.validation as { instancePath?: string; message?: string; params?: { issue?: { path?: unknown[] } } }[]).map((v) => ({
              path: (v.params?.issue?.path as string[] | undefined)?.join('.') ?? (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.'),
              message: v.message ?? '格式不正确',
            }));
      return reply.status(400).send({ error: { code: 'VALIDATION', message: summarize(details), details } });
    }
    if (fe.statusCode && fe.statusCode < 500) {
      const message =
        fe.code === 'FST_REQ_FILE_TOO_LARGE' ? '上传的文件过大' : fe.statusCode === 415 ? '不支持的请求内容类型' : fe.message;
      return reply.status(fe.statusCode).send({ error: { code: fe.code ?? 'BAD_REQUEST', message } });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply.status(503).header('retry-after', '5').send({ error: { code: 'DATABASE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE } });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `接口不存在：${request.method} ${request.url.split('?')[0]}` } }),
  );
}

const FIELD_LABELS: Record<string, string> = { ...MEMBER_FIELD_LABELS, username: '用户名', password: '密码', newPassword: '新密码', currentPassword: '当前密码', displayName: '姓名', role: '角色', parentId: '上级组织', type: '组织类型', sector: '所属领域', foundedOn: '成立日期', version: '版本号', reason: '原因' };
export function registerFieldLabels(labels: Record<string, string>): void {
  Object.assign(FIELD_LABELS, labels);
}

function summarize(details: Issue[]): string {
  if (details.length === 0) return '提交的数据格式不正确';
  const first = details[0];
  const label = FIELD_LABELS[first.path] ?? first.path;
  const head = label ? `${label}：${first.message}` : first.message;
  return details.length > 1 ? `${head}（共${details.length}处错误）` : head;
}
