/** One problem found in an input document. `path` is a dotted field path such as `alignment.minScore`. */
export interface Issue {
  path: string;
  message: string;
}

/** One problem found in a rule file; `rule` is absent when the problem is outside any rule. */
export interface RuleIssue {
  file: string;
  rule?: string;
  field: string;
  message: string;
}

/** `rules/x.rules.json › rule "name" › conditions.all[0].value: message` */
export function formatRuleIssue(issue: RuleIssue): string {
  const parts = [issue.file];
  if (issue.rule !== undefined) parts.push(`rule "${issue.rule}"`);
  if (issue.field !== '') parts.push(`${issue.field}: ${issue.message}`);
  else parts[parts.length - 1] += `: ${issue.message}`;
  return parts.join(' › ');
}

/** `source › path: message` */
export function formatIssue(source: string, issue: Issue): string {
  return issue.path === '' ? `${source}: ${issue.message}` : `${source} › ${issue.path}: ${issue.message}`;
}

/** A rule file (or set of files) was refused; `issues` lists every problem found. */
export class RuleFileError extends Error {
  override readonly name = 'RuleFileError';
  constructor(readonly issues: RuleIssue[]) {
    super(issues.map(formatRuleIssue).join('\n'));
  }
}

/** A settings document was refused; `issues` lists every problem found. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';
  constructor(
    readonly source: string,
    readonly issues: Issue[],
  ) {
    super(issues.map((issue) => formatIssue(source, issue)).join('\n'));
  }
}

/** A snapshot document was refused; `issues` lists every problem found. */
export class SnapshotError extends Error {
  override readonly name = 'SnapshotError';
  constructor(
    readonly source: string,
    readonly issues: Issue[],
  ) {
    super(issues.map((issue) => formatIssue(source, issue)).join('\n'));
  }
}

/** An argument of an engine call is malformed (a date, a quarter). */
export class InputError extends Error {
  override readonly name = 'InputError';
}
