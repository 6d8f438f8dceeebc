const NUMBER = '(?:0|[1-9]\\d*)';
const IDENT = '[0-9A-Za-z-]+';
const VERSION = `${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-${IDENT}(?:\\.${IDENT})*)?(?:\\+${IDENT}(?:\\.${IDENT})*)?`;
const PARTIAL = `${NUMBER}(?:\\.(?:${NUMBER}|[xX*])(?:\\.(?:${NUMBER}|[xX*]))?)?`;

const versionPattern = new RegExp(`^${VERSION}$`);
const bareVersionPattern = new RegExp(`^(?:${VERSION}|${PARTIAL})$`);
const comparatorPattern = new RegExp(`^(?:(?:[~^]|[<>]=?|=)?(?:${VERSION}|${PARTIAL})|\\*|[xX])$`);

/** True for a full semver version such as `1.2.3` or `1.0.0-beta.1`. */
export function isSemverVersion(text: string): boolean {
  return versionPattern.test(text);
}

/**
 * True for a node-semver style range: comparator sets joined by `||`, comparators separated by
 * spaces (`^1.0.0`, `~1.2`, `>=1.2.0 <2.0.0`, `1.x`, `*`), or a hyphen range `1.0.0 - 1.4.0`.
 */
export function isSemverRange(text: string): boolean {
  if (text.trim() === '') return false;
  return text.split('||').every((set) => {
    const trimmed = set.trim();
    const hyphen = trimmed.split(/\s+-\s+/);
    if (hyphen.length === 2) return hyphen.every((part) => bareVersionPattern.test(part));
    const comparators = trimmed.split(/\s+/);
    return comparators.length > 0 && comparators.every((c) => comparatorPattern.test(c));
  });
}
