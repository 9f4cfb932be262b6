/**
 * Candidate issue keys: a project key (an ASCII letter, then letters, digits or `_`; 2-255 characters),
 * `-`, and a number without a leading zero. Neither side may touch a letter of any script or a digit, and
 * the number may not be followed by "." and a digit, which is a version (`commons-lang-3.20.0`).
 */
const CANDIDATE = /(?<![\p{L}\p{N}])([A-Za-z][A-Za-z0-9_]{1,254})-([1-9][0-9]{0,17})(?![\p{L}\p{N}])(?!\.[0-9])/gu;

/**
 * The issue keys `text` mentions, upper-cased, in order of first appearance, without duplicates, kept
 * only when their project exists on the site (`projectKeys`, upper case). The allow-list is what removes
 * look-alikes such as `UTF-8`, `ISO-8859` or `CVE-2025`.
 */
export function extractIssueKeys(text: string, projectKeys: ReadonlySet<string>): string[] {
  return candidateKeys(text).filter((key) => projectKeys.has(projectOf(key)));
}

/** Every key-shaped token in `text`, before the allow-list: what the project-key cache is asked about. */
export function candidateKeys(text: string): string[] {
  const found = new Set<string>();
  const pattern = new RegExp(CANDIDATE.source, CANDIDATE.flags);
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const project = (match[1] as string).toUpperCase();
    found.add(`${project}-${match[2] as string}`);
    // `foo_ABC-1`: the token as a whole is FOO_ABC-1, but ABC-1 after the underscore is a key too.
    const underscore = project.indexOf('_');
    if (underscore > 0) pattern.lastIndex = match.index + underscore + 1;
  }
  return [...found];
}

export function projectOf(issueKey: string): string {
  return issueKey.slice(0, issueKey.lastIndexOf('-'));
}
