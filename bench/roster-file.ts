// A roster workbook of new members for the import benchmark: the demo generator's people, with ID numbers from
// region codes the demo county does not use (so none is already on the roster), in the template's columns.
import { idNumberCheckChar, MEMBER_SHEET_COLUMNS, memberSheetValues, type IsoDate } from '@yanzhen/domain';
import ExcelJS from 'exceljs';
import { planCounty } from '../server/src/demo/county-plan';
import { generateMembers, REGION_CODES } from '../server/src/demo/member-plan';

// One unused code per demo region code: a bijection, so unique numbers stay unique.
const IMPORT_REGIONS = ['610111', '610112', '610114', '610115', '610116', '610117', '610118', '610122', '610124', '610402', '610403', '610404'];

export async function buildRosterFile(rows: number, branchNames: string[], today: IsoDate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('党员名册');
  sheet.addRow(MEMBER_SHEET_COLUMNS.map((c) => c.title));
  let i = 0;
  for (const draft of generateMembers(planCounty({ seed: 'bench-import', members: rows }), { seed: 'bench-import', today })) {
    const region = IMPORT_REGIONS[REGION_CODES.indexOf(draft.fields.idNumber.slice(0, 6) as (typeof REGION_CODES)[number])];
    const first17 = region + draft.fields.idNumber.slice(6, 17);
    const fields = { ...draft.fields, idNumber: first17 + idNumberCheckChar(first17) };
    const values = memberSheetValues(fields, branchNames[i % branchNames.length], null);
    sheet.addRow(MEMBER_SHEET_COLUMNS.map((c) => values[c.key] ?? null));
    i++;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export { buildSheetXlsx, buildZipBomb } from '../server/src/test/xlsx-files';
