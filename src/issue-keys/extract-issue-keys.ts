/**
 * Candidate issue keys: a project key (an ASCII letter, then letters, digits or `_`; 2-255 characters),
 * `-`, and a number without a leading zero (at most 18 digits). Neither side may touch a letter of any
 * script or a digit, and the number may not be followed by "." and a digit, which is a version
 * (`commons-lang-3.20.0`). A key may start right after an `_`: `hotfix_DEMO-7` holds HOTFIX_DEMO-7 and
 * DEMO-7.
 *
 * These are the matches of
 * `/(?<![\p{L}\p{N}])([A-Za-z][A-Za-z0-9_]{1,254})-([1-9][0-9]{0,17})(?![\p{L}\p{N}])(?!\.[0-9])/gu`
 * (restarted after each `_` of a match's project key), found without it: that regex retried up to 254
 * characters from every letter after an `_` (0.7 s a megabyte of `a_a_a_…`). Here each `-` is looked at
 * once, with at most 18 digits after it and 255 characters before it, so the work is linear in the text.
 */
const MAX_PROJECT = 255;
const MAX_NUMBER_DIGITS = 18;
const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;

const isAsciiLetter = (code: number) => (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;
const isKeyChar = (code: number) => isAsciiLetter(code) || isDigit(code) || code === 0x5f;

/** Whether the code point is a letter (any script) or a digit (any script), as `[\p{L}\p{N}]` with `u`. */
function isLetterOrNumber(codePoint: number): boolean {
  if (codePoint < 0x80) return isAsciiLetter(codePoint) || isDigit(codePoint);
  return LETTER_OR_NUMBER.test(String.fromCodePoint(codePoint));
}

/** The code point that ends just before `index` (a surrogate pair read whole), or -1 at the start. */
function codePointBefore(text: string, index: number): number {
  if (index <= 0) return -1;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
  }
  return low;
}

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
  return [...new Set(keyOccurrences(text).map((occurrence) => occurrence.key))];
}

/** A key-shaped token and where it starts in the text. */
export interface KeyOccurrence {
  key: string;
  start: number;
}

/** Every key-shaped token in `text` with its position, in the order `candidateKeys` lists them. */
export function keyOccurrences(text: string): KeyOccurrence[] {
  const found: KeyOccurrence[] = [];
  for (let dash = text.indexOf('-'); dash !== -1; dash = text.indexOf('-', dash + 1)) {
    // The number: [1-9], then digits, all of them (a longer run touches a digit), then no letter or digit.
    if (dash + 1 >= text.length) break;
    const first = text.charCodeAt(dash + 1);
    if (first < 0x31 || first > 0x39) continue;
    let end = dash + 2;
    while (end < text.length && end - dash - 1 < MAX_NUMBER_DIGITS && isDigit(text.charCodeAt(end))) end += 1;
    const after = text.codePointAt(end);
    if (after !== undefined && isLetterOrNumber(after)) continue;
    if (after === 0x2e && isDigit(text.charCodeAt(end + 1))) continue;
    // The project: the letters, digits and `_` just before the dash, of which at most 255 can be a key.
    let start = dash;
    while (start > 0 && dash - start < MAX_PROJECT && isKeyChar(text.charCodeAt(start - 1))) start -= 1;
    // Each ASCII letter there starts a key if what precedes it is `_`, or is not a letter or digit at all.
    let tail: string | undefined;
    for (let index = start; index <= dash - 2; index += 1) {
      if (!isAsciiLetter(text.charCodeAt(index))) continue;
      const before = codePointBefore(text, index);
      if (before === 0x5f || before === -1 || (!isKeyChar(before) && !isLetterOrNumber(before))) {
        // The project key and number, upper-cased once for all the keys that end at this dash.
        tail ??= text.slice(start, end).toUpperCase();
        found.push({ key: tail.slice(index - start), start: index });
      }
    }
  }
  return found;
}

export function projectOf(issueKey: string): string {
  return issueKey.slice(0, issueKey.lastIndexOf('-'));
}
