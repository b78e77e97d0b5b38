// Maps domain errors, validation errors and unexpected failures to the one error envelope, once, at the edge.
import { DomainError, MEMBER_FIELD_LABELS, type DomainErrorKind } from '@yanzhen/domain';
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

export const DATABASE_UNAVAILABLE_MESSAGE = '数据库连接暂时中断，请稍后重试（服务会自动重新连接）';

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | DomainError | ZodError | Error, request, reply) => {
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
