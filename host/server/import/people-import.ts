import { randomUUID } from 'node:crypto';
import { defineCommand } from '../../../plugin/app/command.ts';
import { createPerson } from '../../../plugin/app/commands/organisation.ts';
import type { Id, Person, Role } from '../../../plugin/domain/types.ts';
import { cellText, isEmpty, parseMoney } from './parse-cell.ts';
import {
  columnOfHeader,
  type PeopleColumn,
  REQUIRED_PEOPLE_COLUMNS,
  roleOfWord,
  SHOWN_ROLE_WORDS,
} from './people-fields.ts';
import type { Table } from './table.ts';
import { ImportMappingError } from './validate-rows.ts';

export type PeopleIssueReason =
  | 'required'
  | 'too-long'
  | 'unknown-role'
  | 'unknown-region'
  | 'unknown-person'
  | 'ambiguous-person'
  | 'person-exists'
  | 'duplicate-row'
  | 'not-money'
  | 'fraction-of-cent'
  | 'out-of-range';

/**
 * One refused cell. `row` is the row number in Excel (header = 1); `column` the header as written in
 * the file; `allowed` the values the column accepts when they are a short list (roles, regions).
 */
export interface PeopleIssue {
  row: number;
  column: string;
  field: PeopleColumn;
  reason: PeopleIssueReason;
  value: string;
  allowed?: string[];
}

export interface PeopleRow {
  row: number;
  person: Person;
}

interface Known {
  regions: { id: Id; name: string }[];
  people: { id: Id; name: string }[];
}

const MAX_NAME = 100;
/** A person's quarterly base bonus is at most 100 million yuan (the person command's limit). */
const MAX_BONUS_CENTS = 100_000_000_00;

/** The file's header → column index; refuses a file without the required columns or with a column twice. */
function columnsOf(table: Table): Map<PeopleColumn, number> {
  const columns = new Map<PeopleColumn, number>();
  const problems: string[] = [];
  table.headers.forEach((h, i) => {
    const c = columnOfHeader(h);
    if (!c) return;
    if (columns.has(c)) problems.push(`column "${h}" appears twice`);
    columns.set(c, i);
  });
  for (const c of REQUIRED_PEOPLE_COLUMNS)
    if (!columns.has(c))
      problems.push(`required column "${c}" is missing (download the template for the column names)`);
  if (problems.length) throw new ImportMappingError(problems);
  return columns;
}

/**
 * Checks every row of a people file against the regions and people that exist: a manager is named by
 * the name in the manager column, found among the stored people or the earlier rows of the file.
 */
export function validatePeople(table: Table, known: Known): { rows: PeopleRow[]; issues: PeopleIssue[] } {
  const columns = columnsOf(table);
  const regionByName = new Map(known.regions.map((r) => [r.name.trim(), r.id]));
  const regionNames = known.regions.map((r) => r.name);
  const stored = new Map<string, Id[]>();
  for (const p of known.people) stored.set(p.name.trim(), [...(stored.get(p.name.trim()) ?? []), p.id]);
  const inFile = new Map<string, { id: Id; row: number }>();
  const rows: PeopleRow[] = [];
  const issues: PeopleIssue[] = [];
  for (const r of table.rows) {
    const found: PeopleIssue[] = [];
    const cell = (c: PeopleColumn) => {
      const i = columns.get(c);
      return i === undefined ? null : (r.cells[i] ?? null);
    };
    const issue = (field: PeopleColumn, reason: PeopleIssueReason, extra: Partial<PeopleIssue> = {}) =>
      found.push({
        row: r.rowNumber,
        column: table.headers[columns.get(field) as number] ?? field,
        field,
        reason,
        value: cellText(cell(field)).slice(0, 100),
        ...extra,
      });
    const name = cellText(cell('name'));
    if (!name) issue('name', 'required');
    else if (name.length > MAX_NAME) issue('name', 'too-long');
    else if (stored.has(name)) issue('name', 'person-exists');
    else if (inFile.has(name)) issue('name', 'duplicate-row', { value: String(inFile.get(name)?.row) });
    const role: Role | null = isEmpty(cell('role')) ? null : roleOfWord(cellText(cell('role')));
    if (isEmpty(cell('role'))) issue('role', 'required', { allowed: SHOWN_ROLE_WORDS });
    else if (!role) issue('role', 'unknown-role', { allowed: SHOWN_ROLE_WORDS });
    let regionId: Id | null = null;
    if (!isEmpty(cell('region'))) {
      regionId = regionByName.get(cellText(cell('region'))) ?? null;
      if (!regionId) issue('region', 'unknown-region', { allowed: regionNames });
    }
    let managerId: Id | null = null;
    if (!isEmpty(cell('manager'))) {
      const m = cellText(cell('manager'));
      const ids = stored.get(m) ?? [];
      if (ids.length > 1) issue('manager', 'ambiguous-person');
      else managerId = ids[0] ?? inFile.get(m)?.id ?? null;
      if (ids.length === 0 && !managerId) issue('manager', 'unknown-person');
    }
    let baseBonusCents = 0;
    if (!isEmpty(cell('baseBonus'))) {
      const money = parseMoney(cell('baseBonus'), 'yuan');
      if (!money.ok) issue('baseBonus', money.reason as PeopleIssueReason);
      else if (money.value > MAX_BONUS_CENTS) issue('baseBonus', 'out-of-range');
      else baseBonusCents = money.value;
    }
    const id = randomUUID();
    if (name && !inFile.has(name)) inFile.set(name, { id, row: r.rowNumber });
    if (found.length || !role) issues.push(...found);
    else rows.push({ row: r.rowNumber, person: { id, name, role, regionId, managerId, baseBonusCents } });
  }
  // A manager named on a bad row is not created: the rows naming them are refused too.
  const good = new Set(rows.map((r) => r.person.id));
  const fileIds = new Set([...inFile.values()].map((v) => v.id));
  for (const r of rows) {
    const m = r.person.managerId;
    if (m && fileIds.has(m) && !good.has(m)) {
      const i = columns.get('manager') as number;
      issues.push({
        row: r.row,
        column: table.headers[i] ?? 'manager',
        field: 'manager',
        reason: 'unknown-person',
        value: [...inFile.entries()].find(([, v]) => v.id === m)?.[0] ?? '',
      });
    }
  }
  const refused = new Set(issues.map((i) => i.row));
  return { rows: rows.filter((r) => !refused.has(r.row)), issues: issues.sort((a, b) => a.row - b.row) };
}

/** All rows of a file as `person.create` commands in one transaction: each person audited as if added by hand. */
export const importPeople = defineCommand({
  name: 'person.import',
  summary: 'Add the people of a checked file, each as person.create, in one transaction',
  changesRules: true,
  input: {
    type: 'object',
    required: ['people'],
    additionalProperties: false,
    properties: { people: { type: 'array', minItems: 1, maxItems: 10_000, items: createPerson.input } },
  },
  async run(ctx, b: { people: Person[] }) {
    const created: Person[] = [];
    for (const p of b.people) created.push(await createPerson.run(ctx, p));
    return created;
  },
});
