import fc from 'fast-check';
import { readSharedFixture } from '../../test/support/shared-fixtures';
import { candidateKeys, extractIssueKeys } from './extract-issue-keys';

/** The shared cases: input (\n for a newline) | project keys on the site | expected keys in order. */
const cases = readSharedFixture('issue-keys.tsv')
  .split('\n')
  .filter((line) => line.trim() && !line.startsWith('#') && !line.startsWith('input\t'))
  .map((line) => {
    const [input = '', projects = '', expected = ''] = line.split('\t');
    return {
      input: input.replace(/\\n/g, '\n'),
      projects: new Set(projects.split(',').filter(Boolean)),
      expected: expected.split(',').filter(Boolean),
    };
  });

describe('extractIssueKeys', () => {
  it('has the shared cases to run', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('$input → $expected', ({ input, projects, expected }) => {
    expect(extractIssueKeys(input, projects)).toEqual(expected);
  });

  it('finds a key after an underscore-joined prefix', () => {
    expect(extractIssueKeys('hotfix_DEMO-7 now', new Set(['DEMO']))).toEqual(['DEMO-7']);
  });

  it('does not take a one-letter project or a number past the digit limit', () => {
    expect(candidateKeys('A-1 and AB-1234567890123456789')).toEqual([]);
  });

  it('lists every key-shaped token before the allow-list, for the project-key cache', () => {
    expect(candidateKeys('UTF-8 and DEMO-1 and utf-8')).toEqual(['UTF-8', 'DEMO-1']);
  });
});

/** The regex candidateKeys replaced (it took about a second a megabyte of `a_a_…`): the new scanner must find exactly what it found. */
const OLD_CANDIDATE = /(?<![\p{L}\p{N}])([A-Za-z][A-Za-z0-9_]{1,254})-([1-9][0-9]{0,17})(?![\p{L}\p{N}])(?!\.[0-9])/gu;
function oldCandidateKeys(text: string): string[] {
  const found = new Set<string>();
  const pattern = new RegExp(OLD_CANDIDATE.source, OLD_CANDIDATE.flags);
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    const project = (match[1] as string).toUpperCase();
    found.add(`${project}-${match[2] as string}`);
    const underscore = project.indexOf('_');
    if (underscore > 0) pattern.lastIndex = match.index + underscore + 1;
  }
  return [...found];
}

describe('candidateKeys finds what the regex it replaced found', () => {
  it('on every message of a real history (Apache Commons Lang, 9,738 commits)', () => {
    const messages = readSharedFixture('history', 'apache-commons-lang.jsonl')
      .split('\n')
      .filter(Boolean)
      .map((line) => (JSON.parse(line) as { message: string }).message);
    expect(messages.length).toBeGreaterThan(9000);
    const differing = messages.filter((message) => JSON.stringify(candidateKeys(message)) !== JSON.stringify(oldCandidateKeys(message)));
    expect(differing).toEqual([]);
    expect(messages.filter((message) => candidateKeys(message).length > 0).length).toBeGreaterThan(1000);
  });

  it('on generated text made of the pieces keys are made of', () => {
    const piece = fc.constantFrom(
      'a',
      'B',
      'z',
      '_',
      '-',
      '-',
      '0',
      '1',
      '9',
      '.',
      ' ',
      'é',
      '日',
      '٣',
      '\u{1F600}',
      '\u{1D400}',
      '\ud800',
      '#',
      'AB',
      'DEMO-1',
      'ab_',
      '\n',
      'x'.repeat(250),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 24 }), (pieces) => {
        const text = pieces.join('');
        expect(candidateKeys(text)).toEqual(oldCandidateKeys(text));
      }),
      { numRuns: 20_000 },
    );
  });
});
