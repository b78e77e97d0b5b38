// Excel in and out, for every module: streamed .xlsx replies with formula injection neutralized, and a tolerant sheet reader.
import { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { invalid } from '@yanzhen/domain';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import { inspectXlsx } from './excel-zip';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A string cell that a spreadsheet would run as a formula (= + - @, or a leading tab/CR) gets a leading apostrophe. */
export function neutralizeCell(value: unknown): unknown {
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(value)) return `'${value}`;
  return value;
}

/** Undoes `neutralizeCell` on reading, so an exported file re-imports to exactly the stored values. */
export const unneutralizeText = (text: string): string => (/^'[=+\-@\t\r]/.test(text) ? text.slice(1) : text);

/** `attachment` with an ASCII fallback and the RFC 5987 UTF-8 name, so browsers keep the Chinese file name. */
export function contentDisposition(fileName: string, asciiFallback?: string): string {
  const ascii = (asciiFallback ?? fileName).replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export type XlsxColumn = { title: string; width?: number; /** Text format ('@'), e.g. ID numbers, so Excel keeps all 18 digits. */ text?: boolean };

/** The sheet's data validations (ExcelJS has them, its typings do not): `add('B2:B5001', {type: 'list', ...})`. */
export type DataValidations = { add: (range: string, validation: ExcelJS.DataValidation) => void };

export type SheetWriter = {
  sheet: ExcelJS.Worksheet;
  dataValidations: DataValidations;
  /** Appends and commits one data row; strings are neutralized. */
  addRow: (values: readonly unknown[]) => void;
  commit: () => void;
};

/** A sheet with a bold, frozen header row; the columns' widths and text formats applied. */
export function addSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  columns: readonly XlsxColumn[],
  opts: { state?: 'visible' | 'hidden' | 'veryHidden' } = {},
): SheetWriter {
  const sheet = workbook.addWorksheet(name, { state: opts.state ?? 'visible', views: [{ state: 'frozen', ySplit: columns.length ? 1 : 0 }] });
  sheet.columns = columns.map((c) => ({ width: c.width ?? 14, style: c.text ? { numFmt: '@' } : {} }));
  if (columns.length) {
    const header = sheet.addRow(columns.map((c) => c.title));
    header.font = { bold: true };
    header.commit();
  }
  return {
    sheet,
    dataValidations: (sheet as unknown as { dataValidations: DataValidations }).dataValidations,
    addRow: (values) => sheet.addRow(values.map((v) => neutralizeCell(v ?? null))).commit(),
    commit: () => sheet.commit(),
  };
}

/**
 * Streams a workbook to the reply: `write` adds the sheets and rows (nothing is held in memory beyond the current
 * rows). Check permissions and inputs before calling: once streaming has begun, an error can only cut the download.
 */
export function sendXlsx(
  reply: FastifyReply,
  fileName: { name: string; ascii: string },
  write: (workbook: ExcelJS.stream.xlsx.WorkbookWriter) => Promise<void>,
): FastifyReply {
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  void (async () => {
    await write(workbook);
    await workbook.commit();
  })().catch((err: unknown) => {
    reply.log.error({ err }, 'xlsx export failed');
    stream.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return reply.header('content-type', XLSX_MIME).header('content-disposition', contentDisposition(fileName.name, fileName.ascii)).header('cache-control', 'no-store').send(stream);
}

// ---- Reading ---------------------------------------------------------------------------------------------------

export type ReadColumn<K extends string> = { key: K; title: string; required: boolean; kind: 'text' | 'date' };
export type CellIssue<K extends string> = { key: K; message: string };
export type SheetRow<K extends string> = { row: number; values: Record<K, string | null>; issues: CellIssue<K>[] };
export type SheetRead<K extends string> = { rows: SheetRow<K>[]; unknownColumns: string[] };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];
const startsWith = (data: Buffer, magic: number[]) => magic.every((b, i) => data[i] === b);

/** A quick look at the bytes: an .xlsx is a zip; an old .xls or a CSV gets its own message. */
export function assertXlsxFile(data: Buffer): void {
  if (data.length === 0) throw invalid('上传的文件是空的', undefined, 'EXCEL_EMPTY');
  if (startsWith(data, OLE_MAGIC)) throw invalid('不支持旧版 Excel（.xls）文件，请在 Excel 中“另存为” .xlsx 格式后再上传', undefined, 'EXCEL_NOT_XLSX');
  if (!startsWith(data, ZIP_MAGIC)) throw invalid('请上传 Excel（.xlsx）格式的文件（不支持 .xls、.csv、.et 等格式）', undefined, 'EXCEL_NOT_XLSX');
}

/**
 * `assertXlsxFile`, then the limits read from the zip before anything is parsed: refuses a file that unzips to more
 * than the limit (a zip bomb) or whose first sheet has more than `maxRows` rows, in milliseconds.
 */
export async function assertImportableXlsx(data: Buffer, maxRows: number): Promise<void> {
  assertXlsxFile(data);
  await inspectXlsx(data, { maxRows });
}

const normalizeTitle = (t: string) =>
  t
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[\s*＊:：]/g, '')
    .trim();

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isoFromUtc = (d: Date) => `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** 1985-3-12, 1985/03/12, 1985.3.12, 1985年3月12日, 19850312 → 1985-03-12; anything else is returned as typed. */
export function normalizeDateText(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (!m) return text;
  return `${m[1]}-${pad(Number(m[2]))}-${pad(Number(m[3]))}`;
}

/** Excel's serial day number (1900 system) → ISO date. */
const serialToIso = (serial: number) => isoFromUtc(new Date(Math.round((serial - 25569) * 86_400_000)));

type CellText = { text: string | null; issue?: string };

function cellText(value: ExcelJS.CellValue, kind: 'text' | 'date', title: string): CellText {
  if (value === null || value === undefined) return { text: null };
  if (value instanceof Date) return { text: isoFromUtc(value) };
  if (typeof value === 'number') {
    if (kind === 'date') {
      if (Number.isInteger(value) && value >= 19000101 && value <= 21001231) return { text: normalizeDateText(String(value)) };
      if (value > 0 && value < 100_000) return { text: serialToIso(value) };
      return { text: String(value) };
    }
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      return { text: null, issue: `${title}被 Excel 存成了数字，末几位已丢失，请将该列设为“文本”格式后重新填写` };
    }
    return { text: String(value) };
  }
  if (typeof value === 'boolean') return { text: value ? '是' : '否' };
  if (typeof value === 'string') return { text: unneutralizeText(value) };
  if ('error' in value) return { text: null, issue: `${title}单元格内容有误（${value.error}）` };
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || (typeof result === 'object' && result !== null && 'error' in result)) {
      return { text: null, issue: `${title}是公式且没有计算结果，请改为直接填写内容` };
    }
    return cellText(result as ExcelJS.CellValue, kind, title);
  }
  if ('text' in value) return { text: typeof value.text === 'string' ? value.text : null };
  return { text: String(value) };
}

/**
 * Reads the first sheet of an .xlsx: finds the header row by the columns' Chinese titles (any order; `*` and
 * bracketed remarks ignored), then returns every non-empty row below it with its Excel row number, cells trimmed,
 * dates as YYYY-MM-DD. Missing required columns, an unreadable file or too many rows throw a Chinese message.
 */
export async function readSheet<K extends string>(data: Buffer, columns: readonly ReadColumn<K>[], opts: { maxRows: number }): Promise<SheetRead<K>> {
  await assertImportableXlsx(data, opts.maxRows);
  const sheet = await parseFirstSheet(data);
  if (!sheet || sheet.rows.length === 0) throw invalid('文件中没有数据：第一个工作表是空的', undefined, 'EXCEL_EMPTY');
  const cells = new Map(sheet.rows);
  const rowValues = (r: number): readonly ExcelJS.CellValue[] => cells.get(r) ?? [];

  const byTitle = new Map(columns.map((c) => [normalizeTitle(c.title), c]));
  // The header is the first of the top rows that names at least two known columns (a title row may sit above it).
  let headerRow = 0;
  const positions = new Map<K, number>();
  const unknownColumns: string[] = [];
  const duplicates: string[] = [];
  for (let r = 1; r <= Math.min(10, sheet.rowCount) && headerRow === 0; r++) {
    const found = new Map<K, number>();
    const unknown: string[] = [];
    rowValues(r).forEach((value, col) => {
      const title = normalizeTitle(cellText(value, 'text', '').text ?? '');
      if (!title) return;
      const c = byTitle.get(title);
      if (!c) unknown.push(title);
      else if (found.has(c.key)) duplicates.push(c.title);
      else found.set(c.key, col);
    });
    if (found.size >= 2) {
      headerRow = r;
      for (const [k, v] of found) positions.set(k, v);
      unknownColumns.push(...unknown);
    } else duplicates.length = 0;
  }
  if (headerRow === 0) throw invalid(`未找到表头行：第一个工作表的前10行中没有“${columns.map((c) => c.title).slice(0, 3).join('”“')}”等列名，请使用导入模板`, undefined, 'EXCEL_NO_HEADER');
  if (duplicates.length) throw invalid(`表头中的列重复：${[...new Set(duplicates)].join('、')}`, undefined, 'EXCEL_DUPLICATE_COLUMNS');
  const missing = columns.filter((c) => c.required && !positions.has(c.key)).map((c) => c.title);
  if (missing.length) throw invalid(`缺少必需的列：${missing.join('、')}（第${headerRow}行为表头）`, { missing }, 'EXCEL_MISSING_COLUMNS');

  const rows: SheetRow<K>[] = [];
  for (const [r, row] of sheet.rows) {
    if (r <= headerRow) continue;
    const values = {} as Record<K, string | null>;
    const issues: CellIssue<K>[] = [];
    let empty = true;
    for (const c of columns) {
      const col = positions.get(c.key);
      if (col === undefined) {
        values[c.key] = null;
        continue;
      }
      const { text, issue } = cellText(row[col], c.kind, c.title);
      if (issue) issues.push({ key: c.key, message: issue });
      const trimmed = text?.trim() || null;
      values[c.key] = trimmed && c.kind === 'date' ? normalizeDateText(trimmed) : trimmed;
      if (trimmed || issue) empty = false;
    }
    if (empty) continue;
    rows.push({ row: r, values, issues });
    if (rows.length > opts.maxRows) throw invalid(`文件超过 ${opts.maxRows} 行的上限，请拆分后分批导入`, undefined, 'EXCEL_TOO_MANY_ROWS');
  }
  if (rows.length === 0) throw invalid('文件中没有数据：表头下面没有填写任何行', undefined, 'EXCEL_EMPTY');
  return { rows, unknownColumns: [...new Set(unknownColumns)] };
}

/** The first sheet's rows that have values, as [Excel row number, cell values by column number (1-based, sparse)]. */
type ParsedSheet = { rowCount: number; rows: [number, ExcelJS.CellValue[]][] };

/**
 * Parses an .xlsx in a worker thread (ExcelJS takes seconds of CPU for a county's roster: on the request thread every
 * other request would wait for it). The worker loads exceljs from node_modules and sends back plain cell values.
 */
function parseFirstSheet(data: Buffer): Promise<ParsedSheet | null> {
  const exceljsPath = createRequire(import.meta.url).resolve('exceljs');
  return new Promise((resolve, reject) => {
    const worker = new Worker(PARSE_WORKER, { eval: true, workerData: { exceljsPath, data } });
    worker.once('message', (m: { ok: true; sheet: ParsedSheet | null } | { ok: false }) => {
      void worker.terminate();
      if (m.ok) resolve(m.sheet);
      else reject(invalid('文件已损坏或不是有效的 Excel（.xlsx）文件，请用 Excel 打开确认后重新保存再上传', undefined, 'EXCEL_UNREADABLE'));
    });
    worker.once('error', reject);
  });
}

const PARSE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const ExcelJS = require(workerData.exceljsPath);
(async () => {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(workerData.data);
  } catch {
    parentPort.postMessage({ ok: false });
    return;
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) {
    parentPort.postMessage({ ok: true, sheet: null });
    return;
  }
  const rows = [];
  sheet.eachRow({ includeEmpty: false }, (row, r) => rows.push([r, row.values]));
  parentPort.postMessage({ ok: true, sheet: { rowCount: sheet.rowCount, rows } });
})();
`;
