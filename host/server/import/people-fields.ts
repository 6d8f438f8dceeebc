import ExcelJS from 'exceljs';
import type { Role } from '../../../plugin/domain/types.ts';
import { MAX_ROWS } from './import-limits.ts';
import type { TemplateLang } from './import-template.ts';
import enUS from './locale/people-en-US.json' with { type: 'json' };
import zhCN from './locale/people-zh-CN.json' with { type: 'json' };

/** The columns of a people file, in template order. */
export const PEOPLE_COLUMNS = ['name', 'role', 'region', 'manager', 'baseBonus'] as const;
export type PeopleColumn = (typeof PEOPLE_COLUMNS)[number];
export const REQUIRED_PEOPLE_COLUMNS: readonly PeopleColumn[] = ['name', 'role'];

/** The words a file may use for a role (either language, any case), first the ones the template shows. */
export const ROLE_WORDS: readonly [string, Role][] = [
  ['销售', 'sales'],
  ['经理', 'manager'],
  ['HR', 'hr'],
  ['战略', 'strategy'],
  ['管理员', 'admin'],
  ['sales', 'sales'],
  ['manager', 'manager'],
  ['strategy', 'strategy'],
  ['admin', 'admin'],
];
/** What the template and the errors list as the accepted role words. */
export const SHOWN_ROLE_WORDS = ROLE_WORDS.slice(0, 5).map(([w]) => w);

export function roleOfWord(word: string): Role | null {
  const w = word.trim().toLowerCase();
  return ROLE_WORDS.find(([k]) => k.toLowerCase() === w)?.[1] ?? null;
}

export const PEOPLE_WORDS: Record<TemplateLang, Record<string, string>> = { 'zh-CN': zhCN, 'en-US': enUS };

/** A header cell → its column, in either language (a file filled in English imports in Chinese too). */
export function columnOfHeader(header: string): PeopleColumn | null {
  const h = header.trim();
  for (const words of Object.values(PEOPLE_WORDS))
    for (const c of PEOPLE_COLUMNS) if ((words as Record<string, string>)[`column.${c}`] === h) return c;
  return null;
}

/**
 * The .xlsx to fill in: the columns with one example row, and a sheet with what each column accepts
 * (the role words and the regions that exist now).
 */
export async function peopleTemplate(lang: TemplateLang, regionNames: readonly string[]): Promise<Buffer> {
  const words = PEOPLE_WORDS[lang] as Record<string, string>;
  const say = (key: string, vars: Record<string, string | number> = {}) =>
    (words[key] ?? key).replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ''));
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet(say('sheet'));
  data.addRow(PEOPLE_COLUMNS.map((c) => say(`column.${c}`)));
  data.addRow([say('example.name'), SHOWN_ROLE_WORDS[0], regionNames[0] ?? say('example.region'), '', 30000]);
  data.getRow(1).font = { bold: true };
  data.columns.forEach((c) => {
    c.width = 20;
  });
  const help = workbook.addWorksheet(say('valuesSheet'));
  help.addRow([say('help.column'), say('help.required'), say('help.accepted')]);
  help.getRow(1).font = { bold: true };
  const regions = regionNames.length ? regionNames.join('、') : say('help.none');
  for (const c of PEOPLE_COLUMNS)
    help.addRow([
      say(`column.${c}`),
      say(REQUIRED_PEOPLE_COLUMNS.includes(c) ? 'help.yes' : 'help.no'),
      say(`help.${c}`, { roles: SHOWN_ROLE_WORDS.join('、'), regions }),
    ]);
  help.addRow([]);
  help.addRow([say('help.limits', { rows: MAX_ROWS })]);
  help.columns.forEach((c, i) => {
    c.width = i === 2 ? 80 : 20;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
