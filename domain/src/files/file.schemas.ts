// Stored files (evidence photos, documents): what may be uploaded, and the metadata the API returns.
import { z } from 'zod';
import { ZId } from '../core/schemas';

/** Images from a phone, PDF and Office documents. */
export const FILE_TYPES: Record<string, { label: string; exts: readonly string[] }> = {
  'image/jpeg': { label: 'JPEG 图片', exts: ['jpg', 'jpeg'] },
  'image/png': { label: 'PNG 图片', exts: ['png'] },
  'image/webp': { label: 'WebP 图片', exts: ['webp'] },
  'image/heic': { label: 'HEIC 图片', exts: ['heic'] },
  'image/gif': { label: 'GIF 图片', exts: ['gif'] },
  'application/pdf': { label: 'PDF 文档', exts: ['pdf'] },
  'application/msword': { label: 'Word 文档', exts: ['doc'] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { label: 'Word 文档', exts: ['docx'] },
  'application/vnd.ms-excel': { label: 'Excel 表格', exts: ['xls'] },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { label: 'Excel 表格', exts: ['xlsx'] },
  'application/vnd.ms-powerpoint': { label: 'PPT 演示文稿', exts: ['ppt'] },
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': { label: 'PPT 演示文稿', exts: ['pptx'] },
};
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const FILE_ACCEPT = Object.values(FILE_TYPES).flatMap((t) => t.exts.map((e) => `.${e}`)).join(',');

export const isImageMime = (mime: string) => mime.startsWith('image/');

/**
 * The type of an upload from its first bytes (the browser's claim is not trusted), falling back to the extension
 * for the Office formats that share a container (zip / OLE). Null: not an allowed type.
 */
export function sniffFileType(head: Uint8Array, fileName: string): string | null {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50) return 'image/webp';
  if (head[4] === 0x66 && head[5] === 0x74 && head[6] === 0x79 && head[7] === 0x70) return 'image/heic';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'application/pdf';
  const byExt = Object.entries(FILE_TYPES).find(([, t]) => t.exts.includes(ext))?.[0] ?? null;
  if (starts(0x50, 0x4b, 0x03, 0x04) && byExt && ['docx', 'xlsx', 'pptx'].includes(ext)) return byExt;
  if (starts(0xd0, 0xcf, 0x11, 0xe0) && byExt && ['doc', 'xls', 'ppt'].includes(ext)) return byExt;
  return null;
}

export const ZStoredFile = z.object({
  id: ZId,
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  url: z.string(),
  createdAt: z.string(),
});
export type StoredFile = z.infer<typeof ZStoredFile>;
