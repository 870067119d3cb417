import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { columnOf, excelDate, isDateFormat, readXlsx, XlsxError, type XlsxRow } from './xlsx-reader.js';

async function all(bytes: Uint8Array): Promise<XlsxRow[]> {
  const rows: XlsxRow[] = [];
  for await (const r of readXlsx(bytes)) rows.push(r);
  return rows;
}

/** A workbook written by exceljs's streaming writer, the way Excel-like tools write shared strings. */
async function excelFile(build: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void): Promise<Buffer> {
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (c: Buffer) => parts.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true });
  build(wb);
  await wb.commit();
  return Buffer.concat(parts);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A minimal package put together by hand, for what common writers do not produce. */
function handMade(parts: { workbook: string; rels: string; sheets: Record<string, string>; strings?: string; styles?: string }): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '_rels/.rels': strToU8(`${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`${XML}${parts.workbook}`),
    'xl/_rels/workbook.xml.rels': strToU8(`${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${parts.rels}</Relationships>`),
  };
  for (const [name, xml] of Object.entries(parts.sheets)) files[name] = strToU8(`${XML}${xml}`);
  if (parts.strings) files['xl/sharedStrings.xml'] = strToU8(`${XML}${parts.strings}`);
  if (parts.styles) files['xl/styles.xml'] = strToU8(`${XML}${parts.styles}`);
  return zipSync(files);
}

describe('XLSX reader', () => {
  it('keeps every Chinese character intact across the inflater’s pieces (shared strings and sheet well over 16 KB)', async () => {
    const names = Array.from({ length: 4000 }, (_, i) => `客户${'龘靐齉'.repeat((i % 7) + 1)}𠮷${i}号，上海市浦东新区世纪大道${i}弄`);
    const bytes = await excelFile((wb) => {
      const ws = wb.addWorksheet('客户');
      ws.addRow(['姓名', '备注']).commit();
      names.forEach((n, i) => ws.addRow([n, `第${i}行：中文备注，${'测'.repeat(i % 13)}`]).commit());
      ws.commit();
    });
    const rows = await all(bytes);
    expect(rows).toHaveLength(names.length + 1);
    expect(rows[0]).toEqual({ row: 1, values: ['姓名', '备注'] });
    rows.slice(1).forEach((r, i) => {
      expect(r.row).toBe(i + 2);
      expect(r.values).toEqual([names[i], `第${i}行：中文备注，${'测'.repeat(i % 13)}`]);
    });
    expect(rows.some((r) => r.values.some((v) => typeof v === 'string' && v.includes('\uFFFD')))).toBe(false);
  });

  it('reads numbers, dates by their format, booleans, formulas by their result and rich text; only the first sheet', async () => {
    const bytes = await excelFile((wb) => {
      const ws = wb.addWorksheet('第一页');
      const row = ws.addRow([13812345678, new Date(Date.UTC(1990, 4, 6)), true, { formula: 'A1&"x"', result: '结果' }, { richText: [{ text: '富' }, { text: '文本' }] }, 12.5]);
      row.getCell(2).numFmt = 'yyyy"年"m"月"d"日"';
      row.commit();
      const timed = ws.addRow([new Date(Date.UTC(2024, 0, 2, 8, 30, 15))]);
      timed.getCell(1).numFmt = 'yyyy-mm-dd hh:mm:ss';
      timed.commit();
      ws.commit();
      const other = wb.addWorksheet('第二页');
      other.addRow(['不该读到']).commit();
      other.commit();
    });
    const rows = await all(bytes);
    expect(rows).toHaveLength(2);
    expect(rows[0].values).toEqual([13812345678, new Date(Date.UTC(1990, 4, 6)), true, '结果', '富文本', 12.5]);
    expect(rows[1].values).toEqual([new Date(Date.UTC(2024, 0, 2, 8, 30, 15))]);
  });

  it('follows the workbook’s sheet order, prefixed names, inline strings, phonetic runs, missing references and the 1904 date system', async () => {
    const bytes = handMade({
      workbook: `<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}"><x:workbookPr date1904="1"/><x:sheets><x:sheet name="首页" sheetId="2" r:id="rId7"/><x:sheet name="次页" sheetId="1" r:id="rId3"/></x:sheets></x:workbook>`,
      rels: `<Relationship Id="rId3" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId7" Type="${REL}/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId9" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId10" Type="${REL}/styles" Target="styles.xml"/>`,
      sheets: {
        'xl/worksheets/sheet1.xml': `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>错误的页</t></is></c></row></sheetData></worksheet>`,
        'xl/worksheets/sheet2.xml':
          `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
          `<x:row r="3"><x:c r="B3" t="s"><x:v>0</x:v></x:c><x:c r="D3" t="inlineStr"><x:is><x:r><x:t xml:space="preserve">欧阳 </x:t></x:r><x:r><x:t>明月</x:t></x:r><x:rPh sb="0" eb="2"><x:t>オウヨウ</x:t></x:rPh></x:is></x:c></x:row>` +
          `<x:row><x:c s="1"><x:v>0</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="d"><x:v>2024-03-01T09:00:00</x:v></x:c><x:c t="str"><x:v>&lt;公式&gt;</x:v></x:c><x:c t="b"><x:v>0</x:v></x:c></x:row>` +
          `</x:sheetData></x:worksheet>`,
      },
      strings: `<sst ${NS} count="1" uniqueCount="1"><si><r><t>张</t></r><r><rPr><b/></rPr><t>三</t></r><rPh sb="0" eb="1"><t>zhang</t></rPh><phoneticPr fontId="1"/></si></sst>`,
      styles: `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="180" formatCode="[$-804]yyyy&quot;年&quot;m&quot;月&quot;"/></numFmts><cellStyleXfs count="1"><xf numFmtId="180"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="180"/></cellXfs></styleSheet>`,
    });
    const rows = await all(bytes);
    expect(rows).toEqual([
      { row: 3, values: [null, '张三', null, '欧阳 明月'] },
      { row: 4, values: [new Date(Date.UTC(1904, 0, 1)), null, new Date(Date.UTC(2024, 2, 1, 9)), '<公式>', false] },
    ]);
  });

  it('refuses what is not a workbook with a reason', async () => {
    await expect(all(Buffer.from('not a zip at all'))).rejects.toBeInstanceOf(XlsxError);
    await expect(all(zipSync({ 'word/document.xml': strToU8('<w/>') }))).rejects.toThrow(/no workbook/);
    const noSheet = handMade({ workbook: `<workbook ${NS}><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>`, rels: `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`, sheets: {} });
    await expect(all(noSheet)).rejects.toThrow(/missing/);
    const broken = handMade({ workbook: `<workbook ${NS}><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>`, rels: `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>`, sheets: { 'xl/worksheets/sheet1.xml': `<worksheet ${NS}><sheetData><row><c>` } });
    await expect(all(broken)).rejects.toBeInstanceOf(XlsxError);
  });

  it('tells date formats from number formats', () => {
    for (const code of ['yyyy/m/d', 'yyyy"年"m"月"d"日"', '[$-F800]dddd, mmmm dd, yyyy', 'h:mm AM/PM', '[h]:mm:ss', 'm/d/yy;@']) expect(isDateFormat(code), code).toBe(true);
    for (const code of ['General', '0.00', '#,##0_);[Red](#,##0)', '"单位："0', '0.00E+00', '@', '"h"0']) expect(isDateFormat(code), code).toBe(false);
    expect(columnOf('A1')).toBe(0);
    expect(columnOf('ab12')).toBe(27);
    expect(columnOf(undefined)).toBe(-1);
    expect(excelDate(25569, false)).toEqual(new Date(0));
  });
});
