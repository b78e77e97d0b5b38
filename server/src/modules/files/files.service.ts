// The generic file store: uploads (images from a phone, PDF and Office documents) checked by their bytes and size,
// kept in the database by content hash, and served only to accounts whose scope covers the owning org.
import { createHash } from 'node:crypto';
import { MAX_FILE_BYTES, invalid, notFound, sniffFileType, type StoredFile } from '@yanzhen/domain';
import { and, eq, isNull } from 'drizzle-orm';
import { orgInScope, type Actor } from '../../core/actor';
import { writeAudit } from '../../core/audit';
import type { AppContext } from '../../core/context';
import type { Executor } from '../../core/db';
import { orgs } from '../../db/schema/index';
import { filesRepository, type StoredFileRow } from './files.repository';

/** Extra org paths an account may read files of beyond its own subtree (e.g. a duty supervisor's assigned orgs). */
export type FileScopeProvider = (ex: Executor, actor: Actor) => Promise<string[]>;
const scopeProviders: FileScopeProvider[] = [];
export const registerFileScopeProvider = (p: FileScopeProvider): void => {
  if (!scopeProviders.includes(p)) scopeProviders.push(p);
};

export const fileUrl = (id: string) => `/api/files/${id}`;
export const presentFile = (f: StoredFileRow): StoredFile => ({ id: f.id, name: f.originalName, mime: f.mime, size: f.size, url: fileUrl(f.id), createdAt: f.createdAt.toISOString() });

export function createFilesService(ctx: AppContext) {
  async function canRead(ex: Executor, actor: Actor, orgPath: string): Promise<boolean> {
    if (orgInScope(actor, orgPath)) return true;
    for (const p of scopeProviders) if ((await p(ex, actor)).some((prefix) => orgPath.startsWith(prefix))) return true;
    return false;
  }

  async function upload(actor: Actor, input: { fileName: string; data: Buffer; orgId?: string | null }): Promise<StoredFile> {
    if (input.data.length === 0) throw invalid('上传的文件是空的', undefined, 'FILE_EMPTY');
    if (input.data.length > MAX_FILE_BYTES) throw invalid(`文件“${input.fileName}”超过 ${MAX_FILE_BYTES / 1024 / 1024} MB`, undefined, 'FILE_TOO_LARGE');
    const mime = sniffFileType(input.data.subarray(0, 16), input.fileName);
    if (!mime) throw invalid(`文件“${input.fileName}”的类型不支持：只能上传图片（JPG、PNG、HEIC 等）、PDF 和 Office 文档`, undefined, 'FILE_TYPE');
    const now = ctx.clock();
    return ctx.db.transaction(async (tx) => {
      let orgPath = actor.orgPath;
      if (input.orgId && input.orgId !== actor.orgId) {
        const [org] = await tx.select({ path: orgs.path }).from(orgs).where(and(eq(orgs.countyId, actor.countyId), eq(orgs.id, input.orgId), isNull(orgs.dissolvedAt)));
        if (!org || !(await canRead(tx, actor, org.path))) throw notFound('组织');
        orgPath = org.path;
      }
      const sha256 = createHash('sha256').update(input.data).digest('hex');
      const row = await filesRepository.insert(
        tx,
        { countyId: actor.countyId, sha256, mime, size: input.data.length, originalName: input.fileName, orgPath, createdBy: actor.accountId, createdAt: now },
        input.data,
      );
      await writeAudit(tx, actor, now, { action: 'file.upload', entityType: 'file', entityId: row.id, after: { name: row.originalName, mime, size: row.size } });
      return presentFile(row);
    });
  }

  async function load(actor: Actor, id: string): Promise<StoredFileRow> {
    const row = await filesRepository.findById(ctx.db, actor.countyId, id);
    if (!row || !(await canRead(ctx.db, actor, row.orgPath))) throw notFound('文件');
    return row;
  }

  async function download(actor: Actor, id: string): Promise<{ file: StoredFileRow; content: Buffer }> {
    const file = await load(actor, id);
    const content = await filesRepository.content(ctx.db, file.countyId, file.sha256);
    if (!content) throw notFound('文件内容');
    return { file, content };
  }

  /**
   * Files another module attaches to a record of the org at `orgPath`: each must exist in the county and be uploaded
   * by the actor or belong to that org's subtree. All or nothing.
   */
  async function requireAttachable(ex: Executor, actor: Actor, ids: readonly string[], orgPath: string): Promise<StoredFileRow[]> {
    const unique = [...new Set(ids)];
    const rows = await filesRepository.findByIds(ex, actor.countyId, unique);
    const ok = rows.filter((r) => r.createdBy === actor.accountId || r.orgPath.startsWith(orgPath));
    if (ok.length !== unique.length) throw invalid('附件不存在或不能用于此记录，请重新上传', undefined, 'FILE_NOT_ATTACHABLE');
    return unique.map((id) => ok.find((r) => r.id === id)!);
  }

  /** Metadata of files already attached to records the caller was allowed to read. */
  async function describe(ex: Executor, countyId: string, ids: readonly string[]): Promise<Map<string, StoredFile>> {
    const rows = await filesRepository.findByIds(ex, countyId, ids);
    return new Map(rows.map((r) => [r.id, presentFile(r)]));
  }

  return { upload, download, load, requireAttachable, describe };
}
export type FilesService = ReturnType<typeof createFilesService>;
