/**
 * The target of one relation (`next`, `last`) in an HTTP Link header, as GitHub pages its lists:
 * `<https://api.github.com/…&page=2>; rel="next", <…&page=5>; rel="last"`.
 *
 * Linear in the header's length. It finds what `/<([^>]+)>\s*;\s*rel="?([a-z]+)"?/` found in each
 * comma-separated part, by index scans: that regex, run unanchored, retried `[^>]+` from every `<` and took
 * seconds on a header of a few hundred thousand `<`.
 */
export function linkTarget(header: string | null, relation: string): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const found = partTarget(part);
    if (found && found.relation === relation) return found.target;
  }
  return null;
}

export const nextLink = (header: string | null) => linkTarget(header, 'next');

const isSpace = (code: number) =>
  code === 0x20 ||
  (code >= 0x09 && code <= 0x0d) ||
  code === 0xa0 ||
  code === 0x1680 ||
  (code >= 0x2000 && code <= 0x200a) ||
  code === 0x2028 ||
  code === 0x2029 ||
  code === 0x202f ||
  code === 0x205f ||
  code === 0x3000 ||
  code === 0xfeff;
const isLowerAscii = (code: number) => code >= 0x61 && code <= 0x7a;

/**
 * The first `<target>; rel=name` in one comma-separated part, as the regex's leftmost match: its `<` is
 * the first one from which a `>` and then `; rel=` follow. After a failed try the next `<` is looked for
 * past that try's `>`, so each character is looked at a bounded number of times.
 */
function partTarget(part: string): { target: string; relation: string } | null {
  const end = part.length;
  let from = 0;
  for (;;) {
    const open = part.indexOf('<', from);
    if (open === -1) return null;
    const close = part.indexOf('>', open + 1);
    if (close === -1) return null;
    if (close > open + 1) {
      let index = close + 1;
      while (index < end && isSpace(part.charCodeAt(index))) index += 1;
      if (part[index] === ';') {
        index += 1;
        while (index < end && isSpace(part.charCodeAt(index))) index += 1;
        if (part.startsWith('rel=', index)) {
          index += 4;
          if (part[index] === '"') index += 1;
          const nameStart = index;
          while (index < end && isLowerAscii(part.charCodeAt(index))) index += 1;
          if (index > nameStart) return { target: part.slice(open + 1, close), relation: part.slice(nameStart, index) };
        }
      }
    }
    // Every `<` up to `close` leads to the same `>` and fails the same way: the next try starts after it.
    from = close + 1;
  }
}
