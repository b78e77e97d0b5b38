// Domain errors: a stable code plus a Chinese message for the user; mapped to HTTP once, at the edge.
export type DomainErrorKind = 'validation' | 'unauthenticated' | 'forbidden' | 'notFound' | 'conflict' | 'rule' | 'locked';

export class DomainError extends Error {
  readonly code: string;
  readonly kind: DomainErrorKind;
  readonly details?: unknown;

  constructor(code: string, message: string, opts: { kind?: DomainErrorKind; details?: unknown } = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.kind = opts.kind ?? 'rule';
    this.details = opts.details;
  }
}

export const notFound = (what = '记录') =>
  new DomainError('NOT_FOUND', `${what}不存在或不在您的管辖范围内`, { kind: 'notFound' });
export const forbidden = (message = '您没有执行此操作的权限') =>
  new DomainError('FORBIDDEN', message, { kind: 'forbidden' });
export const conflict = (message: string, code = 'CONFLICT') => new DomainError(code, message, { kind: 'conflict' });
/** The one code of a stale optimistic-lock version (409): the record changed since the client read it. The web reloads. */
export const STALE_VERSION = 'STALE_VERSION';
export const staleVersion = (message = '该记录已被他人修改，请刷新后重试') => conflict(message, STALE_VERSION);
/** The code of a write a unique index refused (409), unless the constraint has its own code (see the server's error edge). */
export const DUPLICATE = 'DUPLICATE';
export const invalid = (message: string, details?: unknown, code = 'VALIDATION') =>
  new DomainError(code, message, { kind: 'validation', details });
