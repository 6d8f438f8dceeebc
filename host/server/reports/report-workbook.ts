import ExcelJS from 'exceljs';
import type { Lang } from '../../../plugin/notify/messages.ts';
import type { CalibrationReport } from './calibration-report.ts';
import { reportTables } from './report-tables.ts';
import { reportWord } from './report-words.ts';

/**
 * The report as an Excel workbook: one sheet per part, a Chinese header row and an English one
 * under it, numbers as numbers. `lang` chooses the sheet names and the words inside text cells.
 */
export async function reportWorkbook(report: CalibrationReport, lang: Lang): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'OKR Align';
  book.created = new Date(report.generatedAt);
  for (const table of reportTables(report, lang)) {
    const sheet = book.addWorksheet(reportWord(lang, `sheet.${table.key}`), {
      views: [{ state: 'frozen', ySplit: 2 }],
    });
    const zh = sheet.addRow(table.columns.map((c) => reportWord('zh-CN', `col.${c}`)));
    const en = sheet.addRow(table.columns.map((c) => reportWord('en-US', `col.${c}`)));
    zh.font = { bold: true };
    en.font = { italic: true, color: { argb: 'FF666666' } };
    for (const row of table.rows) sheet.addRow(row);
    table.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = Math.max(10, reportWord('en-US', `col.${c}`).length + 2, c === 'kr' ? 36 : 0);
      if (table.numeric.includes(c)) column.numFmt = '0.0';
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
