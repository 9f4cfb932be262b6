/** Longest branch name suggested: long enough to say what it is, short enough for terminals and PR titles. */
export const MAX_SUGGESTED_LENGTH = 60;
const MAX_BRANCH_NAME = 250;

/**
 * `DEMO-12-short-summary`: the issue key (so the branch links back to the issue) and the summary slugged
 * to ASCII words, cut at a word boundary.
 */
export function suggestBranchName(issueKey: string, summary: string): string {
  const words = summary
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let name = issueKey;
  for (const word of words) {
    if (name.length + 1 + word.length > MAX_SUGGESTED_LENGTH) break;
    name += `-${word}`;
  }
  return name;
}

/**
 * Why Git would refuse `name` as a branch (the rules of `git check-ref-format --branch`), or null if it is
 * fine. Checked before the host is asked, so the person gets the reason in their own words.
 */
export function branchNameProblem(name: string): string | null {
  if (name.length === 0) return 'Enter a branch name.';
  if (name.length > MAX_BRANCH_NAME) return `Branch names can be at most ${MAX_BRANCH_NAME} characters; this one has ${name.length.toLocaleString('en')}.`;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f~^:?*[\\]/.test(name)) return 'Branch names cannot contain spaces or any of ~ ^ : ? * [ \\.';
  if (name.includes('..') || name.includes('@{') || name.includes('//')) return 'Branch names cannot contain "..", "@{" or "//".';
  if (name.startsWith('-') || name.startsWith('/') || name.endsWith('/') || name.endsWith('.') || name === '@')
    return 'Branch names cannot start with "-" or "/", or end with "/" or ".".';
  if (name.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'))) return 'No part of a branch name may start with "." or end with ".lock".';
  return null;
}
