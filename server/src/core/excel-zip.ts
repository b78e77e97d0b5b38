// A look inside an .xlsx (a zip) before any spreadsheet library loads it: the central directory says how big every
// part unzips to, and the first sheet is inflated as a stream (with a byte cap, whatever the directory claims) to
// count its rows. Oversize files — a zip bomb, a sheet of 100,000 rows — are refused in milliseconds with bounded memory.
import zlib from 'node:zlib';
import { invalid } from '@yanzhen/domain';

export type ZipEntry = { name: string; method: number; compressedSize: number; uncompressedSize: number; localHeaderOffset: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_MARK = 0xffffffff;

const unreadable = () => invalid('文件已损坏或不是有效的 Excel（.xlsx）文件，请用 Excel 打开确认后重新保存再上传', undefined, 'EXCEL_UNREADABLE');

/** The entries of the zip's central directory (names, methods, sizes). */
export function zipEntries(data: Buffer): ZipEntry[] {
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw unreadable();
  const count = data.readUInt16LE(eocd + 10);
  const size = data.readUInt32LE(eocd + 12);
  let at = data.readUInt32LE(eocd + 16);
  // ZIP64 (parts of 4 GB or more, or 65,535 parts) is never a roster.
  if (count === 0xffff || size === ZIP64_MARK || at === ZIP64_MARK) throw tooLarge(Number.POSITIVE_INFINITY);
  if (at + size > data.length) throw unreadable();
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > data.length || data.readUInt32LE(at) !== CENTRAL) throw unreadable();
    const nameLength = data.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      uncompressedSize: data.readUInt32LE(at + 24),
      localHeaderOffset: data.readUInt32LE(at + 42),
      name: data.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (entry.uncompressedSize === ZIP64_MARK || entry.compressedSize === ZIP64_MARK) throw tooLarge(Number.POSITIVE_INFINITY);
    entries.push(entry);
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return entries;
}

function compressedData(data: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localHeaderOffset;
  if (at + 30 > data.length || data.readUInt32LE(at) !== LOCAL) throw unreadable();
  const start = at + 30 + data.readUInt16LE(at + 26) + data.readUInt16LE(at + 28);
  if (start + entry.compressedSize > data.length) throw unreadable();
  return data.subarray(start, start + entry.compressedSize);
}

const MB = 1024 * 1024;
function tooLarge(bytes: number, limit?: number): Error {
  const size = Number.isFinite(bytes) ? `解压后约 ${Math.ceil(bytes / MB)} MB` : '解压后超过 4 GB';
  const cap = limit ? `超过 ${Math.round(limit / MB)} MB 的上限` : '超过上限';
  return invalid(`文件${size}，${cap}（可能含有大量空白格式、图片或其他工作表）：请只保留数据，另存为新的 .xlsx 后再上传`, undefined, 'EXCEL_TOO_LARGE');
}

/** Streams one entry's text in chunks, never more than `maxBytes` in all (a directory that lies is caught here too). */
async function* entryText(data: Buffer, entry: ZipEntry, maxBytes: number): AsyncGenerator<string> {
  const raw = compressedData(data, entry);
  if (entry.method === 0) {
    if (raw.length > maxBytes) throw tooLarge(raw.length, maxBytes);
    yield raw.toString('utf8');
    return;
  }
  if (entry.method !== 8) throw unreadable();
  const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
  const decoder = new TextDecoder('utf-8');
  let total = 0;
  inflate.end(raw);
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(total, maxBytes);
      yield decoder.decode(chunk, { stream: true });
    }
  } catch (err) {
    if (err instanceof Error && 'code' in err && typeof (err as { code?: unknown }).code === 'string' && String((err as { code: string }).code).startsWith('Z_')) throw unreadable();
    throw err;
  } finally {
    inflate.destroy();
  }
}

async function entryString(data: Buffer, entry: ZipEntry, maxBytes: number): Promise<string> {
  let s = '';
  for await (const chunk of entryText(data, entry, maxBytes)) s += chunk;
  return s;
}

/** The zip path of the workbook's first sheet (by the workbook's order, through its relationships). */
async function firstSheetPath(data: Buffer, byName: Map<string, ZipEntry>): Promise<string | null> {
  const workbook = byName.get('xl/workbook.xml');
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  if (workbook && rels) {
    const wb = await entryString(data, workbook, 8 * MB);
    const rid = /<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"/.exec(wb)?.[1] ?? /<(?:\w+:)?sheet\b[^>]*?\b\w+:id="([^"]+)"/.exec(wb)?.[1];
    if (rid) {
      const relsXml = await entryString(data, rels, 8 * MB);
      const rel = [...relsXml.matchAll(/<Relationship\b[^>]*>/g)].map((m) => m[0]).find((r) => r.includes(`Id="${rid}"`));
      const target = rel && /Target="([^"]+)"/.exec(rel)?.[1];
      if (target) {
        const p = target.startsWith('/') ? target.slice(1) : `xl/${target}`.replace(/\/\.\//g, '/');
        if (byName.has(p)) return p;
      }
    }
  }
  const sheets = [...byName.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
  return sheets[0] ?? null;
}

/** Rows of a sheet's XML that hold at least one value (formatted empty rows do not count); stops past `stopAfter`. */
async function countValueRows(chunks: AsyncIterable<string>, stopAfter: number): Promise<number> {
  const ROW = /<(?:\w+:)?row[\s>]/;
  const hasValue = (row: string) => /<(?:\w+:)?(?:v|t|f)[\s>]/.test(row);
  let rows = 0;
  let preamble = true;
  let carry = '';
  for await (const chunk of chunks) {
    const parts = (carry + chunk).split(ROW);
    // The last part may go on in the next chunk: it is carried (a row is a few KB; a runaway one counts as a row).
    carry = parts.pop() ?? '';
    if (preamble && parts.length > 0) {
      parts.shift();
      preamble = false;
    }
    for (const part of parts) if (hasValue(part)) rows++;
    if (carry.length > 4 * MB) {
      if (!preamble) rows++;
      carry = '';
    }
    if (rows > stopAfter) return rows;
  }
  if (!preamble && hasValue(carry.split(/<\/(?:\w+:)?sheetData>/)[0])) rows++;
  return rows;
}

export type XlsxLimits = { maxRows: number; /** All parts unzipped together. */ maxUncompressedBytes?: number };
/** 50,000 roster rows unzip to ~40 MB; the rest of a workbook is small. */
export const MAX_UNCOMPRESSED_BYTES = 150 * MB;
/** Rows above the data that may hold a title and the header. */
const HEADER_ALLOWANCE = 10;

/**
 * Refuses, before parsing, an .xlsx that unzips to more than the limit or whose first sheet has more rows than
 * `maxRows` (plus a few for the title and header). Cheap: the central directory, then one streamed pass over the
 * sheet's XML that stops as soon as the count is over.
 */
export async function inspectXlsx(data: Buffer, limits: XlsxLimits): Promise<{ entries: ZipEntry[]; sheetRows: number }> {
  const maxBytes = limits.maxUncompressedBytes ?? MAX_UNCOMPRESSED_BYTES;
  const entries = zipEntries(data);
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (total > maxBytes) throw tooLarge(total, maxBytes);
  const byName = new Map(entries.map((e) => [e.name, e]));
  const sheet = await firstSheetPath(data, byName);
  if (!sheet) throw invalid('文件中没有工作表，请使用导入模板', undefined, 'EXCEL_EMPTY');
  const limit = limits.maxRows + HEADER_ALLOWANCE;
  const sheetRows = await countValueRows(entryText(data, byName.get(sheet)!, maxBytes), limit);
  if (sheetRows > limit) throw invalid(`文件超过 ${limits.maxRows} 行的上限，请拆分后分批导入`, { maxRows: limits.maxRows }, 'EXCEL_TOO_MANY_ROWS');
  return { entries, sheetRows };
}
