import fc from 'fast-check';
import { linkTarget, nextLink } from './link-header';

/** The regex linkTarget replaced: quadratic on a run of `<` (seconds on a few hundred thousand). */
function oldLinkTarget(header: string | null, relation: string): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([a-z]+)"?/.exec(part);
    if (match && match[2] === relation) return match[1] ?? null;
  }
  return null;
}

describe('linkTarget', () => {
  it("reads GitHub's Link header", () => {
    // As GitHub documents it (docs.github.com, "Using pagination in the REST API").
    const header =
      '<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", <https://api.github.com/repositories/1300192/issues?page=4>; rel="next", <https://api.github.com/repositories/1300192/issues?page=515>; rel="last", <https://api.github.com/repositories/1300192/issues?page=1>; rel="first"';
    expect(nextLink(header)).toBe('https://api.github.com/repositories/1300192/issues?page=4');
    expect(linkTarget(header, 'last')).toBe('https://api.github.com/repositories/1300192/issues?page=515');
    expect(linkTarget(header, 'prev')).toBe('https://api.github.com/repositories/1300192/issues?page=2');
    expect(nextLink(null)).toBeNull();
    expect(nextLink('<https://api.github.com/x?page=1>; rel="first"')).toBeNull();
  });

  it('finds what the regex it replaced found, on generated headers', () => {
    const piece = fc.constantFrom('<', '>', ';', ' ', '\t', '\u00a0', ',', 'rel=', '"', 'next', 'last', 'a', 'X', 'rel="next"', '<https://h/x?page=2>');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), fc.constantFrom('next', 'last'), (pieces, relation) => {
        const header = pieces.join('');
        expect(linkTarget(header, relation)).toBe(oldLinkTarget(header, relation));
      }),
      { numRuns: 20_000 },
    );
  });
});
