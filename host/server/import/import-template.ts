import ExcelJS from 'exceljs';
import {
  type FieldSpec,
  type FieldType,
  fieldsOf,
  type ImportKind,
} from '../../../plugin/app/import-fields.ts';
import { MAX_CELL_CHARS, MAX_ROWS } from './import-limits.ts';
import enUS from './locale/en-US.json' with { type: 'json' };
import zhCN from './locale/zh-CN.json' with { type: 'json' };

export const IMPORT_TEMPLATE_LANGS = ['zh-CN', 'en-US'] as const;
export type TemplateLang = (typeof IMPORT_TEMPLATE_LANGS)[number];

const WORDS: Record<TemplateLang, Record<string, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** Example values per field type: `month` and `date` are last month, so the row passes as it is. */
function example(type: FieldType, field: string, lang: TemplateLang, now: Date): string | number {
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  switch (type) {
    case 'person':
      return lang === 'zh-CN' ? '张三' : 'zhang';
    case 'month':
      return lastMonth.toISOString().slice(0, 7);
    case 'date':
      return lastMonth.toISOString().slice(0, 10);
    case 'count':
      return field === 'proposalsWon' ? 1 : 3;
    case 'money':
      return field === 'highMarginAmountCents' ? 5000 : 12345.67;
    case 'text':
      return field === 'id' ? 'ka-001' : lang === 'zh-CN' ? '宁德储能' : 'Ningde Storage';
  }
}

/**
 * An .xlsx to fill in for one import kind: the first sheet has the columns (named as the mapping
 * screen names the fields) and one example row; the second lists each column's accepted format.
 */
export async function importTemplate(kind: ImportKind, lang: TemplateLang, now: Date): Promise<Buffer> {
  const words = WORDS[lang];
  const say = (key: string, vars: Record<string, string | number> = {}) =>
    (words[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ''));
  const fields = Object.entries(fieldsOf(kind)) as [string, FieldSpec][];
  const label = (field: string) => say(`import.field.${kind}.${field}`);

  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet(say(`import.kind.${kind}`));
  data.addRow(fields.map(([f]) => label(f)));
  data.addRow(fields.map(([f, spec]) => example(spec.type, f, lang, now)));
  data.getRow(1).font = { bold: true };
  data.columns.forEach((c) => {
    c.width = 18;
  });

  const help = workbook.addWorksheet(say('import.template.formatsSheet'));
  help.addRow([
    say('import.template.column'),
    say('import.template.field'),
    say('import.template.required'),
    say('import.template.format'),
  ]);
  help.getRow(1).font = { bold: true };
  for (const [field, spec] of fields) {
    help.addRow([
      label(field),
      field,
      say(spec.required ? 'import.template.yes' : 'import.template.no'),
      say(`import.format.${spec.type}`, { max: spec.maxLength ?? MAX_CELL_CHARS }),
    ]);
  }
  help.addRow([]);
  help.addRow([say('import.template.limits', { rows: MAX_ROWS, chars: MAX_CELL_CHARS })]);
  help.columns.forEach((c, i) => {
    c.width = i === 3 ? 70 : 20;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
